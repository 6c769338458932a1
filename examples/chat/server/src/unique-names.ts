import { NAME_TAKEN } from "@chat-example/contract";
import { ContractError } from "@socket-contract/server";
import type { ChatStores } from "./stores/stores.js";
import type { ChatNamespace, ChatSocket } from "./types.js";

/** How long a connected holder of a name has to answer before it counts as a dead connection. */
const PROBE_MS = 2_000;
/** How long a name stays claimed by a connection being admitted, at most (its probes included). */
const CLAIM_MS = 10_000;

/** A name as people read it: "Ada", "ada" and "ＡＤＡ" are one name. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLocaleLowerCase();
}

/** Whether two display names are one name to a reader (see `nameKey`). */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * Connection middleware that refuses a display name someone connected already holds (on any
 * instance: `fetchSockets` asks the adapter), so two people in a room can always be told apart.
 * The refusal is a `ContractError` with the code `NAME_TAKEN` and `data: { name }`, which the
 * client reads with `connectErrorOf`.
 *
 * A holder that does not answer a `ping` in time is a connection the server has not yet seen
 * drop (a laptop closed, a network switch): it is let go and the newcomer admitted, so that a
 * person coming back is not locked out of their own name by their own ghost.
 *
 * Two connections with one name at the same instant would each find no holder: each first claims
 * the name in `stores` (atomically, across instances with Redis), and the second is refused while
 * the first is admitted. The claim ends when the connection is admitted (`admitted`, once
 * `fetchSockets` sees it), refused, or after 10 s.
 *
 * @example
 * const names = uniqueNames(chat, stores);
 * chat.use(names.middleware);
 * chat.on("connection", (socket) => names.admitted(socket));
 */
export function uniqueNames(
  chat: ChatNamespace,
  stores: ChatStores,
): { middleware: (socket: ChatSocket) => Promise<void>; admitted: (socket: ChatSocket) => void } {
  const middleware = async (socket: ChatSocket): Promise<void> => {
    const name = socket.auth.name;
    const key = nameKey(name);
    const claimant = await stores.claimName(key, socket.id, name, CLAIM_MS);
    if (claimant !== undefined) throw taken(claimant);
    try {
      const holders = (await chat.fetchSockets()).filter(
        (other) => other.id !== socket.id && sameName(other.data.name, name),
      );
      for (const holder of holders) {
        if (await answers(chat, holder.id)) throw taken(holder.data.name);
        chat.in(holder.id).disconnectSockets(true);
      }
    } catch (error) {
      await stores.releaseName(key, socket.id);
      throw error;
    }
  };
  const admitted = (socket: ChatSocket): void => {
    stores.releaseName(nameKey(socket.data.name), socket.id).catch(() => {});
  };
  return { middleware, admitted };
}

function taken(name: string): ContractError {
  return new ContractError(NAME_TAKEN, { message: `Someone here is already called "${name}".`, data: { name } });
}

/** Whether the socket with this id is still there: any answer to `ping`, even a refusal, is a sign of life. */
async function answers(chat: ChatNamespace, socketId: string): Promise<boolean> {
  try {
    return (await chat.to(socketId).timeout(PROBE_MS).emit("ping")).length > 0;
  } catch (error) {
    return !ContractError.is(error, "TIMEOUT");
  }
}
