import { h } from "../dom.js";

/** A web address as people paste them; what ends a sentence around it is trimmed off below. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that closes a sentence or a bracket more often than it ends an address. */
const TRAILING = /[.,;:!?'")\]}]+$/;

/**
 * A message's text as text nodes and links: every http(s) address becomes an `<a>` that opens in a
 * new tab without handing the page to it (`rel="noopener noreferrer"`). Everything is built as
 * nodes, never parsed as HTML, and only addresses the URL parser reads as http or https are linked.
 *
 * @example
 * h("p", { class: "message-text" }, ...linkified(message.text));
 */
export function linkified(text: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const address = trimTrailing(match[0]);
    const href = httpUrl(address);
    if (href === undefined) continue;
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push(h("a", { class: "message-link", href, target: "_blank", rel: "noopener noreferrer" }, address));
    from = match.index + address.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

/** Drops closing punctuation, but keeps a `)` that closes a `(` inside the address (Wikipedia's links). */
function trimTrailing(address: string): string {
  const trimmed = address.replace(TRAILING, "");
  const tail = address.slice(trimmed.length);
  const open = (trimmed.match(/\(/g) ?? []).length - (trimmed.match(/\)/g) ?? []).length;
  return open > 0 && tail.startsWith(")") ? `${trimmed})` : trimmed;
}

function httpUrl(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
