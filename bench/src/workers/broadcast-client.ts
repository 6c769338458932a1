// One of the client processes of scenario 3: many connections, each with a socket on /plain and
// one on /bound over the same Engine.IO connection, and a control socket that tells the server
// when a broadcast has reached every socket of this process.
import { bindClient } from "@socket-contract/client";
import { Manager, type Socket } from "socket.io-client";
import { benchContract } from "../contract.js";
import { serve } from "../rpc.js";

const managers: Manager[] = [];
const received = { plain: new Map<number, number>(), bound: new Map<number, number>() };
let control: Socket | undefined;
let expected = { plain: new Map<string, number>(), bound: new Map<string, number>() };
let room = "all";

function arrived(variant: "plain" | "bound", seq: number): void {
  const counts = received[variant];
  const count = (counts.get(seq) ?? 0) + 1;
  if (count === expected[variant].get(room)) {
    counts.delete(seq);
    control!.emit("done", variant, seq);
  } else counts.set(seq, count);
}

function opened(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

async function connect(input: { url: string; sockets: number; smallRoomSockets: number }): Promise<void> {
  control = new Manager(input.url, { reconnection: false, transports: ["websocket"] }).socket("/control");
  await opened(control);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < input.sockets; i++) {
    const manager = new Manager(input.url, { reconnection: false, transports: ["websocket"] });
    managers.push(manager);
    const auth = { small: i < input.smallRoomSockets };
    const plain = manager.socket("/plain", { auth });
    plain.on("message", (message: { seq: number }) => arrived("plain", message.seq));
    const bound = bindClient(benchContract, "/bound", manager.socket("/bound", { auth }));
    bound.on("message", (message) => arrived("bound", message.seq));
    pending.push(opened(plain), opened(bound.socket));
    // Connect in waves, so a thousand handshakes do not all time out together on a busy machine.
    if (pending.length >= 100) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const sizes = new Map([
    ["all", input.sockets],
    ["small", input.smallRoomSockets],
  ]);
  expected = { plain: sizes, bound: sizes };
}

serve({
  connect,
  room: (input: { room: string }) => {
    room = input.room;
    received.plain.clear();
    received.bound.clear();
  },
});
