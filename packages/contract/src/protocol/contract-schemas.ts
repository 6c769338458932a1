import { streamOfInfo } from "../stream-of.js";
import type { AnySchema, ContractDefinition, EventMap } from "../types.js";

/**
 * Every schema the runtimes validate with, in a stable order: per namespace its `auth` and `data`,
 * then each event's arguments, acknowledgement and error data, both directions; then
 * `serverToServer`. Stream items follow their event's arguments and ack. Shared schemas appear once.
 *
 * @example
 * const sources = parserSources(contractSchemas(contract));
 */
export function contractSchemas(contract: ContractDefinition): AnySchema[] {
  const seen = new Set<AnySchema>();
  const add = (schema: AnySchema | undefined): void => {
    if (schema !== undefined) seen.add(schema);
  };
  const addEvents = (events: EventMap | undefined): void => {
    if (events === undefined) return;
    for (const name of Object.keys(events).sort()) {
      const event = events[name]!;
      for (const arg of event.args) {
        add(arg);
        add(streamOfInfo(arg)?.item);
      }
      add(event.ack);
      add(event.stream);
      if (event.errors !== undefined) for (const code of Object.keys(event.errors).sort()) add(event.errors[code]);
    }
  };
  for (const path of Object.keys(contract.namespaces).sort()) {
    const namespace = contract.namespaces[path as `/${string}`]!;
    add(namespace.auth);
    add(namespace.data);
    addEvents(namespace.clientToServer);
    addEvents(namespace.serverToClient);
  }
  addEvents(contract.serverToServer);
  return [...seen];
}
