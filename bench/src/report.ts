import { median } from "./stats.js";

/** One measured quantity, one value per variant (the median over rounds), with every round kept. */
export interface Metric {
  readonly name: string;
  readonly unit: string;
  /** Which way is good: the ratio column is then "how much of plain's speed", >= 1 at least as good. */
  readonly better: "higher" | "lower";
  readonly medians: Record<string, number>;
  readonly rounds: Record<string, number[]>;
}

/** A target from the issue, checked against what this run measured. */
export interface Target {
  readonly description: string;
  readonly measured: string;
  readonly pass: boolean;
}

export interface ScenarioReport {
  readonly id: string;
  readonly title: string;
  /** Variant keys in column order, and their printed names. */
  readonly variants: readonly { readonly key: string; readonly label: string; readonly short: string }[];
  readonly metrics: readonly Metric[];
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
  readonly settings: Record<string, unknown>;
  /** False where the columns are not alternatives to compare (sizes of a contract). */
  readonly ratios?: boolean;
}

/** A metric from per-round values. */
export function metric(
  name: string,
  unit: string,
  better: "higher" | "lower",
  rounds: Record<string, number[]>,
): Metric {
  const medians = Object.fromEntries(Object.entries(rounds).map(([variant, values]) => [variant, median(values)]));
  return { name, unit, better, medians, rounds };
}

/** `variant` relative to `base` on this metric: the share of `base`'s performance, so 1 or more is as good or better. */
export function relative(metric: Metric, variant: string, base: string): number {
  const value = metric.medians[variant]!;
  const reference = metric.medians[base]!;
  return metric.better === "higher" ? value / reference : reference / value;
}

export function formatNumber(value: number): string {
  if (value === Infinity) return "over limit";
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : "n/a";
}

/** A Markdown table (so the output can be pasted into the README as it is). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? "-".repeat(width) : `${"-".repeat(width - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * Prints one scenario: a row per metric with each variant's median, then each non-plain variant
 * relative to the first (plain) variant, and relative to each other where there are three.
 */
export function renderScenario(report: ScenarioReport): string {
  const [base, ...compared] = report.variants;
  const others = report.ratios === false ? [] : compared;
  const header = ["metric", ...report.variants.map((variant) => variant.label)];
  for (const other of others) header.push(`${other.short} / ${base!.short}`);
  if (others.length === 2) header.push(`${others[1]!.short} / ${others[0]!.short}`);
  const rows = report.metrics.map((m) => {
    const cells = [`${m.name} (${m.unit})`, ...report.variants.map((variant) => formatNumber(m.medians[variant.key]!))];
    for (const other of others) cells.push(formatRatio(relative(m, other.key, base!.key)));
    if (others.length === 2) cells.push(formatRatio(relative(m, others[1]!.key, others[0]!.key)));
    return cells;
  });
  const lines = [`### ${report.id}. ${report.title}`, "", table(header, rows)];
  if (report.targets.length > 0) {
    lines.push("");
    for (const target of report.targets)
      lines.push(`- ${target.pass ? "PASS" : "MISS"} ${target.description}: ${target.measured}`);
  }
  for (const note of report.notes) lines.push(`- ${note}`);
  return lines.join("\n");
}
