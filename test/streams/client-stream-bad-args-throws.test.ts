import { ContractError } from "@socket-contract/contract";
import { STREAM_OPEN } from "@socket-contract/contract/internal";
import { expect, it } from "vitest";
import { collect, startStreams } from "./support.js";

/** A stream request made with arguments its types refuse, as plain JavaScript may make it. */
type Untyped = (event: string, ...args: unknown[]) => AsyncIterable<unknown> & { readonly ack: Promise<unknown> };

it("a client's stream request with bad arguments fails through its stream with INVALID_PAYLOAD, as an acked emit rejects, and sends nothing", async () => {
  const { chat, raw, errors } = await startStreams();
  const opened: unknown[] = [];
  const send = raw.emit.bind(raw);
  raw.emit = ((event: string, ...args: unknown[]) => {
    if (event === STREAM_OPEN) opened.push(args[0]);
    return send(event, ...args);
  }) as typeof raw.emit;
  const stream = chat.stream.bind(chat) as unknown as Untyped;
  let failed: ReturnType<Untyped> | undefined;
  expect(() => {
    failed = stream("count", { n: "three" });
  }).not.toThrow();
  const failure = await failed!.ack.catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ContractError);
  expect(failure).toMatchObject({ code: "INVALID_PAYLOAD", event: "count", namespace: "/s" });
  expect((failure as ContractError).issues?.map((issue) => issue.path)).toEqual([[0, "n"]]);
  await expect(collect(failed!)).rejects.toMatchObject({ code: "INVALID_PAYLOAD", event: "count" });
  // Wrong arity, an upload that is no source of items and bad call options fail the same way.
  await expect(stream("count").ack).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
  await expect(stream("upload", { name: "x" }, 42).ack).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
  await expect(stream("count", { n: 1 }, { window: 0 }).ack).rejects.toMatchObject({
    code: "INVALID_PAYLOAD",
    event: "count",
  });
  // Misuse that no value can fix still throws at the call, as emit() does.
  expect(() => stream("nope", 1)).toThrow(expect.objectContaining({ code: "UNKNOWN_EVENT" }));
  expect(opened).toEqual([]);
  const good = chat.stream("count", { n: 2 });
  expect(await collect(good)).toEqual([{ i: 0 }, { i: 1 }]);
  expect(opened).toHaveLength(1);
  expect(errors).toEqual([]);
});

it("a server's stream request with bad arguments throws INVALID_PAYLOAD at the call, as its emits do", async () => {
  const { sockets } = await startStreams();
  const stream = sockets[0]!.stream.bind(sockets[0]) as unknown as Untyped;
  expect(() => stream("progress", "two")).toThrow(
    expect.objectContaining({ code: "INVALID_PAYLOAD", event: "progress" }),
  );
});
