import { NAME_TAKEN } from "@chat-example/contract";
import { ContractError } from "@socket-contract/server";
import type { ChatNamespace, ChatSocket } from "./types.js";

/** How long a connected holder of a name has to answer before it counts as a dead connection. */
const PROBE_MS = 2_000;

/** Names compare as people read them: "Ada", "ada" and "ＡＤＡ" are one name. */
export function sameName(a: string, b: string): boolean {
  return a.normalize("NFKC").toLocaleLowerCase() === b.normalize("NFKC").toLocaleLowerCase();
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
 * @example
 * chat.use(refuseTakenNames(chat));
 */
export function refuseTakenNames(chat: ChatNamespace): (socket: ChatSocket) => Promise<void> {
  return async (socket) => {
    const name = socket.auth.name;
    const holders = (await chat.fetchSockets()).filter(
      (other) => other.id !== socket.id && sameName(other.data.name, name),
    );
    for (const holder of holders) {
      if (await answers(chat, holder.id))
        throw new ContractError(NAME_TAKEN, {
          message: `Someone here is already called "${holder.data.name}".`,
          data: { name: holder.data.name },
        });
      chat.in(holder.id).disconnectSockets(true);
    }
  };
}

/** Whether the socket with this id is still there: any answer to `ping`, even a refusal, is a sign of life. */
async function answers(chat: ChatNamespace, socketId: string): Promise<boolean> {
  try {
    return (await chat.to(socketId).timeout(PROBE_MS).emit("ping")).length > 0;
  } catch (error) {
    return !ContractError.is(error, "TIMEOUT");
  }
}
