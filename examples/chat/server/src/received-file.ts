import { createHash } from "node:crypto";
import { ContractError } from "@socket-contract/server";

/** A streamed file, whole: its bytes and their SHA-256 in hex. */
export interface ReceivedFile {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

/**
 * Reads a `file:stream` upload's chunks as the server paces them, hashing on the way, and hands
 * the file over only once it is complete: exactly `size` bytes. Fewer (the sender ended early) or
 * more is `SIZE_MISMATCH`. A cancelled or dropped upload makes the loop throw, so nothing partial
 * is ever returned; `progress` is told the bytes received after each chunk.
 *
 * @example
 * const { bytes, sha256 } = await receiveFile(chunks, 20_000_000, (received) => uploads.set(id, received));
 */
export async function receiveFile(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
  progress: (received: number) => void,
): Promise<ReceivedFile> {
  const hash = createHash("sha256");
  const parts: Uint8Array[] = [];
  let received = 0;
  const mismatch = () =>
    new ContractError("SIZE_MISMATCH", {
      message: `The file was announced as ${size} bytes; ${received} arrived.`,
      data: { size, received },
    });
  for await (const chunk of chunks) {
    received += chunk.byteLength;
    // Refused at once: a sender cannot make the server hold more than it announced.
    if (received > size) throw mismatch();
    hash.update(chunk);
    parts.push(chunk);
    progress(received);
  }
  if (received !== size) throw mismatch();
  return { bytes: Buffer.concat(parts, size), sha256: hash.digest("hex") };
}
