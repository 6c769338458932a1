import { COMPONENTS_PREFIX, type JsonSchema } from "./json-schema.js";
import type { WireContract, WireParams } from "./wire-contract.js";

/**
 * The AsyncAPI 3.0 parameters of a dynamic namespace's channel (`/org/{orgId}`). A 3.0 parameter
 * has no schema, only a description, an enum and examples, so the `params` schema's constraints
 * are said in words, and its enum given as one.
 *
 * @example
 * channelParameters({ names: ["orgId"] }, wire); // { orgId: { description: "The `:orgId` segment ..." } }
 */
export function channelParameters(params: WireParams, wire: WireContract): Record<string, unknown> {
  const schema = params.schema === undefined ? undefined : resolve(params.schema, wire);
  const properties = (typeof schema === "object" ? schema.properties : undefined) as
    | Record<string, JsonSchema>
    | undefined;
  return Object.fromEntries(
    params.names.map((name) => {
      const own = properties?.[name] === undefined ? undefined : resolve(properties[name], wire);
      const values =
        typeof own === "object" && Array.isArray(own.enum)
          ? own.enum.filter((value): value is string => typeof value === "string")
          : typeof own === "object" && typeof own.const === "string"
            ? [own.const]
            : undefined;
      const pattern = typeof own === "object" && typeof own.pattern === "string" ? ` matching /${own.pattern}/` : "";
      const description = `The \`:${name}\` segment of the namespace's path: any non-empty segment${pattern}${own === undefined ? "" : ", checked by the namespace's `params` schema before any middleware runs"}.`;
      return [name, { description, ...(values === undefined ? {} : { enum: values }) }];
    }),
  );
}

/** A schema, its `$ref` to the document's shared schemas followed. */
function resolve(schema: JsonSchema, wire: WireContract): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(COMPONENTS_PREFIX)
    ? (wire.schemas[ref.slice(COMPONENTS_PREFIX.length)] ?? schema)
    : schema;
}
