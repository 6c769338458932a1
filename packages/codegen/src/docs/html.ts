/**
 * Escapes text for HTML content and attribute values. Everything the contract says (names,
 * descriptions, examples) goes through here: a description is text, never markup.
 *
 * @example
 * escapeHtml('<b>"hi"</b>'); // "&lt;b&gt;&quot;hi&quot;&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * A description as HTML: escaped, blank lines as paragraphs, `backticks` as code, as people write
 * them in a contract.
 *
 * @example
 * prose("A room's name, such as `general`."); // "<p>A room&#39;s name, such as <code>general</code>.</p>"
 */
export function prose(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return "";
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${inline(paragraph.trim())}</p>`)
    .join("");
}

/** One line of a description: escaped, `backticks` as code, line breaks kept. */
export function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .replace(/\n/g, "<br>");
}

/**
 * An anchor id made of the given parts: lower-case letters, digits and dashes, stable for a name.
 *
 * @example
 * anchor("event", "/chat", "message:send"); // "event-chat-message-send"
 */
export function anchor(...parts: string[]): string {
  return (
    parts
      .map((part) => part.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).replace(/[^a-z0-9]+/g, "-"))
      .join("-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "") || "root"
  );
}
