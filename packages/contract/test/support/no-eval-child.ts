// Run by precompiled.test.ts with `node --disallow-code-generation-from-strings`: Node's equivalent
// of a Content-Security-Policy without 'unsafe-eval'. Reports what the runtime made of each schema.
import { pathToFileURL } from "node:url";
import {
  type ParserFactory,
  isCompiled,
  parseValue,
  prepareSchema,
  registerParsers,
} from "../../src/protocol/index.js";
import { paritySchemas } from "./parity-schemas.js";

const [parsersFile, ...inputsJson] = process.argv.slice(2);
let evalRefused = false;
try {
  new Function("return 1");
} catch (error) {
  evalRefused = error instanceof EvalError;
}
if (parsersFile !== "none") {
  const { default: parsers } = (await import(pathToFileURL(parsersFile!).href)) as {
    default: Record<string, ParserFactory>;
  };
  registerParsers(parsers);
}
const inputs = inputsJson.map((json) => JSON.parse(json) as unknown);
const schemas = Object.entries(paritySchemas).map(([name, schema]) => {
  const prepared = prepareSchema(schema);
  return { name, compiled: isCompiled(prepared), results: inputs.map((input) => parseValue(prepared, input, [0])) };
});
process.stdout.write(JSON.stringify({ evalRefused, schemas }));
