import fc from "fast-check";
import type * as core from "zod/v4/core";

type Def = { type: string; [key: string]: any };

const defOf = (schema: core.$ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Anything that can reach a receiver: JSON values, bytes, and a few values JSON cannot carry. */
export const strayValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.uint8Array({ maxLength: 8 }),
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -0, "", "__proto__", [], {}),
);

/**
 * Inputs shaped like what `schema` accepts, but drawn loosely: lengths and numbers range past the
 * schema's limits, keys go missing or come extra, and any node may be replaced by a stray value. So
 * a run mixes valid and invalid inputs near the boundaries, where a parser is most likely to differ.
 */
export function inputFor(schema: core.$ZodType): fc.Arbitrary<unknown> {
  // A third keep to the schema's shape and limits (mostly valid), a third stray anywhere inside,
  // a third are not even shaped like it.
  return fc.oneof(node(schema, 0, false), node(schema, 0, true), strayValue);
}

function node(schema: core.$ZodType, depth: number, loose: boolean): fc.Arbitrary<unknown> {
  const shaped = shapedInput(schema, depth, loose);
  return loose ? fc.oneof({ arbitrary: shaped, weight: 12 }, { arbitrary: strayValue, weight: 1 }) : shaped;
}

function shapedInput(schema: core.$ZodType, depth: number, loose: boolean): fc.Arbitrary<unknown> {
  const inputFor = (child: core.$ZodType, childDepth: number): fc.Arbitrary<unknown> => node(child, childDepth, loose);
  const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>, weight = 6): fc.Arbitrary<T | U> =>
    loose ? fc.oneof({ arbitrary: usual, weight }, { arbitrary: odd, weight: 1 }) : usual;
  const def = defOf(schema);
  switch (def.type) {
    case "string": {
      const format = stringFormat(def);
      if (format !== undefined) return sometimes(format, fc.string({ maxLength: 6 }), 4);
      const { min, max } = lengthLimits(def);
      const within = fc.string({ minLength: min, maxLength: Math.min(max, 40) });
      const beyond = fc.oneof(
        fc.string({ minLength: Math.max(0, min - 1), maxLength: Math.max(0, min - 1) }),
        fc.string({ minLength: Math.min(max + 1, 41), maxLength: Math.min(max + 1, 41) }),
      );
      return sometimes(within, beyond);
    }
    case "number":
      return sometimes(
        fc.integer({ min: 1, max: 100 }),
        fc.oneof(
          fc.integer({ min: -5, max: 0 }),
          fc.double({ min: -1e6, max: 1e6 }),
          fc.constantFrom(0.5, 2 ** 53, Number.MAX_VALUE, -0),
        ),
        2,
      );
    case "boolean":
      return fc.boolean();
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "enum":
      return sometimes(
        fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)),
        fc.string({ maxLength: 3 }),
        2,
      );
    case "optional":
    case "nullable":
    case "default":
      return fc.oneof(
        { arbitrary: inputFor(def.innerType, depth), weight: 3 },
        { arbitrary: fc.constantFrom(undefined, def.type === "nullable" || loose ? null : undefined), weight: 1 },
      );
    case "array": {
      const { min, max } = lengthLimits(def);
      const most = depth > 1 ? 2 : 4;
      return loose
        ? fc.array(inputFor(def.element, depth + 1), {
            minLength: Math.max(0, min - 1),
            maxLength: Math.min(max + 1, most),
          })
        : fc.array(inputFor(def.element, depth + 1), {
            minLength: Math.min(min, most),
            maxLength: Math.min(max, most),
          });
    }
    case "tuple":
      return fc
        .tuple(
          ...(def.items as core.$ZodType[]).map((item) => inputFor(item, depth + 1)),
          loose ? fc.option(strayValue, { nil: undefined }) : fc.constant(undefined),
        )
        .map(([...items]) => {
          const extra = items.pop();
          return extra === undefined ? items : [...items, extra];
        });
    case "record":
      return fc.dictionary(
        sometimes(fc.string({ maxLength: 4 }), fc.constantFrom("__proto__", "constructor")),
        inputFor(def.valueType, depth + 1),
        { maxKeys: 3 },
      );
    case "object": {
      const shape = def.shape as Record<string, core.$ZodType>;
      const fields = Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inputFor(child, depth + 1)]));
      const known = sometimes(fc.record(fields), fc.record(fields, { requiredKeys: [] }));
      const extra = sometimes(
        fc.constant({}),
        fc.dictionary(fc.constantFrom("extra", "__proto__", "more"), strayValue, { maxKeys: 1 }),
        4,
      );
      return fc.tuple(known, extra).map(([fields, more]) => ({ ...more, ...fields }));
    }
    case "union":
      return fc.oneof(...(def.options as core.$ZodType[]).map((option) => inputFor(option, depth)));
    case "pipe":
      return inputFor(def.in, depth);
    case "custom":
      return sometimes(
        fc.oneof(
          fc.uint8Array({ maxLength: 12 }),
          fc.uint8Array({ maxLength: 12 }).map((bytes) => bytes.buffer),
        ),
        strayValue,
        3,
      );
    default:
      return strayValue;
  }
}

function stringFormat(def: Def): fc.Arbitrary<string> | undefined {
  // A format is the schema's own def (`z.email()`) or one of its checks (`z.string().regex(...)`).
  const checks = (def.checks ?? []) as { _zod: { def: Def } }[];
  for (const { check: kind, format, pattern } of [def, ...checks.map((check) => check._zod.def)]) {
    if (kind !== "string_format") continue;
    // fc.emailAddress() follows RFC 5322, most of which Zod's stricter pattern refuses.
    if (format === "email")
      return fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z]{1,8}$/))
        .map(([user, host]) => `${user}@${host}.org`);
    if (format === "uuid") return fc.uuid();
    if (pattern !== undefined) return fc.stringMatching(pattern);
  }
  return undefined;
}

function lengthLimits(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 8;
  for (const check of (def.checks ?? []) as {
    _zod: { def: { check: string; minimum?: number; maximum?: number } };
  }[]) {
    const { check: kind, minimum, maximum } = check._zod.def;
    if (kind === "min_length" && minimum !== undefined) min = minimum;
    if (kind === "max_length" && maximum !== undefined) max = Math.min(maximum, 40);
  }
  return { min, max: Math.max(max, min) };
}
