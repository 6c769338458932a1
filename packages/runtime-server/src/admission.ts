import { type ContractDefinition, ContractError } from "@socket-contract/contract";
import { parseValue, splitHandshake } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io";
import { checkAuth } from "./handshake-auth.js";
import type { LimitSettings } from "./limits.js";
import type { NamespaceRuntime } from "./runtime.js";
import { BoundSocket } from "./socket.js";
import type { VersionCheck } from "./version-policy.js";

/** Connection middleware of a namespace: fills `socket.data`, refuses by throwing. */
export type Middleware<TContract extends ContractDefinition, TPath extends string> = (
  socket: BoundSocket<TContract, TPath>,
) => void | Promise<void>;

/** What admitting a connection to a namespace needs besides its runtime: the server's settings. */
export interface AdmissionSettings {
  readonly limits: LimitSettings | undefined;
  readonly checkVersion: VersionCheck | undefined;
  readonly maxDepth: number | undefined;
}

/**
 * Admits one connection to a namespace whose path was already accepted: the contract version
 * first (a client on another contract may well send another auth shape), then `auth` parsed by the
 * contract, then each middleware in order on the bound socket, then `socket.data` checked. A
 * refusal is told to `onError` and thrown, which Socket.IO turns into the client's `connect_error`.
 */
export async function admit<TContract extends ContractDefinition, TPath extends string>(
  runtime: NamespaceRuntime,
  raw: Socket,
  params: unknown,
  settings: AdmissionSettings,
  middlewares: readonly Middleware<TContract, TPath>[],
): Promise<void> {
  const context = { namespace: runtime.namespace, socketId: raw.id };
  const handshake = splitHandshake(raw.handshake.auth);
  await settings.checkVersion?.(handshake.identity, context);
  const socket = boundSocket<TContract, TPath>(runtime, raw, params, settings, handshake);
  for (const middleware of middlewares) {
    try {
      await middleware(socket);
    } catch (thrown) {
      runtime.report(
        ContractError.is(thrown)
          ? thrown
          : new ContractError("UNAUTHORIZED", { cause: thrown, namespace: runtime.namespace }),
        context,
      );
      throw thrown;
    }
  }
  if (runtime.data !== undefined) {
    const parsed = parseValue(runtime.data, raw.data, []);
    if (!parsed.ok) {
      runtime.report(
        new ContractError("HANDLER_ERROR", {
          message: "socket.data does not match the contract after middleware.",
          issues: parsed.issues,
          namespace: runtime.namespace,
        }),
        context,
      );
      throw new ContractError("HANDLER_ERROR");
    }
    raw.data = parsed.value;
  }
}

/**
 * Binds a connection restored by connection-state recovery, which skipped `admit`: its `auth` is
 * parsed like any other (a failure throws `UNAUTHORIZED`); its `data` was checked when it first
 * connected and came back with its session.
 */
export function bindRecovered<TContract extends ContractDefinition, TPath extends string>(
  runtime: NamespaceRuntime,
  raw: Socket,
  params: unknown,
  settings: AdmissionSettings,
): BoundSocket<TContract, TPath> {
  return boundSocket(runtime, raw, params, settings, splitHandshake(raw.handshake.auth));
}

/**
 * The bound socket of a connection, admitted or recovered alike: its handshake's `auth` parsed by
 * the contract (a failure throws `UNAUTHORIZED`), trace carriers read when the client declared them.
 */
function boundSocket<TContract extends ContractDefinition, TPath extends string>(
  runtime: NamespaceRuntime,
  raw: Socket,
  params: unknown,
  settings: AdmissionSettings,
  handshake: ReturnType<typeof splitHandshake>,
): BoundSocket<TContract, TPath> {
  const auth = checkAuth(runtime, handshake.auth, settings.maxDepth, raw.id);
  return new BoundSocket(runtime, raw, auth, settings.limits, params, handshake.carrier !== undefined);
}
