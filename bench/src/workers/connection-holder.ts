// Scenarios 5 and 12's client side: opens many plain socket.io-client connections and holds them
// open. The server's heap is what is measured, so these clients need no contract. With `tenants`,
// each connection goes to a namespace of its own, `${tenants}${index}` (scenario 12).
import { type Socket, io } from "socket.io-client";
import { serve } from "../rpc.js";

const sockets: Socket[] = [];

serve({
  async connect(input: { url: string; namespace: string; count: number; tenants?: string }): Promise<number> {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < input.count; i++) {
      const path = input.tenants === undefined ? input.namespace : `${input.tenants}${i}`;
      const socket = io(`${input.url}${path}`, {
        forceNew: true,
        reconnection: false,
        transports: ["websocket"],
      });
      sockets.push(socket);
      pending.push(
        new Promise((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        }),
      );
      // In waves: a few thousand simultaneous handshakes would time out on a busy machine.
      if (pending.length >= 200) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    return sockets.length;
  },
  close(): void {
    for (const socket of sockets.splice(0)) socket.disconnect();
  },
});
