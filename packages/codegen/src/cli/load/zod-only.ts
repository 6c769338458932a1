import { type Contract, type EventMap, isNamespacePattern, isZodSchema } from "@socket-contract/contract";
import { CodegenError } from "../../errors.js";

/**
 * The generator, AsyncAPI, docs and diff read Zod schemas through their definitions, and static
 * namespace keys. A schema of another Standard Schema library, or a dynamic key, is refused here,
 * in one line naming its place, rather than deep inside a renderer.
 */
export function assertZodSchemas(contract: Contract): void {
  const check = (schema: unknown, place: string): void => {
    if (schema !== undefined && !isZodSchema(schema)) {
      throw new CodegenError("UNRENDERABLE", `${place}: the generator renders Zod schemas only; this schema is not one (other Standard Schema libraries work at run time)`);
    }
  };
  const checkEvents = (events: EventMap | undefined, place: string): void => {
    for (const [name, event] of Object.entries(events ?? {})) {
      const eventPlace = `${place}[${JSON.stringify(name)}]`;
      event.args.forEach((arg, index) => check(arg, `${eventPlace}.args[${index}]`));
      check(event.ack, `${eventPlace}.ack`);
      for (const [code, schema] of Object.entries(event.errors ?? {})) check(schema, `${eventPlace}.errors[${JSON.stringify(code)}]`);
    }
  };
  for (const [path, namespace] of Object.entries(contract.namespaces)) {
    const place = `namespaces[${JSON.stringify(path)}]`;
    if (isNamespacePattern(path)) throw new CodegenError("UNRENDERABLE", `${place}: the generator does not render dynamic namespaces (":name" keys) yet; they work at run time`);
    for (const key of ["params", "auth", "data"] as const) check(namespace[key], `${place}.${key}`);
    checkEvents(namespace.clientToServer, `${place}.clientToServer`);
    checkEvents(namespace.serverToClient, `${place}.serverToClient`);
  }
  checkEvents(contract.serverToServer, "serverToServer");
}
