import type { ContractError, EventMap } from "../../src/index.js";
import {
  type ContractErrorReport,
  type Handler,
  StreamEndpoint,
  type StreamSide,
  compileEvents,
} from "../../src/protocol/index.js";

export interface Side {
  readonly endpoint: StreamEndpoint;
  readonly handlers: Map<string, Handler>;
  /** What this side's onError heard. */
  readonly errors: ContractError[];
  /** The contract:error reports this side sent. */
  readonly reports: ContractErrorReport[];
  /** Every frame this side sent, in order. */
  readonly sent: { event: string; args: unknown[] }[];
}

/**
 * Two stream endpoints joined by an in-memory wire: every frame is copied (structuredClone, as an
 * encoder would) and delivered on a later turn, in order, its ack callback answered the same way. For unit tests of the frame protocol;
 * the tests over real Socket.IO connections live in test/streams.
 */
export function streamPair(
  events: { clientToServer?: EventMap; serverToClient?: EventMap },
  options: { window?: number; maxOpen?: number } = {},
) {
  const make = (
    side: StreamSide,
    outgoing: EventMap | undefined,
    incoming: EventMap | undefined,
    peer: () => Side,
  ): Side => {
    const handlers = new Map<string, Handler>();
    const errors: ContractError[] = [];
    const reports: ContractErrorReport[] = [];
    const sent: { event: string; args: unknown[] }[] = [];
    const endpoint = new StreamEndpoint({
      namespace: "/s",
      side,
      outgoing: compileEvents(outgoing),
      incoming: compileEvents(incoming),
      handlerOf: (event) => handlers.get(event),
      send: (event, args) => {
        // An ack callback stays on this side, as Socket.IO keeps it: the peer gets one that answers on a later turn.
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (answer: unknown) => void) : undefined;
        const copy = structuredClone(ack === undefined ? args : args.slice(0, -1));
        sent.push({ event, args: copy });
        const delivered =
          ack === undefined ? copy : [...copy, (answer: unknown) => setImmediate(() => ack(structuredClone(answer)))];
        setImmediate(() => peer().endpoint.receive(event, delivered));
      },
      sendReport: (report) => reports.push(report),
      report: (error) => errors.push(error),
      window: options.window ?? 16,
      maxOpen: options.maxOpen ?? 64,
      ackTimeout: 10_000,
    });
    return { endpoint, handlers, errors, reports, sent };
  };
  const client: Side = make("client", events.clientToServer, events.serverToClient, () => server);
  const server: Side = make("server", events.serverToClient, events.clientToServer, () => client);
  return { client, server };
}

/** Waits until `check` holds, polling every few milliseconds, for at most `ms`. */
export async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
