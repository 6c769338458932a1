import type { Audience } from "./classify.js";
import type { ContractChange, ContractDiff } from "./diff-contracts.js";

const ARROWS = { clientToServer: "client → server", serverToClient: "server → client", serverToServer: "server → server" } as const;
const WHOM: Record<Audience, string> = { "old-clients": "old clients", "old-servers": "old servers" };

/**
 * The diff as a person reads it in a terminal or a CI log: a summary line, then every change,
 * breaking ones first, each with where it is, what changed, whom it breaks and why.
 *
 * @example
 * console.log(formatDiff(diffContracts(before, after)));
 * // chat 1.0.0 → 1.1.0: 1 breaking change, 2 safe
 * //
 * // BREAKING  /chat client → server "message:send" args[0].priority
 * //   field added (required)
 * //   breaks old clients: old clients may still send values the new server refuses
 */
export function formatDiff(diff: ContractDiff, counted: readonly Audience[] = ["old-clients", "old-servers"]): string {
  const breaking = diff.changes.filter((change) => isBreaking(change, counted));
  const safe = diff.changes.filter((change) => !isBreaking(change, counted));
  const title = `${diff.old.name} ${diff.old.version} → ${diff.new.name === diff.old.name ? "" : `${diff.new.name} `}${diff.new.version}`;
  if (diff.changes.length === 0) return `${title}: no changes to the wire shape\n`;
  const lines = [`${title}: ${breaking.length} breaking change${breaking.length === 1 ? "" : "s"}, ${safe.length} safe`];
  for (const change of [...breaking, ...safe]) {
    const isBreak = isBreaking(change, counted);
    lines.push("", `${isBreak ? "BREAKING" : "safe    "}  ${where(change)}`, `  ${change.change}`);
    const whom = change.breaks.filter((audience) => counted.includes(audience));
    lines.push(whom.length > 0 ? `  breaks ${whom.map((audience) => WHOM[audience]).join(" and ")}: ${change.reason}` : `  ${change.reason}`);
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
  const inside = change.part === "event" || change.part === "namespace" || change.part === "contract" ? change.path : `${change.part}${change.path === "" || change.path.startsWith("[") ? "" : "."}${change.path}`;
  if (inside !== "") parts.push(inside);
  if (parts.length === 0) parts.push("contract");
  return parts.join(" ");
}
