/**
 * Whether this engine serializes a holey array by its slow path: V8 before 12 (Node 20) does, so
 * `JSON.stringify` (Socket.IO's encoder) of a value that a compiled parser built took longer than of
 * the same value built by the sender: ~0.4 µs more for a ~1 KB order holding six arrays. Later V8s
 * (Node 22 and on, every current browser) serialize both alike, and there the change below would
 * only cost its array growth.
 */
const HOLEY_IS_SLOW =
  Number((globalThis as { process?: { versions?: { v8?: string } } }).process?.versions?.v8?.split(".")[0]) < 12;

/** An output array made by Zod's compiled array check, with the loop that fills it. */
const ARRAY_LOOP =
  /const (v\d+) = new Array\(([A-Za-z_$][\w$]*)\.length\);\n( *)for \(let (v\d+) = 0; \4 < \2\.length; \4\+\+\) \{\n/g;

/**
 * A compiled parser's code with its output arrays packed, where the engine needs it (`HOLEY_IS_SLOW`;
 * elsewhere the code as it is). Zod's compiler makes each output array with `new Array(length)` and
 * fills it in a loop, which leaves a holey array however full it gets. Where that loop writes every
 * element in order as its last statement (and holds no `continue` or `break` that could skip it),
 * the array starts empty (`[]`) instead: the same elements and length, in a packed array. Any other
 * shape of code is left alone.
 */
export function packArrays(body: string): string {
  if (!HOLEY_IS_SLOW) return body;
  return packArrayLoops(body);
}

/** `packArrays` on any engine (the rewrite itself, for tests). */
export function packArrayLoops(body: string): string {
  let packed = "";
  let copied = 0;
  for (const match of body.matchAll(ARRAY_LOOP)) {
    const [header, out, source, indent, index] = match as unknown as [string, string, string, string, string];
    const start = match.index + header.length;
    const end = body.indexOf(`\n${indent}}`, start - 1);
    if (end === -1) continue;
    const loop = body.slice(start, end);
    const last = loop.slice(loop.lastIndexOf("\n") + 1);
    if (!last.startsWith(`${indent}  ${out}[${index}] = `) || /\b(continue|break)\b/.test(loop)) continue;
    const made = `new Array(${source}.length)`;
    const at = match.index + header.indexOf(made);
    packed += `${body.slice(copied, at)}[]`;
    copied = at + made.length;
  }
  return copied === 0 ? body : packed + body.slice(copied);
}
