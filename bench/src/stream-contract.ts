import { binary, defineContract, streamOf } from "@socket-contract/contract";
import { z } from "zod";

/** Scenarios 9 to 11: a stream of ~1 KB rows, and an upload in 64 KiB chunks. */
export const Row = z.object({ i: z.number().int(), text: z.string() });

export const streamBenchContract = defineContract({
  name: "stream-bench",
  version: "1.0.0",
  namespaces: {
    "/bound": {
      clientToServer: {
        rows: { args: [z.number().int().min(0)], stream: Row },
        upload: {
          args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 65_536 }))],
          ack: z.object({ bytes: z.number() }),
        },
      },
    },
  },
});

/** The text of every row: about 1 KB once encoded. */
export const ROW_TEXT = "x".repeat(1_000);
export const CHUNK_BYTES = 65_536;
/** The credit window of both variants: the hand-written loop keeps this many rows or chunks unacknowledged. */
export const STREAM_WINDOW = 16;
