import { AUDIENCES, type Audience } from "./classify.js";
import type { ContractChange, ContractDiff } from "./diff-contracts.js";
import type { VersionFinding } from "./version-check.js";

const ARROWS = {
  clientToServer: "client → server",
  serverToClient: "server → client",
  serverToServer: "server → server",
} as const;
const WHOM: Record<Audience, string> = { "old-clients": "old clients", "old-servers": "old servers" };

/**
 * The diff as a person reads it in a terminal or a CI log: a summary line, what the versions fail
 * to say, then every change, breaking ones first, each with where it is, what changed, whom it
 * breaks and why. A change that breaks only audiences the run does not count is `ignored`, never
 * `safe`: its reason still says whom it breaks.
 *
 * @example
 * console.log(formatDiff(diffContracts(before, after)));
 * // chat 1.0.0 → 1.1.0: 1 breaking change, 2 safe
 * //
 * // VERSION   1.0.0 → 1.1.0 is a minor release, but 1 change breaks old clients: a breaking change needs a major version (2.0.0)
 * //
 * // BREAKING  /chat client → server "message:send" args[0].priority
 * //   field added (required)
 * //   breaks old clients: old clients may still send values the new server refuses
 */
export function formatDiff(
  diff: ContractDiff,
  counted: readonly Audience[] = ["old-clients", "old-servers"],
  versions: readonly VersionFinding[] = [],
): string {
  const breaking = diff.changes.filter((change) => isBreaking(change, counted));
  const ignored = diff.changes.filter((change) => !isBreaking(change, counted) && change.breaks.length > 0);
  const safe = diff.changes.filter((change) => change.breaks.length === 0);
  const title = `${diff.old.name} ${diff.old.version} → ${diff.new.name === diff.old.name ? "" : `${diff.new.name} `}${diff.new.version}`;
  const versionLines = versions.flatMap((finding) => ["", `VERSION   ${finding.message}`]);
  if (diff.changes.length === 0) return `${[`${title}: no changes to the wire shape`, ...versionLines].join("\n")}\n`;
  const uncounted = AUDIENCES.filter((audience) => !counted.includes(audience));
  const notCounted =
    ignored.length > 0
      ? `, ${ignored.length} breaking only for ${uncounted.map((audience) => WHOM[audience]).join(" and ")} (not counted)`
      : "";
  const lines = [
    `${title}: ${breaking.length} breaking change${breaking.length === 1 ? "" : "s"}, ${safe.length} safe${notCounted}`,
    ...versionLines,
  ];
  for (const change of [...breaking, ...ignored, ...safe]) {
    const label = isBreaking(change, counted) ? "BREAKING" : change.breaks.length > 0 ? "ignored " : "safe    ";
    lines.push("", `${label}  ${where(change)}`, `  ${change.change}`);
    const whom = change.breaks.filter((audience) => counted.includes(audience));
    const others = change.breaks.filter((audience) => !counted.includes(audience));
    const names = (audiences: readonly Audience[]): string => audiences.map((audience) => WHOM[audience]).join(" and ");
    const also = others.length > 0 ? ` (and ${names(others)}, not counted)` : "";
    if (whom.length > 0) lines.push(`  breaks ${names(whom)}${also}: ${change.reason}`);
    else if (others.length > 0)
      lines.push(`  breaks ${names(others)} (not counted: --audience ${counted.join(",")}): ${change.reason}`);
    else lines.push(`  ${change.reason}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Whether a change breaks one of the audiences a run counts (all by default). */
export function isBreaking(change: ContractChange, counted: readonly Audience[]): boolean {
  return change.breaks.some((audience) => counted.includes(audience));
}

function where(change: ContractChange): string {
  const parts: string[] = [];
  if (change.namespace !== undefined) parts.push(change.namespace);
  if (change.direction !== undefined) parts.push(ARROWS[change.direction]);
  if (change.event !== undefined) parts.push(JSON.stringify(change.event));
  const inside =
    change.part === "event" || change.part === "namespace" || change.part === "contract"
      ? change.path
      : `${change.part}${change.path === "" || change.path.startsWith("[") ? "" : "."}${change.path}`;
  if (inside !== "") parts.push(inside);
  if (parts.length === 0) parts.push("contract");
  return parts.join(" ");
}
