import { type Contract, type EventMap, isZodSchema, streamOfInfo } from "@socket-contract/contract";
import { CodegenError } from "../../errors.js";

/**
 * The generator, AsyncAPI, docs and diff read Zod schemas through their definitions, and the
 * schemas of other Standard Schema libraries through the JSON Schema they give of themselves
 * (Standard JSON Schema v1). A schema that offers none is refused here, in one line naming its
 * place, rather than deep inside a renderer.
 */
export function assertRenderable(contract: Contract): void {
  const check = (schema: unknown, place: string): void => {
    if (schema === undefined || isZodSchema(schema)) return;
    const standard = (schema as { "~standard": { vendor: string; jsonSchema?: { input?: unknown } } })["~standard"];
    if (typeof standard.jsonSchema?.input === "function") return;
    const hint =
      standard.vendor === "valibot" ? "; wrap it in toStandardJsonSchema() from @valibot/to-json-schema" : "";
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}: this ${standard.vendor} schema offers no JSON Schema (Standard JSON Schema v1, \`~standard.jsonSchema\`), which the generator reads it from${hint}`,
    );
  };
  const checkEvents = (events: EventMap | undefined, place: string): void => {
    for (const [name, event] of Object.entries(events ?? {})) {
      const eventPlace = `${place}[${JSON.stringify(name)}]`;
      event.args.forEach((arg, index) => {
        const items = streamOfInfo(arg);
        check(
          items === undefined ? arg : items.item,
          `${eventPlace}.args[${index}]${items === undefined ? "" : ".item"}`,
        );
      });
      check(event.ack, `${eventPlace}.ack`);
      check(event.stream, `${eventPlace}.stream`);
      for (const [code, schema] of Object.entries(event.errors ?? {}))
        check(schema, `${eventPlace}.errors[${JSON.stringify(code)}]`);
    }
  };
  for (const [path, namespace] of Object.entries(contract.namespaces)) {
    const place = `namespaces[${JSON.stringify(path)}]`;
    for (const key of ["params", "auth", "data"] as const) check(namespace[key], `${place}.${key}`);
    checkEvents(namespace.clientToServer, `${place}.clientToServer`);
    checkEvents(namespace.serverToClient, `${place}.serverToClient`);
  }
  checkEvents(contract.serverToServer, "serverToServer");
}
