import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { connectAs, onCleanup, startApp } from "./support.js";

// The chat's OpenTelemetry as an operator sees it: Prometheus scraping /metrics on the chat's own
// port, and spans on stdout when the process starts with OTEL_TRACES_EXPORTER=console.

const SERVER_DIR = fileURLToPath(new URL("../server", import.meta.url));
const WEB_ASSETS = fileURLToPath(new URL("../web/dist/assets", import.meta.url));

/** The value of the one sample of `metric` whose labels include every one of `labels`, or undefined. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const values = text
    .split("\n")
    .filter((line) => line.startsWith(`${metric}{`))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(" ") + 1)));
  expect(values.length, `${metric} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return values[0];
}

const event = (name: string, outcome: string) => ({
  messaging_destination_name: "/chat",
  messaging_socket_io_event_name: name,
  socket_contract_outcome: outcome,
});

describe("chat telemetry", () => {
  it("serves its metrics at /metrics in Prometheus' format, counting real traffic by namespace, event and outcome", async () => {
    const app = await startApp();
    const ada = await connectAs(app.url, "Ada");
    const grace = await connectAs(app.url, "Grace");
    await ada.roomJoin("general");
    for (const text of ["one", "two", "three"]) await ada.messageSend({ room: "general", text });
    await expect(grace.messageSend({ room: "general", text: "not joined" })).rejects.toMatchObject({
      code: "NOT_IN_ROOM",
    });

    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('target_info{service_name="socket-contract-chat"} 1');
    const received = "messaging_client_consumed_messages_total";
    expect(sample(text, received, event("room:join", "OK"))).toBe(1);
    expect(sample(text, received, event("message:send", "OK"))).toBe(3);
    expect(sample(text, received, { ...event("message:send", "NOT_IN_ROOM"), error_type: "NOT_IN_ROOM" })).toBe(1);
    expect(sample(text, received, event("room:leave", "OK"))).toBeUndefined();
    const sent = "messaging_client_sent_messages_total";
    expect(sample(text, sent, { ...event("message:send", "OK"), messaging_operation_name: "ack" })).toBe(3);
    expect(sample(text, sent, { ...event("message", "OK"), messaging_operation_name: "broadcast" })).toBe(3);
    expect(sample(text, "messaging_process_duration_count", event("message:send", "OK"))).toBe(3);
    expect(sample(text, "socket_contract_connections_active", { messaging_destination_name: "/chat" })).toBe(2);
    // No message text, name or socket id is ever a label.
    for (const value of ["one", "not joined", "Ada", "Grace", ada.socket.id!]) expect(text).not.toContain(`"${value}"`);

    // Other paths and methods are not the metrics.
    expect((await fetch(`${app.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("prints a span for each received event on stdout when started with OTEL_TRACES_EXPORTER=console", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@socket-contract/source", path.join(SERVER_DIR, "src/main.ts")],
      {
        cwd: SERVER_DIR,
        env: { ...process.env, OTEL_TRACES_EXPORTER: "console", PORT: "0", HOST: "127.0.0.1", REDIS_URL: "" },
      },
    );
    onCleanup(() => stop(child));
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.stderr!.on("data", (chunk) => (err += chunk));
    await until(
      () => /Chat running at http:\/\/localhost:\d+/.test(out),
      () => `${out}\n${err}`,
    );
    const port = /localhost:(\d+)/.exec(out)![1];
    const ada = await connectAs(`http://127.0.0.1:${port}`, "Ada");
    await ada.roomJoin("general");

    await until(
      () => out.includes("name: 'process room:join'"),
      () => out,
    );
    const span = out.slice(out.lastIndexOf("{", out.indexOf("name: 'process room:join'")));
    expect(span).toMatch(/traceId: '[0-9a-f]{32}'/);
    expect(span).toContain("'messaging.socket.io.event_name': 'room:join'");
    expect(span).toContain("'socket_contract.outcome': 'OK'");
    expect(out).toContain("name: 'receive /chat'");
    expect(err).toBe("");
  });

  it("keeps the OpenTelemetry SDK out of the web page's bundle", async () => {
    const scripts = (await readdir(WEB_ASSETS)).filter((file) => file.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect(await readFile(path.join(WEB_ASSETS, script), "utf8"), script).not.toContain("opentelemetry");
  });
});

async function until(done: () => boolean, shown: () => string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${shown()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
