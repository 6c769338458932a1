import { CodegenError } from "../errors.js";

/** Splits a wire name such as `message:send`, `avatar-upload` or `userJoined` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/**
 * `message:send` -> `MessageSend`.
 *
 * @example
 * pascalCase("message:send"); // "MessageSend"
 */
export function pascalCase(name: string): string {
  return words(name)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}

/**
 * `message:send` -> `messageSend`.
 *
 * @example
 * camelCase("message:send"); // "messageSend"
 */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** A name usable as an identifier: it has a word and does not start with a digit. */
export function identifierOf(name: string, place: string): string {
  const pascal = pascalCase(name);
  if (pascal === "" || /^[0-9]/.test(pascal)) {
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
