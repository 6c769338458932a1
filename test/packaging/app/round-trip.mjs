// Run inside an app that installed the packed packages: one real server and client on loopback,
// through every path a user relies on first. Prints one JSON line with what the client saw.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import { z } from "zod";
import { binary, defineContract } from "@socket-contract/contract";
import { bindServer, ContractError } from "@socket-contract/server";
import { bindClient } from "@socket-contract/client";

const contract = defineContract({
  name: "smoke",
  version: "1.0.0",
  namespaces: {
    "/smoke": {
      auth: z.object({ token: z.string().min(1) }),
      clientToServer: {
        add: {
          args: [z.object({ a: z.number().int(), b: z.number().int() })],
          ack: z.number(),
          errors: { TOO_BIG: z.object({ limit: z.number() }) },
        },
        upload: { args: [z.object({ bytes: binary({ maxBytes: 16 }) })], ack: z.number() },
      },
      serverToClient: { ping: { args: [z.string()], ack: z.literal("pong") } },
    },
  },
});

const http = createServer();
const server = bindServer(contract, new Server(http), { onError: () => {} });
const smoke = server.of("/smoke");
let connected;
smoke.on("connection", (socket) => {
  connected = socket;
  socket.on("add", ({ a, b }) => {
    if (a + b > 100) throw new ContractError("TOO_BIG", { data: { limit: 100 } });
    return a + b;
  });
  socket.on("upload", ({ bytes }) => bytes.byteLength);
});
await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${http.address().port}/smoke`;

const seen = {};
const refused = io(url, { auth: {}, reconnection: false, transports: ["websocket"] });
seen.refused = await new Promise((resolve) => refused.on("connect_error", (error) => resolve(error.data?.code)));

const socket = io(url, { auth: { token: "t" }, reconnection: false, transports: ["websocket"] });
const client = bindClient(contract, "/smoke", socket);
client.on("ping", (text) => (text === "hi" ? "pong" : "no"));
await new Promise((resolve) => socket.on("connect", resolve));
seen.sum = await client.emit("add", { a: 2, b: 3 });
seen.custom = await client.emit("add", { a: 99, b: 3 }).catch((error) => [error.code, error.data]);
seen.invalid = await client
  .emit("add", { a: 1.5, b: 3 })
  .catch((error) => [error.code, error.issues.map((issue) => issue.path)]);
seen.bytes = await client.emit("upload", { bytes: new Uint8Array([1, 2, 3]) });
seen.tooMany = await client.emit("upload", { bytes: new Uint8Array(17) }).catch((error) => error.code);
seen.ack = await connected.timeout(2_000).emit("ping", "hi");
seen.broadcast = await smoke.timeout(2_000).emit("ping", "hi");
socket.disconnect();
await server.io.close();
console.log(JSON.stringify(seen));
