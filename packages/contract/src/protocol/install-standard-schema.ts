import type { StandardSchemaV1 } from "@standard-schema/spec";
import { standardJsonSchemaOf } from "../standard-json-schema.js";
import { standardShapeOf } from "../standard-shape.js";
import { parseStandard } from "./standard-parse.js";
import { setStandardSupport } from "./standard-support.js";

/**
 * Lets contracts hold schemas of other libraries (Standard Schema v1). Idempotent. The runtimes'
 * Node entries call it when they bind; in a browser it is what brings that code into the bundle.
 *
 * @example
 * installStandardSchema();
 */
export function installStandardSchema(): void {
  setStandardSupport({
    parse: parseStandard,
    mayNestWithoutBound: unboundedByJsonSchema,
    sendsParsedValue,
    shapeOf: standardShapeOf,
  });
}

/**
 * A schema of another library is bounded when its input JSON Schema has no `$ref`: it then describes
 * every level it validates, as deep as it is written. Conservative: any `$ref`, even to a definition
 * used twice without a cycle, counts as unbounded, and so does a schema that offers no JSON Schema.
 */
function unboundedByJsonSchema(schema: StandardSchemaV1): boolean {
  const json = standardJsonSchemaOf(schema, "input");
  return json === undefined || JSON.stringify(json).includes('"$ref"');
}

/** Its parsed value travels when its input and output JSON Schemas agree (no transform changed the shape). */
function sendsParsedValue(schema: StandardSchemaV1): boolean {
  const input = standardJsonSchemaOf(schema, "input");
  const output = standardJsonSchemaOf(schema, "output");
  // `additionalProperties: false` only narrows: an output without unknown keys (ArkType's
  // `"+": "delete"`) is still valid input.
  return (
    input !== undefined &&
    output !== undefined &&
    JSON.stringify(input, closedObjectsOpen) === JSON.stringify(output, closedObjectsOpen)
  );
}

function closedObjectsOpen(key: string, value: unknown): unknown {
  return key === "additionalProperties" && value === false ? undefined : value;
}
