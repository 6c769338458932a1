import { ContractError } from "@socket-contract/contract";
import type { BroadcastOperator, Namespace, RemoteSocket } from "socket.io";

/**
 * Socket.IO's `fetchSockets()`, settled within `ms`. Under a Redis adapter it asks Redis first
 * (how many nodes, then each node's sockets); while Redis is away, the Redis client queues those
 * commands until it is back, and Socket.IO's promise waits as long. Here it rejects after `ms`
 * with `TIMEOUT` instead, and an adapter's own failure (such as its request timeout) rejects with
 * `TIMEOUT` too, its error as the `cause`. The sockets of a late answer are dropped.
 */
export function fetchSocketsWithin(
  raw: BroadcastOperator<any, any> | Namespace,
  ms: number,
  namespace: string,
): Promise<RemoteSocket<any, any>[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new ContractError("TIMEOUT", {
          message: `fetchSockets() got no answer from the adapter within ${ms} ms.`,
          namespace,
        }),
      );
    }, ms);
    raw.fetchSockets().then(
      (sockets) => {
        clearTimeout(timer);
        resolve(sockets);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(new ContractError("TIMEOUT", { message: "fetchSockets() failed in the adapter.", cause, namespace }));
      },
    );
  });
}
