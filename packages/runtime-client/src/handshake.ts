import type { ContractIdentity } from "@socket-contract/contract";
import { HANDSHAKE_KEY } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";

type AuthCallback = (callback: (data: object) => void) => void;

/**
 * Makes every CONNECT packet of `socket` carry the contract's identity under `"~contract"`, next to
 * whatever `auth` the app gives, so the server can apply its version policy.
 *
 * socket.io-client reads `socket.auth` each time it sends CONNECT (first connection and every
 * reconnection), as an object or as a function `(cb) => cb(data)`. `auth` becomes an accessor:
 * what the app assigns is kept as it is, and what socket.io-client reads adds the identity. An
 * object is seen through a Proxy, so `socket.auth.token = fresh` keeps working; a function is
 * wrapped. The CONNECT of a socket whose Manager was already open went out inside `io(...)`, before
 * this ran: that one connection carries no identity (create it with `autoConnect: false`, then
 * call `connect()` after `bindClient`).
 */
export function announceContract(socket: Socket, identityOf: () => ContractIdentity & { carrier?: object }): void {
  const holder = socket as unknown as { auth?: unknown };
  let assigned = holder.auth;
  const proxies = new WeakMap<object, object>();
  const wrappers = new WeakMap<AuthCallback, AuthCallback>();
  const merged = (data: unknown): object => ({
    ...(typeof data === "object" && data !== null ? data : {}),
    [HANDSHAKE_KEY]: identityOf(),
  });
  Object.defineProperty(socket, "auth", {
    configurable: true,
    enumerable: true,
    set: (value: unknown) => {
      assigned = value;
    },
    get: (): unknown => {
      const auth = assigned;
      if (typeof auth === "function") {
        let wrapper = wrappers.get(auth as AuthCallback);
        if (wrapper === undefined) {
          wrapper = (callback) => (auth as AuthCallback)((data) => callback(merged(data)));
          wrappers.set(auth as AuthCallback, wrapper);
        }
        return wrapper;
      }
      // A frozen object cannot be seen with an extra key (a Proxy invariant); it cannot change either, so a copy will do.
      if (typeof auth !== "object" || auth === null || !Object.isExtensible(auth)) return merged(auth);
      let proxy = proxies.get(auth);
      if (proxy === undefined) {
        proxy = withIdentity(auth, identityOf);
        proxies.set(auth, proxy);
      }
      return proxy;
    },
  });
}

/**
 * `auth` as the app holds it, plus one read-only, enumerable key that JSON (and msgpack) will
 * serialise; read at each access, since it holds the current attempt's trace context carrier.
 */
function withIdentity(auth: object, identity: () => ContractIdentity): object {
  return new Proxy(auth, {
    get: (target, key, receiver) => (key === HANDSHAKE_KEY ? identity() : Reflect.get(target, key, receiver)),
    has: (target, key) => key === HANDSHAKE_KEY || Reflect.has(target, key),
    ownKeys: (target) =>
      Object.isExtensible(target)
        ? [...Reflect.ownKeys(target).filter((key) => key !== HANDSHAKE_KEY), HANDSHAKE_KEY]
        : Reflect.ownKeys(target),
    getOwnPropertyDescriptor: (target, key) =>
      key === HANDSHAKE_KEY && Object.isExtensible(target)
        ? { value: identity(), writable: false, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, key),
  });
}
