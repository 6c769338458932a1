// The smallest app that binds one ack-bearing event through bindClient, its contract in zod/mini.
import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { io } from "socket.io-client";
import * as z from "zod/mini";

const contract = defineContract({
  name: "size",
  version: "1.0.0",
  namespaces: {
    "/size": {
      clientToServer: {
        "room:join": {
          args: [z.object({ room: z.string().check(z.minLength(1)) })],
          ack: z.object({ id: z.string() }),
        },
      },
    },
  },
});

// A hand-written contract in a page: the handshake needs its fingerprint computed (generated code files it).
const client = bindClient(contract, "/size", io("/size"));
client.emit("room:join", { room: "lobby" }).then((ack) => console.log(ack.id));
