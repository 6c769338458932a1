import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { binary, contractFingerprint, defineContract, streamOf } from "@socket-contract/contract";
import { bindServer, ContractError } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { errorLog, startServer } from "../support/util.js";

// A python-socketio client written from the README's "What happens on the wire" alone
// (python-wire-client.py) talks to bound servers: every field it reads is one the README names.
const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./python-wire-client.py", import.meta.url));
const available = spawnSync(PYTHON, ["-c", "import socketio, websocket"], { timeout: 10_000 }).status === 0;
if (!available && process.env.REQUIRE_PYTHON !== "1")
  console.warn(
    "[skip] python-socketio wire protocol: /usr/bin/python3 cannot import socketio and websocket (apt-get install -y python3-socketio python3-websocket)",
  );

const contract = defineContract({
  name: "wire",
  version: "1.0.0",
  namespaces: {
    "/app": {
      auth: z.object({ token: z.string().min(1) }),
      clientToServer: {
        "note:add": {
          args: [z.object({ title: z.string().min(1), body: z.string().max(10) })],
          ack: z.object({ id: z.number(), title: z.string() }),
          errors: { FULL: z.object({ capacity: z.number() }) },
        },
        "file:put": {
          args: [z.object({ name: z.string(), meta: z.object({ bytes: binary({ maxBytes: 8 }) }) })],
          ack: z.object({ size: z.number(), echo: binary() }),
        },
        log: { args: [z.string()] },
        tell: { args: [z.string()], errors: { BAD: z.object({ why: z.string() }) } },
        boom: { args: [], ack: z.string() },
        staff: { args: [], ack: z.string() },
        ask: { args: [z.string()], ack: z.object({ answer: z.string() }).or(z.object({ code: z.string() })) },
        count: { args: [z.number().int()], stream: z.object({ n: z.number() }), ack: z.object({ total: z.number() }) },
        upload: { args: [z.object({ name: z.string() }), streamOf(binary({ maxBytes: 4 }))], ack: z.number() },
      },
      serverToClient: { question: { args: [z.string()], ack: z.object({ answer: z.string() }) } },
    },
    "/org/:orgId": {
      params: z.object({ orgId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
      clientToServer: { whoami: { args: [], ack: z.string() } },
    },
  },
});

async function start(versionPolicy: "accept" | "reject") {
  const { io, url } = await startServer({ transports: ["websocket"] });
  const log = errorLog();
  const server = bindServer(contract, io, { onError: log.onError, versionPolicy });
  let ids = 0;
  server.of("/app").on("connection", (socket) => {
    socket.on("note:add", ({ title }) => {
      if (title === "full") throw new ContractError("FULL", { data: { capacity: 3 } });
      return { id: ++ids, title };
    });
    socket.on("file:put", ({ meta }) => ({ size: meta.bytes.byteLength, echo: meta.bytes }));
    socket.on("log", () => {});
    socket.on("tell", (why) => {
      throw new ContractError("BAD", { data: { why } });
    });
    socket.on("boom", () => {
      throw new Error("internal detail");
    });
    socket.on("staff", () => {
      throw new ContractError("FORBIDDEN");
    });
    socket.on("ask", async (text) => {
      try {
        return await socket.timeout(2_000).emit("question", text);
      } catch (error) {
        return { code: (error as ContractError).code };
      }
    });
    socket.on("count", async function* (n) {
      for (let i = 0; i < n; i++) yield { n: i };
      return { total: n };
    });
    socket.on("upload", async (_file, chunks) => {
      let bytes = 0;
      for await (const chunk of chunks) bytes += chunk.byteLength;
      return bytes;
    });
  });
  server.of("/org/:orgId").on("connection", (socket) => void socket.on("whoami", () => socket.params.orgId));
  return { url, errors: log.errors };
}

const issue = (path: (string | number)[], code: string) => ({ path, code, message: expect.any(String) });

it.skipIf(!available && process.env.REQUIRE_PYTHON !== "1")(
  "a python-socketio client written from the README's wire section gets exactly what it describes",
  { timeout: 30_000 },
  async () => {
    const [open, strict] = [await start("accept"), await start("reject")];
    const child = spawn(PYTHON, [SCRIPT, open.url, strict.url]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill(), 25_000);
      child.on("close", (status) => (clearTimeout(timer), resolve(status)));
    });
    expect(err, out).toBe("");
    expect(code).toBe(0);
    const seen = JSON.parse(out);
    const refused = (code: string, message: string) => ({ message, data: { code, message } });

    expect(seen.auth_refused).toEqual(refused("UNAUTHORIZED", "The connection was refused."));
    expect(seen.ack).toEqual({ ok: true, data: { id: 1, title: "t" } });
    expect(seen.invalid).toEqual({
      ok: false,
      error: {
        code: "INVALID_PAYLOAD",
        message: "The event's arguments do not match the contract.",
        issues: [issue([0, "title"], "too_small")],
      },
    });
    expect(seen.arity.error).toMatchObject({ code: "INVALID_PAYLOAD", issues: [issue([1], "too_many_arguments")] });
    expect(seen.custom).toEqual({ ok: false, error: { code: "FULL", message: "FULL", data: { capacity: 3 } } });
    expect(seen.unknown).toEqual({
      ok: false,
      error: { code: "UNKNOWN_EVENT", message: "The event is not part of the contract." },
    });
    expect(seen.handler).toEqual({ ok: false, error: { code: "HANDLER_ERROR", message: "The handler failed." } });
    expect(seen.forbidden).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", message: "This connection may not send this event." },
    });
    expect(seen.binary).toEqual({ ok: true, data: { size: 3, echo: [0, 1, 255] } });
    expect(seen.binary_type).toBe("bytes");
    expect(seen.binary_too_big.error).toMatchObject({
      code: "INVALID_PAYLOAD",
      issues: [issue([0, "meta", "bytes"], "too_big")],
    });
    expect(seen.binary_not_bytes.error).toMatchObject({
      code: "INVALID_PAYLOAD",
      issues: [issue([0, "meta", "bytes"], "custom")],
    });
    expect(seen.ackless_with_callback).toEqual({ ok: true });

    expect(seen.reports).toEqual([
      {
        event: "log",
        code: "INVALID_PAYLOAD",
        message: "The event's arguments do not match the contract.",
        issues: [issue([0], "invalid_type")],
      },
      { event: "note:add", code: "MISSING_ACK", message: "The event expects an acknowledgement callback." },
      { event: "tell", code: "BAD", message: "BAD", data: { why: "why" } },
      { event: "no:such:event", code: "UNKNOWN_EVENT", message: "The event is not part of the contract." },
      {
        event: "contract:credit",
        code: "INVALID_PAYLOAD",
        message: "No stream 99 was opened.",
      },
    ]);

    expect(seen.server_ack).toEqual({ ok: true, data: { answer: "NAME?" } });
    expect(seen.server_ack_bare).toEqual({ ok: true, data: { code: "INVALID_ACK" } });

    expect(seen.frames).toEqual([
      ["contract:item", 1, { n: 0 }],
      ["contract:item", 1, { n: 1 }],
      ["contract:item", 1, { n: 2 }],
      ["contract:item", 1, { n: 3 }],
      ["contract:item", 1, { n: 4 }],
      ["contract:end", 1, { ok: true, data: { total: 5 } }],
      ["contract:credit", 3, 16],
      ["contract:end", 3, { ok: true, data: 5 }],
      [
        "contract:end",
        5,
        { ok: false, error: { code: "UNKNOWN_EVENT", message: "The event is not part of the contract." } },
      ],
    ]);
    expect(seen.after_frames).toEqual({ ok: true, data: { id: 2, title: "still" } });

    expect(seen.org).toEqual({ ok: true, data: "acme" });
    expect(seen.org_refused).toEqual({
      message: "The namespace's parameters do not match the contract.",
      data: {
        code: "INVALID_PAYLOAD",
        message: "The namespace's parameters do not match the contract.",
        issues: [issue(["orgId"], "invalid_format")],
      },
    });

    expect(seen.strict_refused).toMatchObject({
      data: {
        code: "CONTRACT_MISMATCH",
        // The fingerprint the AsyncAPI document carries as info["x-socket-contract"].fingerprint.
        data: { server: { name: "wire", version: "1.0.0", fingerprint: contractFingerprint(contract) } },
      },
    });
    expect(seen.strict_refused.data.data.client).toBeUndefined();
    expect(seen.strict_refused_again).toBeNull();
    expect(seen.strict).toEqual({ ok: true, data: { id: 1, title: "t" } });
  },
);
