import WebSocket from "ws";
import { onCleanup } from "../../support/util.js";

/** The Socket.IO connect packet for `/chat` with a valid handshake `auth`. */
export const CONNECT_CHAT = `40/chat,${JSON.stringify({ token: "hostile" })}`;

/**
 * A raw WebSocket speaking Engine.IO by hand, with no Socket.IO client in between, so it can send
 * what no client library would. Connected to `/chat` (or the namespace given, with its handshake
 * `auth`) once it resolves; Engine.IO's pings are answered.
 */
export async function rawWebSocket(
  url: string,
  { namespace = "/chat", auth = { token: "hostile" } }: { namespace?: string; auth?: object } = {},
): Promise<{
  ws: WebSocket;
  received: (string | Buffer)[];
  closed: Promise<number>;
  nextText(prefix: string, ms?: number): Promise<string>;
}> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`, {
    maxPayload: 10_000_000,
  });
  onCleanup(() => ws.terminate());
  const received: (string | Buffer)[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (data, isBinary) => {
    if (!isBinary && data.toString() === "2") return void ws.send("3");
    received.push(isBinary ? (data as Buffer) : data.toString());
    for (const wake of waiters.splice(0)) wake();
  });
  ws.on("error", () => {});
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const nextText = async (prefix: string, ms = 3_000): Promise<string> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = received.findIndex((message) => typeof message === "string" && message.startsWith(prefix));
      if (index >= 0) return received.splice(index, 1)[0] as string;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no message starting with ${prefix} in ${ms} ms; got ${JSON.stringify(received.map(String)).slice(0, 300)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  await nextText("0{");
  ws.send(`40${namespace},${JSON.stringify(auth)}`);
  await nextText(`40${namespace},`);
  return { ws, received, closed, nextText };
}

/** A raw HTTP long-polling session: Engine.IO's handshake, then `/chat` connected. */
export async function rawPolling(
  url: string,
): Promise<{ post(body: string): Promise<number>; poll(): Promise<{ status: number; body: string }> }> {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const { sid } = JSON.parse(open.slice(1)) as { sid: string };
  const endpoint = `${base}&sid=${sid}`;
  const post = async (body: string) =>
    (await fetch(endpoint, { method: "POST", body, headers: { "content-type": "text/plain;charset=UTF-8" } })).status;
  const poll = async () => {
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  };
  await post(CONNECT_CHAT);
  const connected = await poll();
  if (!connected.body.startsWith("40/chat,")) throw new Error(`not connected: ${connected.body}`);
  return { post, poll };
}
