import type { Direction } from "../asyncapi/wire-contract.js";

/**
 * Whom a change can break. `old-clients`: clients built on the old contract, talking to a server
 * on the new one (a stale tab, an app not yet updated). `old-servers`: servers on the old contract
 * receiving from clients (or, in a cluster mid-deploy, nodes) on the new one.
 */
export type Audience = "old-clients" | "old-servers";

export const AUDIENCES: readonly Audience[] = ["old-clients", "old-servers"];

/** Which way a value travels: sent by clients, sent to clients, or between the nodes of the server. */
export type Flow = "fromClient" | "toClient" | "betweenServers";

/** The flow of an event's arguments (`args`) and of its answer (`ack`, custom errors). */
export function flowOf(direction: Direction, part: "args" | "ack"): Flow {
  if (direction === "serverToServer") return "betweenServers";
  const sentByClient = direction === "clientToServer" ? part === "args" : part === "ack";
  return sentByClient ? "fromClient" : "toClient";
}

export interface Verdict {
  readonly breaks: readonly Audience[];
  readonly reason: string;
}

/**
 * Whom a change of the accepted values breaks, and why, from which way the values travel and
 * whether the new schema refuses old values (`narrows`) or accepts new ones (`widens`).
 *
 * @example
 * classify("fromClient", { narrows: true, widens: false });
 * // { breaks: ["old-clients"], reason: "old clients may still send values the new server refuses" }
 */
export function classify(flow: Flow, change: { readonly narrows: boolean; readonly widens: boolean }): Verdict {
  const found: [Audience | undefined, string][] = [];
  if (flow === "fromClient") {
    if (change.narrows) found.push(["old-clients", "old clients may still send values the new server refuses"]);
    if (change.widens) found.push(["old-servers", "new clients may send values old servers refuse"]);
  } else if (flow === "toClient") {
    if (change.widens) found.push(["old-clients", "the new server may send values old clients refuse"]);
    else if (change.narrows) found.push([undefined, "old clients accept everything the new server sends"]);
  } else {
    if (change.narrows)
      found.push(["old-servers", "new servers refuse values old servers still send, in a cluster mid-deploy"]);
    if (change.widens)
      found.push(["old-servers", "old servers refuse values new servers may send, in a cluster mid-deploy"]);
  }
  const breaks = new Set(found.map(([audience]) => audience));
  const reasons = found.map(([, reason]) => reason);
  if (reasons.length === 0) reasons.push("the same values are accepted");
  return { breaks: AUDIENCES.filter((audience) => breaks.has(audience)), reason: reasons.join("; ") };
}

/** A verdict stated directly, for changes that are not about values (an event or a namespace added or removed). */
export function verdict(breaks: readonly Audience[], reason: string): Verdict {
  return { breaks: AUDIENCES.filter((audience) => breaks.includes(audience)), reason };
}
