// Interceptors are typed by the contract: the event's name narrows its parsed arguments and its
// ack's value; one written for any contract (as @socket-contract/opentelemetry's are) fits every one.
import { expectAssignable, expectType } from "tsd";
import type {
  ClientToServerOf,
  IncomingCall,
  Interceptor,
  OutgoingPacket,
  ServerToClientOf,
} from "@socket-contract/contract";
import type { contract, Message } from "./chat-contract.js";

type Incoming = ClientToServerOf<typeof contract, "/chat">;
type Outgoing = ServerToClientOf<typeof contract, "/chat">;
interface Socket {
  readonly id: string;
  readonly data: { userId: string };
}

declare const call: IncomingCall<Incoming, Socket>;
if (call.event === "message:send") {
  expectType<string>(call.args[0].room);
  // @ts-expect-error one argument only
  call.args[1];
}
if (call.event === "typing") {
  expectType<boolean>(call.args[1]);
}
expectType<string>(call.socket.data.userId);
// @ts-expect-error not an event of the contract
call.event === "message:sent";

declare const packet: OutgoingPacket<Outgoing, Incoming, Socket>;
if (packet.kind === "ack" && packet.event === "message:send") expectType<Readonly<Message>>(packet.value);
if (packet.kind === "emit" && packet.event === "message") expectType<string>(packet.args[0].text);
// Acks answer ack-bearing events only: typing has none.
// @ts-expect-error typing has no ack
if (packet.kind === "ack") packet.event === "typing";
// A stream's items: the checked value, of any event of either direction.
if (packet.kind === "item") {
  expectType<unknown>(packet.value);
  expectType<false>(packet.hasAck);
}

const streams: Interceptor<Incoming, Outgoing, Socket> = {
  stream: (opening) => {
    expectType<"request" | "response">(opening.role);
    expectType<string>(opening.socket.data.userId);
    return (closing) => void expectType<number>(closing.duration);
  },
};
void streams;

const anyContract: Interceptor = {
  incoming: (_incoming, next) => next(),
  outgoing: (outgoing) => void outgoing.carrier,
};
expectAssignable<Interceptor<Incoming, Outgoing, Socket>>(anyContract);

const authorize: Interceptor<Incoming, Outgoing, Socket> = {
  incoming: (incoming, next) => {
    if (
      incoming.event === "message:send" &&
      incoming.args[0].room === "admins" &&
      incoming.socket.data.userId !== "root"
    )
      throw new Error("FORBIDDEN");
    return next();
  },
};
expectType<Interceptor<Incoming, Outgoing, Socket>>(authorize);
