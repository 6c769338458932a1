import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contractSchemas, parserSources } from "@socket-contract/contract/internal";
import { exampleContract } from "../example-contract.js";
import { type Metric, type ScenarioReport, metric, relative } from "../report.js";
import { type Worker, startWorker } from "../rpc.js";
import type { Settings } from "../settings.js";
import { median } from "../stats.js";

type Rows = { label: string; results: Record<string, number[]> }[];

const WITH_EVAL = [
  { key: "safeParse", label: "schema.safeParse", short: "safeParse" },
  { key: "bareCompile", label: "bare z.compile", short: "z.compile" },
  { key: "receive", label: "runtime, receiving (parse)", short: "receive" },
  { key: "sendCheck", label: "runtime, sending (check)", short: "send" },
] as const;

const WITHOUT_EVAL = [
  { key: "safeParse", label: "schema.safeParse", short: "safeParse" },
  { key: "receiveNoEval", label: "runtime, Zod's parser", short: "no parsers" },
  { key: "receivePrecompiled", label: "runtime, generated parsers, receiving", short: "receive" },
  { key: "sendPrecompiled", label: "runtime, generated parsers, sending", short: "send" },
] as const;

const PER_LIBRARY = [
  { key: "validate", label: "~standard.validate alone", short: "validate" },
  { key: "receive", label: "runtime, receiving (parse)", short: "receive" },
  { key: "sendCheck", label: "runtime, sending (check)", short: "send" },
  { key: "overhead", label: "runtime's own work (receive − validate)", short: "overhead" },
] as const;

/** The runtime's own work around a non-Zod validator may cost this much per event at most (issue 14). */
const OVERHEAD_TARGET_NS = 150;

/** Receiving a small payload must be at least this many times faster than safeParse (issue 16)... */
const SPEEDUP_TARGET = 4;
/** ...with the runtime's own work around Zod's compiled parser (receive − bare z.compile) at most this (issue 16). */
const FIXED_OVERHEAD_TARGET_NS = 40;

/** The payloads of a few fields the speedup target is about: the 1 KB order is a parse of its own. */
const isSmall = (label: string): boolean => !label.startsWith("order:place") && !label.includes("invalid");

type LibraryRows = { label: string; library: string; valid: boolean; results: Record<string, number[]> }[];

/**
 * Scenario 6: the runtime's validation against `schema.safeParse` on the example contract's
 * payloads, first where code generation is allowed (Node, most pages), then where it is forbidden
 * (`--disallow-code-generation-from-strings`, as a strict CSP forbids it in a browser) with the
 * parsers `socket-contract generate` writes.
 */
export async function validationAlone(settings: Settings, workDir: string): Promise<ScenarioReport[]> {
  const { iterations, rounds } = settings.validation;
  // What the code generator emits for the contract, as a module the forbidden-eval worker imports.
  mkdirSync(workDir, { recursive: true });
  const parsersFile = path.join(workDir, "example-parsers.mjs");
  const entries = parserSources(contractSchemas(exampleContract)).map(
    (source) => `  ${JSON.stringify(source.key)}: function (${source.params.join(", ")}) {\n${source.body}\n  },`,
  );
  writeFileSync(parsersFile, `export default {\n${entries.join("\n")}\n};\n`);

  const withEval = await inWorker([], (worker) => worker.call<Rows>("withEval", { iterations, rounds }, 600_000));
  const withoutEval = await inWorker(["--disallow-code-generation-from-strings"], (worker) =>
    worker.call<Rows>("withoutEval", { iterations, rounds, parsersFile }, 600_000),
  );

  const perLibrary = await inWorker([], (worker) =>
    worker.call<LibraryRows>("perLibrary", { iterations, rounds }, 600_000),
  );

  const evalMetrics = withEval.map((row) => metric(row.label, "ns per call", "lower", row.results));
  const noEvalMetrics = withoutEval.map((row) => metric(row.label, "ns per call", "lower", row.results));
  return [
    {
      id: "6",
      title: "Validation alone: the runtime's validator vs schema.safeParse, example contract payloads",
      variants: WITH_EVAL,
      metrics: evalMetrics,
      targets: [speedTarget(evalMetrics, "receive", "runtime receiving"), overheadTarget(withEval)],
      notes: [
        "receive = parseArgs (arity, each argument parsed, issues mapped), what runs before a handler; send = checkOutgoing, what runs before an emit; both include the runtime's own work around Zod",
        "the invalid payload's columns include building the issues (and, for send, the thrown ContractError)",
        "the fixed overhead is, per round, receive minus bare z.compile (the compiled parser through the compiled schema's own safeParse), then the median over rounds",
      ],
      settings: { iterations, rounds },
    },
    {
      id: "6b",
      title: "Validation alone where code generation is forbidden (Node --disallow-code-generation-from-strings)",
      variants: WITHOUT_EVAL,
      metrics: noEvalMetrics,
      targets: [speedTarget(noEvalMetrics, "receivePrecompiled", "runtime with generated parsers, receiving")],
      notes: [
        "without eval, Zod's own object parser loses its JIT too, so safeParse is slower here than above; the generated parsers restore the compiled path without evaluating any code",
      ],
      settings: { iterations, rounds },
    },
    libraryReport(perLibrary, { iterations, rounds }),
  ];
}

/**
 * Scenario 6c: what each library costs, validating the example contract's payloads through its
 * own `~standard.validate` and through the runtime; the runtime's own work is the difference, per
 * round (the two run in the same round, interleaved).
 */
function libraryReport(rows: LibraryRows, settings: Record<string, unknown>): ScenarioReport {
  const metrics = rows.map((row) => {
    const { validate, receive } = row.results;
    const overhead = receive!.map((ns, round) => ns - validate![round]!);
    return metric(row.label, "ns per call", "lower", { ...row.results, overhead });
  });
  const nonZod = rows.flatMap((row, index) => (row.library !== "Zod" && row.valid ? [metrics[index]!] : []));
  const worst = nonZod.reduce((a, b) => (b.medians.overhead! > a.medians.overhead! ? b : a));
  return {
    id: "6c",
    title: "Validation alone per library: Zod, Valibot and ArkType on the example contract's payloads",
    variants: PER_LIBRARY,
    metrics,
    ratios: false,
    targets: [
      {
        description: `the runtime's own work around a Valibot or ArkType validator at most ${OVERHEAD_TARGET_NS} ns per event on every valid payload`,
        measured: `${nonZod.map((m) => `${Math.round(m.medians.overhead!)} ns`).join(", ")} (largest: ${worst.name})`,
        pass: worst.medians.overhead! <= OVERHEAD_TARGET_NS,
      },
    ],
    notes: [
      "each library's schemas carry the same rules (bench/src/library-contracts.ts); Valibot's are wrapped in toStandardJsonSchema(), as the README advises; the binary upload is left out (binary() is Zod's)",
      "for Zod the runtime does not call ~standard.validate but Zod's compiled parser (scenario 6), so its overhead column is negative where compiling wins",
      "the overhead column is, per round, receive minus validate, then the median over rounds",
    ],
    settings,
  };
}

async function inWorker<T>(flags: string[], run: (worker: Worker) => Promise<T>): Promise<T> {
  const worker = startWorker("validation", flags);
  try {
    return await run(worker);
  } finally {
    await worker.stop();
  }
}

function speedTarget(metrics: readonly Metric[], variant: string, label: string): ScenarioReport["targets"][number] {
  const small = metrics.filter((m) => isSmall(m.name));
  const ratios = small.map((m) => ({ name: m.name, ratio: relative(m, variant, "safeParse") }));
  const slowest = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  const sorted = ratios.map((r) => r.ratio).sort((a, b) => a - b);
  const medianRatio = sorted[sorted.length >> 1]!;
  // Where it was measured, Zod's compiled parser alone: the runtime cannot be faster than it.
  const ceiling = small.every((m) => m.medians.bareCompile !== undefined)
    ? `; z.compile alone: ${small.map((m) => `${relative(m, "bareCompile", "safeParse").toFixed(1)}x`).join(", ")}`
    : "";
  return {
    description: `${label} at least ${SPEEDUP_TARGET}x faster than safeParse on every small valid example payload`,
    measured: `${ratios.map((r) => `${r.ratio.toFixed(1)}x`).join(", ")} (median ${medianRatio.toFixed(1)}x; slowest: ${slowest.name}${ceiling})`,
    pass: slowest.ratio >= SPEEDUP_TARGET,
  };
}

/** The runtime's own work around Zod's compiled parser, per valid payload: receive − bare z.compile, per round. */
function overheadTarget(rows: Rows): ScenarioReport["targets"][number] {
  const overheads = rows
    .filter((row) => !row.label.includes("invalid"))
    .map((row) => {
      const { receive, bareCompile } = row.results;
      return { name: row.label, ns: median(receive!.map((ns, round) => ns - bareCompile![round]!)) };
    });
  const largest = overheads.reduce((a, b) => (b.ns > a.ns ? b : a));
  return {
    description: `the runtime's fixed overhead on receive (receive − bare z.compile) at most ${FIXED_OVERHEAD_TARGET_NS} ns on every valid example payload`,
    measured: `${overheads.map((o) => `${Math.round(o.ns)} ns`).join(", ")} (largest: ${largest.name})`,
    pass: largest.ns <= FIXED_OVERHEAD_TARGET_NS,
  };
}
