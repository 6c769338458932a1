import {
  CARRIER_KEY,
  type Connection,
  type ContractIdentity,
  InterceptorSet,
} from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";
import { attemptCarrier } from "./attempt.js";
import { announceContract } from "./handshake.js";

/** What a bound client needs for interceptors: their set, and the handshake that runs the connection ones. */
export interface ClientInterception {
  set(interceptors: readonly unknown[]): InterceptorSet;
  announce(
    socket: Socket,
    /** Its namespace, a dynamic namespace's key (`pattern`, as the server's attempts carry it), and where failures go. */
    connection: Connection,
    set: InterceptorSet,
    peer: unknown,
    identity: () => ContractIdentity,
  ): void;
}

const support: ClientInterception = {
  set(interceptors) {
    const set = new InterceptorSet();
    for (const [index, interceptor] of interceptors.entries())
      set.add(interceptor as never, `bindClient options.interceptors[${index}]`);
    return set;
  },
  announce(socket, connection, set, peer, identity) {
    if (!set.propagates && set.connection.length === 0) return announceContract(socket, identity);
    // A propagating interceptor (tracing) sends the attempt's carrier, which also says that every event carries one.
    const carrier = attemptCarrier(socket, connection.namespace, connection.interception?.pattern, set, peer, (error) =>
      connection.report(error),
    );
    announceContract(socket, () =>
      set.propagates ? { ...identity(), [CARRIER_KEY]: carrier() } : (carrier(), identity()),
    );
  },
};

let enabled: ClientInterception | undefined;

/**
 * Lets bound clients run interceptors (`bindClient`'s `interceptors` option, tracing among them).
 * The Node entry does it by itself; in a browser bundle the interceptor code is left out until a
 * page calls this once before `bindClient`, so a page that registers none does not carry it.
 * `bindClient` given interceptors throws a `TypeError` saying so when they are not enabled.
 *
 * @example
 * enableInterceptors();
 * const chat = bindClient(contract, "/chat", io("/chat"), { interceptors: [logging] });
 */
export function enableInterceptors(): void {
  enabled = support;
}

/** The interceptor support, once enabled. */
export function clientInterception(): ClientInterception | undefined {
  return enabled;
}
