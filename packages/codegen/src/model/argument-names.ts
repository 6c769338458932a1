import { isStandardSchema, isZodSchema, standardJsonSchemaOf } from "@socket-contract/contract";
import { CodegenError } from "../errors.js";
import { definitionPlace } from "./static-types.js";
import { argumentNameOf } from "./zod-def.js";

/** Names generated signatures already use beside the arguments, and words no parameter may take. */
const TAKEN = new Set(["socket", "options", "callback", "handler", "at", "server"]);
const RESERVED = new Set(
  "arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield".split(
    " ",
  ),
);

/**
 * The parameter names of an event's arguments in generated signatures, the docs page and hovers:
 * the name its schema's metadata gives (Zod's `.meta({ name: "roomId" })`, Valibot's
 * `v.pipe(schema, v.metadata({ name: "roomId" }))`, ArkType's `.configure({ name: "roomId" })`),
 * else `payload` for a single argument and `arg0`, `arg1`... for several. A given name must be an identifier, not a reserved
 * word or a name the signatures use themselves, and unique within the event.
 *
 * @example
 * argumentNames([z.string().meta({ name: "room" }), z.boolean()], ["namespaces", "/chat", "clientToServer", "typing"]); // ["room", "arg1"]
 */
export function argumentNames(args: readonly unknown[], place: readonly (string | number)[]): string[] {
  const names = args.map((schema, index) => {
    const given = givenName(schema);
    if (given === undefined) return args.length === 1 ? "payload" : `arg${index}`;
    const written = isZodSchema(schema) ? ".meta" : "metadata";
    const at = `${definitionPlace([...place, "args", index])}: ${written}({ name: ${JSON.stringify(given)} })`;
    if (typeof given !== "string" || !/^[A-Za-z_$][\w$]*$/.test(given))
      throw new CodegenError("UNRENDERABLE", `${at} names an argument, so it must be a JavaScript identifier`);
    if (RESERVED.has(given) || TAKEN.has(given))
      throw new CodegenError(
        "UNRENDERABLE",
        `${at}: "${given}" is ${RESERVED.has(given) ? "a reserved word" : "a name the generated signatures use themselves"}; choose another`,
      );
    return given;
  });
  names.forEach((name, index) => {
    const first = names.indexOf(name);
    if (first !== index)
      throw new CodegenError(
        "UNRENDERABLE",
        `${definitionPlace([...place, "args", index])}: the arguments ${first} and ${index} are both named "${name}"; an event's argument names must differ`,
      );
  });
  return names;
}

/**
 * The name an argument's schema gives itself. Valibot and ArkType both carry a metadata `name` into
 * the Standard JSON Schema they give of themselves, as a keyword beside `type`, so that is where it
 * is read, whatever the library: the generator reads every such schema through that JSON Schema.
 */
function givenName(schema: unknown): unknown {
  if (isZodSchema(schema)) return argumentNameOf(schema);
  if (!isStandardSchema(schema)) return undefined;
  return standardJsonSchemaOf(schema, "input")?.name;
}
