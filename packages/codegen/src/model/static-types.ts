/**
 * How to reach a schema from the contract's exported value, step by step, in terms both the
 * running contract and its TypeScript type understand: first the keys of the definition
 * (`namespaces`, `/chat`, `clientToServer`, ...), then keys under `_zod.def` (`shape`, `room`,
 * `innerType`, ...), where `getter` means "call the lazy getter".
 */
export interface SchemaPath {
  readonly definition: readonly (string | number)[];
  readonly def: readonly (string | number | typeof GETTER)[];
}

export const GETTER = Symbol("lazy getter");

/** What the TypeScript checker knows of the schema at one path, for one side. */
export interface StaticSide {
  /** The checker's rendering of `z.input`/`z.output` of the schema there. */
  readonly text: string;
  /** Brands (`.brand<"UserId">()`) on this schema itself, as type-argument text (`"UserId"`). */
  readonly brands: readonly string[];
  /** A type the text refers to that generated code cannot name (declared, but not exported, by the user's own modules). */
  readonly unnameable?: string;
  /** Types the contract module exports that the text names: generated code imports them from it. */
  readonly contractTypes?: readonly string[];
}

/** A brand (`.brand<"UserId">()`) on a schema: its type-argument text and the side(s) it brands. */
export interface StaticBrand {
  readonly text: string;
  readonly direction: "in" | "out" | "inout";
}

/**
 * What the model asks the TypeScript checker: the exact static type of a schema whose type the
 * running value cannot tell (a transform's output, `z.custom<T>()`, a template literal) and the
 * brands, which exist in types only. The CLI answers from the contract's source; without it, such
 * schemas are an error rather than a guess.
 */
export interface StaticTypes {
  /**
   * Brands read from the contract's source without a checker, by the running schema they sit on
   * (`"checker"`: ask the checker at that schema's path). Without this, or with
   * `brandsEverywhere`, the checker is asked for the brands of every schema.
   */
  brandsOf?(schema: object): readonly StaticBrand[] | "checker" | undefined;
  readonly brandsEverywhere?: boolean;
  /** Paths the answers will be asked for (only those whose type the running schema cannot tell); called once, before any `side`. */
  prepare(paths: readonly SchemaPath[]): void;
  /** `undefined` when the checker cannot follow the path (for example a schema annotated `z.ZodType<T>`). */
  side(path: SchemaPath, side: "input" | "output"): StaticSide | undefined;
}

/** A readable place, as `defineContract` names it: `namespaces["/chat"].clientToServer["message:send"].args[0]`. */
export function definitionPlace(steps: readonly (string | number)[]): string {
  let place = "";
  for (const step of steps) {
    if (typeof step === "number") place += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) place += place === "" ? step : `.${step}`;
    else place += `[${JSON.stringify(step)}]`;
  }
  return place;
}

export function pathKey(path: SchemaPath): string {
  return JSON.stringify([path.definition, path.def.map((step) => (step === GETTER ? { getter: true } : step))]);
}
