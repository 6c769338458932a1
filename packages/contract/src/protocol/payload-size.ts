/**
 * The size in bytes of values as they travel: the UTF-8 length of their JSON text, plus the bytes of
 * every binary attachment (counted once, where Socket.IO puts a short placeholder in the text).
 * Measured on demand by interceptors (a span's `messaging.message.body.size`), never per event.
 */
export function payloadSize(values: readonly unknown[]): number {
  let binary = 0;
  const text = JSON.stringify(values, (_key, value: unknown) => {
    if (typeof value === "object" && value !== null) {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        binary += value.byteLength;
        return 0;
      }
      if (typeof Blob !== "undefined" && value instanceof Blob) {
        binary += value.size;
        return 0;
      }
      // A Node Buffer's toJSON runs before the replacer sees it; this is what it turns into.
      const buffer = value as { type?: unknown; data?: unknown };
      if (buffer.type === "Buffer" && Array.isArray(buffer.data)) {
        binary += buffer.data.length;
        return 0;
      }
    }
    return value;
  });
  return utf8Length(text ?? "") + binary;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}
