import { spawn, spawnSync } from "node:child_process";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { tracing } from "@socket-contract/opentelemetry";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { contract } from "../interceptors/support.js";
import { useTraceContext } from "../support/otel-context.js";
import { startServer } from "../support/util.js";

// A plain python-socketio client (Debian's python3-socketio with python3-websocket, imported by /usr/bin/python3) talks to
// a bound server with tracing on: it sends no "~contract" entry, so no carrier is expected of it.
const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import socketio, websocket"], { timeout: 10_000 }).status === 0;
if (!available && process.env.REQUIRE_PYTHON !== "1")
  console.warn(
    "[skip] python-socketio interop: /usr/bin/python3 cannot import socketio and websocket (apt-get install -y python3-socketio python3-websocket)",
  );

useTraceContext();

const SCRIPT = `
import sys, socketio
sio = socketio.Client()
sio.connect(sys.argv[1], namespaces=["/ops"], transports=["websocket"], wait_timeout=5)
answer = sio.call("user:ban", "bob", namespace="/ops", timeout=5)
print(answer)
sio.disconnect()
`;

it.skipIf(!available && process.env.REQUIRE_PYTHON !== "1")(
  "a python-socketio client sends an event to a traced server and gets its ack",
  async () => {
    const spans = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    const { io, url } = await startServer();
    const ops = bindServer(contract, io, { interceptors: [tracing({ tracerProvider })] }).of("/ops");
    ops.on("connection", (socket) => void socket.on("user:ban", (name) => ({ banned: name })));
    const child = spawn(PYTHON, ["-c", SCRIPT, url]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill(), 15_000);
      child.on("close", (status) => (clearTimeout(timer), resolve(status)));
    });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.trim()).toBe("{'ok': True, 'data': {'banned': 'bob'}}");
    const processed = spans.getFinishedSpans().find((span) => span.name === "process user:ban")!;
    expect(processed.attributes["socket_contract.outcome"]).toBe("OK");
    // No propagated context from a plain client: the server's span starts its own trace.
    expect(processed.parentSpanContext).toBeUndefined();
  },
);
