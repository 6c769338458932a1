import type { Direction, WireEvent, WireValue } from "../asyncapi/wire-contract.js";
import { type Audience, type Flow, type Verdict, classify, flowOf, verdict } from "./classify.js";
import { type CompareContext, compareSchemas } from "./compare-schemas.js";

/** A change found inside one event, before it is placed in its namespace. */
export interface EventChange extends Verdict {
  readonly event: string;
  readonly part: "event" | "args" | "ack" | "stream" | "upload" | "errors";
  readonly path: string;
  readonly change: string;
}

const ADDED: Record<Direction, (event: WireEvent) => Verdict> = {
  clientToServer: () => verdict(["old-servers"], "new clients send it; old servers answer UNKNOWN_EVENT"),
  serverToClient: (event) =>
    event.ack === undefined
      ? verdict(
          [],
          "old clients do not know it: they drop it, and report UNKNOWN_EVENT to their onError and back to the server",
        )
      : verdict(["old-clients"], "old clients cannot answer it: the new server's emit fails with UNKNOWN_EVENT"),
  serverToServer: () =>
    verdict(["old-servers"], "old servers do not know it: in a cluster mid-deploy, they answer UNKNOWN_EVENT"),
};

const REMOVED: Record<Direction, Verdict> = {
  clientToServer: verdict(["old-clients"], "old clients still send it; the new server answers UNKNOWN_EVENT"),
  serverToClient: verdict(["old-clients"], "old clients wait for it; the new server never sends it"),
  serverToServer: verdict(
    ["old-servers"],
    "new servers do not know it: in a cluster mid-deploy, they answer old servers UNKNOWN_EVENT",
  ),
};

const ACK_ADDED: Record<Direction, Verdict> = {
  clientToServer: verdict(
    ["old-clients", "old-servers"],
    "old clients send it without a callback, so the new server answers MISSING_ACK; old servers answer new clients without data",
  ),
  serverToClient: verdict(
    ["old-clients"],
    "old clients answer without data, so the new server's emit fails with INVALID_ACK",
  ),
  serverToServer: verdict(
    ["old-servers"],
    "old and new servers disagree on whether it is answered, in a cluster mid-deploy",
  ),
};

const ACK_REMOVED: Record<Direction, Verdict> = {
  clientToServer: verdict(
    ["old-clients", "old-servers"],
    "old clients wait for an answer the new server no longer gives; new clients send it without a callback, so old servers answer MISSING_ACK",
  ),
  serverToClient: verdict(
    ["old-clients", "old-servers"],
    "old clients expect a callback, so they refuse it with MISSING_ACK; new clients answer old servers without data, so the old server's emit fails with INVALID_ACK",
  ),
  serverToServer: verdict(
    ["old-servers"],
    "old and new servers disagree on whether it is answered, in a cluster mid-deploy",
  ),
};

/**
 * Compares the events of one direction: added, removed (a pair with the same shape reads as a
 * rename), and for events in both, their descriptions, arguments, acknowledgements and errors.
 *
 * @example
 * diffEvents(oldNamespace.clientToServer, newNamespace.clientToServer, "clientToServer", context);
 */
export function diffEvents(
  before: readonly WireEvent[],
  after: readonly WireEvent[],
  direction: Direction,
  context: CompareContext,
): EventChange[] {
  const oldByName = new Map(before.map((event) => [event.name, event]));
  const newByName = new Map(after.map((event) => [event.name, event]));
  const removed = before.filter((event) => !newByName.has(event.name));
  const added = after.filter((event) => !oldByName.has(event.name));
  const changes: EventChange[] = [];
  for (const event of removed) {
    const renamedTo = added.find((candidate) => shape(candidate) === shape(event));
    if (renamedTo !== undefined) {
      added.splice(added.indexOf(renamedTo), 1);
      const both = [REMOVED[direction], ADDED[direction](renamedTo)];
      const breaks = [...new Set(both.flatMap((v) => v.breaks))] as Audience[];
      changes.push({
        event: renamedTo.name,
        part: "event",
        path: "",
        change: `renamed from ${event.name}`,
        ...verdict(
          breaks,
          `as the removal of ${event.name} (${both[0]!.reason}) and the addition of ${renamedTo.name} (${both[1]!.reason})`,
        ),
      });
    } else changes.push({ event: event.name, part: "event", path: "", change: "event removed", ...REMOVED[direction] });
  }
  for (const event of added)
    changes.push({ event: event.name, part: "event", path: "", change: "event added", ...ADDED[direction](event) });
  for (const event of before) {
    const next = newByName.get(event.name);
    if (next !== undefined) changes.push(...diffEvent(event, next, direction, context));
  }
  return changes.sort((a, b) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
}

function diffEvent(before: WireEvent, after: WireEvent, direction: Direction, context: CompareContext): EventChange[] {
  const changes: EventChange[] = [];
  const at = (part: EventChange["part"], path: string, change: string, found: Verdict): void => {
    changes.push({ event: before.name, part, path, change, ...found });
  };
  if (before.description !== after.description)
    at("event", "", "description changed", verdict([], "documentation only"));
  const argsFlow = flowOf(direction, "args");
  if (before.args.length !== after.args.length) {
    // Arity is strict: any other number of arguments is INVALID_PAYLOAD, both ways.
    at(
      "args",
      "",
      `${before.args.length} argument${before.args.length === 1 ? "" : "s"} → ${after.args.length}`,
      classify(argsFlow, { narrows: true, widens: true }),
    );
  } else {
    before.args.forEach((arg, index) =>
      valueChanges(arg, after.args[index]!, `[${index}]`, argsFlow, "argument", context, (path, change, found) =>
        at("args", path, change, found),
      ),
    );
  }
  if (before.ack === undefined || after.ack === undefined) {
    if (before.ack !== after.ack)
      at(
        "ack",
        "",
        after.ack === undefined ? "acknowledgement removed" : "acknowledgement added",
        (after.ack === undefined ? ACK_REMOVED : ACK_ADDED)[direction],
      );
  } else
    valueChanges(
      before.ack,
      after.ack,
      "",
      flowOf(direction, "ack"),
      "acknowledgement",
      context,
      (path, change, found) => at("ack", path, change, found),
    );
  // The responder's items flow as its ack does, the requester's as its arguments do.
  streamChanges(
    before.stream,
    after.stream,
    "items the responder streams",
    flowOf(direction, "ack"),
    context,
    (path, change, found) => at("stream", path, change, found),
  );
  streamChanges(
    before.upload?.item,
    after.upload?.item,
    "items the requester streams (streamOf)",
    argsFlow,
    context,
    (path, change, found) => at("upload", path, change, found),
  );
  if (before.upload !== undefined && after.upload !== undefined && before.upload.maxItems !== after.upload.maxItems) {
    const narrows =
      after.upload.maxItems !== undefined &&
      (before.upload.maxItems === undefined || after.upload.maxItems < before.upload.maxItems);
    at(
      "upload",
      "",
      `maxItems ${before.upload.maxItems ?? "none"} → ${after.upload.maxItems ?? "none"}`,
      classify(argsFlow, { narrows, widens: !narrows }),
    );
  }
  const errorFlow = flowOf(direction, "ack");
  const oldErrors = new Map(before.errors.map((error) => [error.code, error.data]));
  const newErrors = new Map(after.errors.map((error) => [error.code, error.data]));
  for (const [code, data] of oldErrors) {
    const next = newErrors.get(code);
    if (next === undefined)
      at(
        "errors",
        code,
        "error code removed",
        verdict([], "the code is no longer sent; whoever handles it by name is unaffected"),
      );
    else
      for (const change of compareSchemas(data, next, context, ""))
        at("errors", join(code, change.path), `data: ${change.change}`, classify(errorFlow, change));
  }
  for (const code of newErrors.keys()) {
    if (!oldErrors.has(code))
      at(
        "errors",
        code,
        "error code added",
        verdict(
          [],
          "peers on the old contract receive it as INVALID_ACK, the new code in its cause; nothing is refused",
        ),
      );
  }
  return changes;
}

function valueChanges(
  before: WireValue,
  after: WireValue,
  path: string,
  flow: Flow,
  noun: string,
  context: CompareContext,
  report: (path: string, change: string, found: Verdict) => void,
): void {
  // An optional value may be left out (sent as null in an argument list): that widens what is accepted.
  if (before.optional !== after.optional) {
    const change = { narrows: before.optional, widens: after.optional };
    report(path, `${noun} became ${after.optional ? "optional" : "required"}`, classify(flow, change));
  }
  for (const change of compareSchemas(before.schema, after.schema, context, path))
    report(change.path, change.change, classify(flow, change));
}

/**
 * A stream's items added, removed or changed. Adding or removing one changes how the event is
 * requested (`stream()` and `contract:open` instead of `emit()`), which breaks both sides.
 */
function streamChanges(
  before: WireValue | undefined,
  after: WireValue | undefined,
  noun: string,
  flow: Flow,
  context: CompareContext,
  report: (path: string, change: string, found: Verdict) => void,
): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined || after === undefined) {
    const reason =
      "the event is requested another way (stream() and contract:open, or emit()): each side refuses what the other sends";
    report("", `${noun} ${after === undefined ? "removed" : "added"}`, verdict(["old-clients", "old-servers"], reason));
    return;
  }
  valueChanges(before, after, "", flow, noun, context, report);
}

/** What makes two events the same apart from their name, for telling a rename from a removal. */
function shape(event: WireEvent): string {
  return JSON.stringify({
    args: event.args,
    ack: event.ack ?? null,
    stream: event.stream ?? null,
    upload: event.upload ?? null,
    errors: event.errors,
  });
}

function join(code: string, path: string): string {
  return path === "" ? code : `${code}.${path}`;
}
