import type { CodeBlockWriter } from "ts-morph";
import type { EventModel } from "../model/contract-model.js";
import type { TypeNode } from "../model/type-node.js";
import { typeWriter } from "./type-writer.js";

/**
 * What a receiving handler looks like: the parsed arguments (`leading` first, the server's
 * socket), then what it returns. An ack-bearing event's handler returns the acknowledgement, or a
 * promise of it; a `stream` event's handler is a generator whose yields are the items and whose
 * return value is the ack (as the runtimes' `StreamHandler` has it). An event without ack takes a
 * handler returning anything (`unknown`), as the runtimes' `EventHandler` does.
 *
 * @example
 * handlerType(writer, event, { name: "socket", type: "ChatSocket" }); // (socket: ChatSocket, payload: MessageSendPayload) => MessageSendAck | Promise<MessageSendAck>
 */
export function handlerType(
  writer: CodeBlockWriter,
  event: EventModel,
  leading?: { name: string; type: string },
): void {
  writer.write("(");
  const params = [
    ...(leading === undefined ? [] : [leading]),
    ...event.args.map((arg) => ({ name: arg.name, type: typeWriter(arg.output) })),
  ];
  params.forEach((param, index) => {
    if (index > 0) writer.write(", ");
    writer.write(`${param.name}: `);
    if (typeof param.type === "string") writer.write(param.type);
    else param.type(writer);
  });
  writer.write(") => ");
  if (event.stream !== undefined) {
    producerType(writer, event.stream.input, event.ack?.input);
    return;
  }
  if (event.ack === undefined) {
    // As the runtimes type it: what the handler returns is not sent anywhere, so anything goes
    // (`(m) => list.push(m)` included, which `void | Promise<void>` refused).
    writer.write("unknown");
    return;
  }
  typeWriter(event.ack.input)(writer);
  writer.write(" | ");
  promiseOf(writer, event.ack.input);
}

/** `AsyncGenerator<Item, Ack, undefined> | Generator<...>`; without an ack, any (async) iterable of items as well. */
function producerType(writer: CodeBlockWriter, item: TypeNode, ack: TypeNode | undefined): void {
  const generic = (name: string, args: readonly (TypeNode | string)[]): void => {
    writer.write(`${name}<`);
    args.forEach((arg, index) => {
      if (index > 0) writer.write(", ");
      if (typeof arg === "string") writer.write(arg);
      else typeWriter(arg)(writer);
    });
    writer.write(">");
  };
  const end = ack ?? "void";
  generic("AsyncGenerator", [item, end, "undefined"]);
  writer.write(" | ");
  generic("Generator", [item, end, "undefined"]);
  if (ack !== undefined) return;
  writer.write(" | ");
  generic("AsyncIterable", [item]);
  writer.write(" | ");
  generic("Iterable", [item]);
}

export function promiseOf(writer: CodeBlockWriter, type: TypeNode): void {
  writer.write("Promise<");
  typeWriter(type)(writer);
  writer.write(">");
}

/** The declarations of `types.ts` that the wrappers' signatures name, for an import list without unused names. */
export function localNames(nodes: readonly TypeNode[]): string[] {
  // Arguments, acks and items always refer to a declaration of `types.ts` by name (see event-model.ts).
  return [
    ...new Set(nodes.flatMap((node) => (node.kind === "reference" && node.from === undefined ? [node.name] : []))),
  ].sort();
}

/** The `types.ts` names a handler of this event mentions: its outputs in, its inputs back. */
export function handlerTypes(event: EventModel): TypeNode[] {
  return [
    ...event.args.map((arg) => arg.output),
    ...(event.ack === undefined ? [] : [event.ack.input]),
    ...(event.stream === undefined ? [] : [event.stream.input]),
  ];
}

/** The `types.ts` names a sender of this event mentions: its inputs out, its outputs back. */
export function senderTypes(event: EventModel): TypeNode[] {
  return [
    ...event.args.map((arg) => arg.input),
    ...(event.ack === undefined ? [] : [event.ack.output]),
    ...(event.stream === undefined ? [] : [event.stream.output]),
  ];
}
