/** Characters a class stands for, in the order an example prefers them. */
const CLASSES: Record<string, string> = { d: "0123456789", w: "abcdefghijklmnopqrstuvwxyz0123456789_", s: " " };
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

type Atom = { readonly pick: (index: number) => string | undefined };
type Piece = { readonly atom: Atom; readonly min: number; readonly max: number };

/**
 * A string that matches an easy regular expression — literals, escapes (`\d`, `\w`), classes
 * (`[a-z0-9-]`), `.`, quantifiers (`?`, `*`, `+`, `{n}`, `{n,m}`) and anchors — built by taking the
 * fewest repetitions that reach `minLength`, and varied characters so it reads like a value, not
 * `aaaa`. `undefined` for anything else (groups, alternation, lookarounds, back-references), or
 * when the string it builds does not match after all.
 *
 * @example
 * regexExample("^[A-Z]{3}-\\d{4}$"); // "ABC-0123"
 */
export function regexExample(source: string, minLength = 0, maxLength = Number.POSITIVE_INFINITY): string | undefined {
  const pieces = parse(source.replace(/^\^/, "").replace(/(?<!\\)\$$/, ""));
  if (pieces === undefined) return undefined;
  const counts = pieces.map((piece) => piece.min);
  // Lengthen the first pieces that may grow, one repetition at a time, until minLength is met.
  for (let index = 0; index < pieces.length && total(counts) < minLength; index++) {
    while (counts[index]! < pieces[index]!.max && total(counts) < minLength) counts[index]!++;
  }
  let text = "";
  for (const [index, piece] of pieces.entries()) {
    for (let repeat = 0; repeat < counts[index]!; repeat++) {
      const char = piece.atom.pick(repeat);
      if (char === undefined) return undefined;
      text += char;
    }
  }
  if (text.length > maxLength) return undefined;
  try {
    return new RegExp(source, "u").test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function total(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}

function parse(source: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    let atom: Atom | undefined;
    if (char === "\\") {
      const next = source[at + 1];
      if (next === undefined) return undefined;
      atom = next in CLASSES ? chars(CLASSES[next]!) : /[A-Za-z0-9]/.test(next) ? undefined : chars(next);
      at += 2;
    } else if (char === "[") {
      const end = source.indexOf("]", at + 2);
      if (end === -1) return undefined;
      atom = bracket(source.slice(at + 1, end));
      at = end + 1;
    } else if (char === ".") {
      atom = chars(LETTERS);
      at++;
    } else if ("()|^$?*+{}".includes(char)) return undefined;
    else {
      atom = chars(char);
      at++;
    }
    if (atom === undefined) return undefined;
    const quantifier = /^(?:\?|\*|\+|\{(\d+)(?:(,)(\d*))?\})/.exec(source.slice(at));
    let min = 1;
    let max = 1;
    if (quantifier !== null) {
      at += quantifier[0].length;
      if (quantifier[0] === "?") [min, max] = [0, 1];
      else if (quantifier[0] === "*") [min, max] = [0, Number.POSITIVE_INFINITY];
      else if (quantifier[0] === "+") [min, max] = [1, Number.POSITIVE_INFINITY];
      else {
        min = Number(quantifier[1]);
        max =
          quantifier[2] === undefined ? min : quantifier[3] === "" ? Number.POSITIVE_INFINITY : Number(quantifier[3]);
      }
      if (source[at] === "?") at++; // a lazy quantifier matches the same strings
    }
    pieces.push({ atom, min, max });
  }
  return pieces;
}

/** The characters of a `[...]` class body, in order; a negated class is not easy. */
function bracket(body: string): Atom | undefined {
  if (body.startsWith("^")) return undefined;
  let set = "";
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char === "\\") {
      const next = body[++index];
      if (next === undefined) return undefined;
      set += next in CLASSES ? CLASSES[next] : next;
    } else if (body[index + 1] === "-" && index + 2 < body.length) {
      const end = body[index + 2]!;
      for (let code = char.charCodeAt(0); code <= end.charCodeAt(0); code++) set += String.fromCharCode(code);
      index += 2;
    } else set += char;
  }
  return set === "" ? undefined : chars(set);
}

/** Picks characters in turn, so `[A-Z]{3}` gives `ABC` rather than `AAA`. */
function chars(set: string): Atom {
  return { pick: (index) => set[index % set.length] };
}
