import { CodegenError } from "../errors.js";

/**
 * Splits a wire name such as `message:send`, `avatar-upload` or `userJoined` into lower-case words.
 * A word is letters, combining marks (not enclosing ones) and decimal digits of any script (`résumé`, `заказ`, `送信`),
 * all of which an identifier may hold; everything else separates words.
 */
function words(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{Mn}\p{Mc}\p{Nd}]+/u)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/** A word with its first letter upper-cased (a whole code point, so letters past U+FFFF stay whole). */
function capitalized(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

/**
 * `message:send` -> `MessageSend`.
 *
 * @example
 * pascalCase("message:send"); // "MessageSend"
 */
export function pascalCase(name: string): string {
  return words(name).map(capitalized).join("");
}

/**
 * `message:send` -> `messageSend`.
 *
 * @example
 * camelCase("message:send"); // "messageSend"
 */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  const first = pascal === "" ? "" : String.fromCodePoint(pascal.codePointAt(0)!);
  return first.toLowerCase() + pascal.slice(first.length);
}

/** A name usable as an identifier: it has a word and starts with a letter (not a digit or a mark). */
export function identifierOf(name: string, place: string): string {
  const pascal = pascalCase(name);
  if (!/^\p{L}/u.test(pascal)) {
    throw new CodegenError(
      "UNRENDERABLE",
      `${place}: the name ${JSON.stringify(name)} gives no usable identifier (it needs a letter first)`,
    );
  }
  return pascal;
}

/** `/chat` -> `chat`, `/admin/users` -> `admin-users`, `/` -> `main` (Socket.IO's main namespace). */
export function folderOf(path: string): string {
  const folder = words(path).join("-");
  return folder === "" ? "main" : folder;
}

/** Keeps the names of one scope unique, naming both places when two would collide. */
export class NameRegistry {
  readonly #owners = new Map<string, string>();

  claim(name: string, owner: string): void {
    const previous = this.#owners.get(name);
    if (previous !== undefined && previous !== owner) {
      throw new CodegenError(
        "UNRENDERABLE",
        `${owner} and ${previous} would both generate the name \`${name}\`; rename one of them`,
      );
    }
    this.#owners.set(name, owner);
  }

  has(name: string): boolean {
    return this.#owners.has(name);
  }
}
