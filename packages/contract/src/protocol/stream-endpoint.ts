import { ContractError } from "../contract-error.js";
import type { Outcome } from "../interceptor.js";
import { parseArgs } from "./catalog.js";
import { withoutRecoveryOffset } from "./endpoint.js";
import { errorEnvelope, toReport } from "./envelope.js";
import { checkArgs, transportFailure } from "./send.js";
import {
  STREAM_CANCEL,
  STREAM_CREDIT,
  STREAM_END,
  STREAM_ITEM,
  STREAM_OPEN,
  firstStreamId,
  isStreamFrame,
  openedBy,
  readCredit,
  readOpenHeader,
  readStreamId,
} from "./stream-frames.js";
import { interception as paths } from "./interception-support.js";
import type { StreamHooks, StreamRole } from "./stream-intercept.js";
import type { StreamHost } from "./stream-host.js";
import { type StreamLink, StreamRequest } from "./stream-request.js";
import { StreamResponse } from "./stream-response.js";
import { readOptions } from "./stream-settings.js";
import { iteratorOf } from "./stream-source.js";

/** An open stream, as frames reach it: a request this side made, or a response it gives. */
interface OpenStream {
  onItem(raw: unknown): void;
  /** A request's end carries the ack envelope; a response's carries nothing. */
  onEnd(envelope?: unknown): void;
  /** A response's cancel may carry the requester's reason; a request's carries nothing. */
  onCancel(reason?: unknown): void;
  onCredit(n: number): void;
}

const REPORT_INTERVAL_MS = 1_000;

/**
 * Every stream of one connection, both ways: the streams this side requested and the ones it
 * answers. It routes each `contract:*` frame to its stream by id, refuses frames that fit no
 * stream, caps how many streams the other side may open, and ends them all when the connection
 * closes.
 */
export class StreamEndpoint {
  readonly #host: StreamHost;
  readonly #requests = new Map<number, StreamRequest>();
  readonly #responses = new Map<number, StreamResponse>();
  #nextId: number;
  /** The highest id the other side opened: lower ones that are not open have ended. */
  #peerId = 0;
  /** When a refused frame was last answered with `contract:error`. */
  #reportedAt = -Infinity;
  /** What tells the `stream` interceptors that a stream closed, by stream id (ids of both ways differ in parity). */
  readonly #closing = new Map<number, (end?: unknown) => void>();
  /** The interceptors' part: each item sent, each stream opened and closed. */
  readonly #hooks: StreamHooks | undefined;
  /** The requests whose open waits in a client's buffer for a connection, by stream id: the open packet. */
  readonly #waiting = new Map<number, object>();
  /** The requests whose open the responder has not answered yet (no frame of it arrived), by stream id: their deadline. */
  readonly #unanswered = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(host: StreamHost) {
    this.#host = host;
    this.#nextId = firstStreamId(host.side);
    // A connection that has no interceptors now never will: its streams reach no interceptor code.
    this.#hooks =
      host.interception?.() === undefined
        ? undefined
        : paths().streamHooks(
            host.interception!,
            host.namespace,
            (event, role) => (role === "request" ? host.outgoing : host.incoming).get(event),
            (error) => host.report(error),
          );
  }

  /** How many streams are open, both ways. */
  get size(): number {
    return this.#requests.size + this.#responses.size;
  }

  /**
   * Requests a stream: checks the arguments, sends `contract:open`, and returns the stream. One
   * argument more than the event declares is the call's options. A refusal (`INVALID_PAYLOAD`)
   * sends nothing: a server's throws here, as its emits do; a client's stream fails with it, as a
   * client's ack-bearing emit rejects. The open carries an ack callback, which a responder calls as
   * it reads the open: without that (or a frame of the stream) within `timeout`, as an ack must
   * arrive, the stream is cancelled with `TIMEOUT`. Once answered, it has no deadline, so a
   * handler may take its time over its first item.
   */
  request(event: string, args: unknown[], timeout = this.#host.ackTimeout): StreamRequest {
    const host = this.#host;
    const declared = host.outgoing.get(event);
    if (declared === undefined)
      throw new ContractError("UNKNOWN_EVENT", {
        message: `"${event}" is not an event this side may request.`,
        event,
        namespace: host.namespace,
      });
    const shape = declared.stream;
    if (shape === undefined) throw new TypeError(`[socket-contract] "${event}" does not stream: send it with emit()`);
    const read = args.length === declared.args.length + 1 ? readOptions(args.pop(), host.namespace, event) : {};
    const badOptions = ContractError.is(read);
    const failure = host.failure?.();
    const refused = badOptions ? read : checkArgs(declared, args, host.namespace);
    if (refused !== undefined && host.side === "server") throw refused;
    const options = badOptions ? {} : read;
    const definition = declared;
    const upload = shape.upload === undefined || refused !== undefined ? undefined : iteratorOf(args.pop());
    const id = this.#nextId;
    this.#nextId += 2;
    const window = options.window ?? host.window;
    const request = new StreamRequest(this.#link(this.#requests, event, "request"), {
      id,
      definition,
      shape,
      where: { namespace: host.namespace, event },
      window,
      upload,
      signal: options.signal,
    });
    if (refused !== undefined || options.signal?.aborted === true) {
      request.close(refused ?? options.signal!.reason);
      return request;
    }
    this.#requests.set(id, request);
    const header: { id: number; event: string; credit: number; carrier?: object } = {
      id,
      event,
      credit: shape.item === undefined ? 0 : window,
    };
    // What the interceptors wrote (trace context) travels as an optional field that older peers ignore.
    const carrier = {};
    this.#opened(id, event, "request", undefined, carrier);
    for (const _ in carrier) {
      header.carrier = carrier;
      break;
    }
    const buffer = host.buffer?.();
    const before = buffer?.length ?? 0;
    host.send(STREAM_OPEN, [header, ...args, () => this.#answered(id)]);
    // Made while a client is not connected, the open waits in its buffer as an acked emit waits for
    // its ack, within the same deadline: past it, the request fails with `TIMEOUT`, never sent.
    const open = buffer?.[before];
    if (open !== undefined) this.#waiting.set(id, open);
    this.#unanswered.set(
      id,
      setTimeout(() => this.#expire(request), timeout),
    );
    if (failure !== undefined) request.close(transportFailure(failure, request.where));
    return request;
  }

  /** Receives one `contract:*` frame. Never throws. */
  receive(frame: string, args: readonly unknown[], recovering = false): void {
    try {
      const callback = args[args.length - 1];
      if (typeof callback === "function") {
        if (frame !== STREAM_OPEN) return this.#refuseAcked(frame, callback as (envelope: unknown) => void);
        // The requester learns that its open reached a peer that streams; the frames that follow answer it.
        (callback as (envelope: unknown) => void)({ ok: true });
        return this.receive(frame, args.slice(0, -1), recovering);
      }
      // Every stream ended with the connection before (DISCONNECTED on both sides): a frame that
      // recovery replays belongs to none of them, and a request it replays has nobody waiting.
      if (recovering && this.#host.replaying?.()) return;
      if (frame === STREAM_OPEN) return this.#open(args, recovering);
      const id = readStreamId(args[0]);
      if (id === undefined) return this.#refuseFrame(frame, "The frame has no valid stream id.");
      if (openedBy(id, this.#host.side)) this.#toRequest(frame, id, args);
      else this.#toResponse(frame, id, args);
    } catch (cause) {
      this.#host.report(new ContractError("HANDLER_ERROR", { cause, namespace: this.#host.namespace, event: frame }));
    }
  }

  /** Ends every open stream with `error`, `DISCONNECTED` when none is given (the connection closed). */
  close(
    error = new ContractError("DISCONNECTED", {
      message: "The connection closed before the stream ended.",
      namespace: this.#host.namespace,
    }),
  ): void {
    const requests = [...this.#requests.values()];
    const responses = [...this.#responses.values()];
    this.#requests.clear();
    this.#responses.clear();
    // A reconnected peer opens its ids afresh.
    this.#peerId = 0;
    for (const request of requests) request.close(error);
    for (const response of responses) response.close(error);
  }

  /** The connection was refused: every request still waiting fails with the refusal's code, located at its event. */
  refuse(refusal: ContractError): void {
    for (const request of [...this.#requests.values()]) request.close(transportFailure(refusal, request.where));
  }

  #open(args: readonly unknown[], recovering: boolean): void {
    const host = this.#host;
    const header = readOpenHeader(args[0]);
    if (header === undefined) return this.#refuseFrame(STREAM_OPEN, "The frame's header is not { id, event, credit }.");
    const { id, event, credit } = header;
    const where = { namespace: host.namespace, event };
    const refuse = (error: ContractError): void => {
      host.send(STREAM_END, [
        id,
        errorEnvelope(new ContractError(error.code, { message: error.message, issues: error.issues, ...where })),
      ]);
      host.report(error);
    };
    if (openedBy(id, host.side) || id <= this.#peerId) {
      return refuse(
        new ContractError("INVALID_PAYLOAD", {
          message: "A stream id must be new, increasing, and of the opener's parity.",
          ...where,
        }),
      );
    }
    this.#peerId = id;
    if (this.#responses.size >= host.maxOpen)
      return refuse(
        new ContractError("RATE_LIMITED", {
          message: `At most ${host.maxOpen} streams may be open at once.`,
          ...where,
        }),
      );
    const definition = host.incoming.get(event);
    if (definition === undefined) return refuse(new ContractError("UNKNOWN_EVENT", where));
    const shape = definition.stream;
    if (shape === undefined)
      return refuse(
        new ContractError("INVALID_PAYLOAD", { message: "This event does not stream: send it as an event.", ...where }),
      );
    if (shape.item === undefined ? credit !== 0 : credit === 0) {
      return refuse(
        new ContractError("INVALID_PAYLOAD", {
          message:
            shape.item === undefined
              ? "This stream sends no items: its credit is 0."
              : "The credit must be at least 1.",
          ...where,
        }),
      );
    }
    // An open sent without an ack callback (a plain peer's) is a stored packet: recovery appends its offset.
    const parsed = parseArgs(shape.open, withoutRecoveryOffset(recovering, shape.open, args.slice(1)));
    if (!parsed.ok)
      return refuse(new ContractError("INVALID_PAYLOAD", { issues: parsed.issues, cause: parsed.cause, ...where }));
    const handler = host.handlerOf(event);
    if (handler === undefined)
      return refuse(
        new ContractError("HANDLER_ERROR", { message: "No handler is registered for this event.", ...where }),
      );
    const start = (settled?: (outcome: Outcome) => void): void => {
      const response = new StreamResponse(this.#link(this.#responses, event, "response"), {
        id,
        definition,
        shape,
        where,
        credit,
        window: host.window,
      });
      this.#responses.set(id, response);
      this.#opened(id, event, "response", settled, (args[0] as { carrier?: unknown }).carrier);
      response.start(handler, parsed.value);
    };
    const interception = host.interception?.();
    if (interception === undefined || interception.set.incoming.length === 0) return start();
    // A stream request is an incoming event like any other: its interceptors may refuse it (FORBIDDEN).
    const refuseOpen = (wire: ContractError, local: ContractError): void => {
      host.send(STREAM_END, [id, errorEnvelope(wire)]);
      host.report(local);
    };
    paths().open(
      interception,
      host.namespace,
      definition,
      parsed.value,
      start,
      refuseOpen,
      (error) => host.report(error),
      (args[0] as { carrier?: unknown }).carrier,
    );
  }

  #toRequest(frame: string, id: number, args: readonly unknown[]): void {
    const request = this.#requests.get(id);
    if (request === undefined) return this.#unknownId(frame, id, id < this.#nextId);
    this.#answered(id);
    this.#route(frame, request, args);
  }

  #toResponse(frame: string, id: number, args: readonly unknown[]): void {
    const response = this.#responses.get(id);
    if (response === undefined) this.#unknownId(frame, id, id <= this.#peerId);
    else this.#route(frame, response, args);
  }

  /** Hands one frame to its open stream, either way: the frame's value follows its id. */
  #route(frame: string, stream: OpenStream, args: readonly unknown[]): void {
    if (frame === STREAM_ITEM) stream.onItem(args[1]);
    else if (frame === STREAM_END) stream.onEnd(args[1]);
    else if (frame === STREAM_CANCEL) stream.onCancel(args[1]);
    else if (frame === STREAM_CREDIT) {
      const n = readCredit(args[1]);
      if (n === undefined) this.#refuseFrame(frame, "A credit is a whole number from 1 to 65,536.");
      else stream.onCredit(n);
    } else this.#refuseFrame(frame, "The frame is not one of this protocol's.");
  }

  /** A frame for a stream that ended is one that was in flight: dropped. One for an id never opened is refused. */
  #unknownId(frame: string, id: number, ended: boolean): void {
    if (!ended) this.#refuseFrame(frame, `No stream ${id} was opened.`);
  }

  /**
   * Refuses a frame sent with an ack callback through that callback: this protocol's frames carry
   * none, so it did not come from a runtime of it, and is neither routed nor left to time out.
   */
  #refuseAcked(frame: string, callback: (envelope: unknown) => void): void {
    const error = new ContractError("INVALID_PAYLOAD", {
      message: "A stream frame carries no acknowledgement.",
      namespace: this.#host.namespace,
      event: frame,
    });
    callback(errorEnvelope(error));
    this.#host.report(error);
  }

  /**
   * Answers a frame that fits no stream with `contract:error`, at most once a second: frames of open
   * streams are not rate limited (credit bounds them), so a flood of bogus ones must cost less to
   * refuse than to send. `onError` hears of each.
   */
  #refuseFrame(frame: string, message: string): void {
    const error = new ContractError("INVALID_PAYLOAD", { message, namespace: this.#host.namespace, event: frame });
    const now = performance.now();
    if (now - this.#reportedAt >= REPORT_INTERVAL_MS) {
      this.#reportedAt = now;
      this.#host.sendReport(toReport(frame, error));
    }
    this.#host.report(error);
  }

  /**
   * What one stream sends and reports through. Each item it sends passes the outgoing interceptors
   * first: their refusal throws, and the stream's sender ends the stream with it.
   */
  #link(streams: Map<number, unknown>, event: string, role: StreamRole): StreamLink {
    const host = this.#host;
    const hooks = this.#hooks;
    return {
      send: (frame, args) => {
        if (frame === STREAM_ITEM) hooks?.item(event, role, args[1]);
        host.send(frame, args);
      },
      // A stream ended by an item's refusal reports it unless the interceptors' run already did.
      report: (error) => hooks?.told(error.cause) || host.report(error),
      forget: (id, end) => {
        streams.delete(id);
        this.#answered(id);
        this.#withdraw(id);
        const closed = this.#closing.get(id);
        if (closed === undefined) return;
        this.#closing.delete(id);
        closed(end);
      },
    };
  }

  /**
   * A request's open got no answer in time: still in the client's buffer, it is taken out and never
   * sent; sent, the responder is told to drop it (a late answer then finds no stream). Either way
   * the request fails with `TIMEOUT`, as an ack that does not come.
   */
  #expire(request: StreamRequest): void {
    // Closing or cancelling forgets the request, its deadline included.
    const error = new ContractError("TIMEOUT", request.where);
    if (this.#withdraw(request.id)) request.close(error);
    else request.cancel(error);
  }

  /** A request's open was answered (its ack, or a frame of its stream, arrived), or it ended: its deadline is over. */
  #answered(id: number): void {
    clearTimeout(this.#unanswered.get(id));
    this.#unanswered.delete(id);
  }

  /**
   * Takes a request's open out of the client's buffer, with the frames of its stream behind it (a
   * cancel), when it is still there: the request timed out or ended before the socket connected.
   */
  #withdraw(id: number): boolean {
    const open = this.#waiting.get(id);
    if (!this.#waiting.delete(id)) return false;
    // socket.io-client empties its buffer when it connects; a refused connection's gate filters it.
    const buffer = this.#host.buffer!()!;
    if (!buffer.includes(open!)) return false;
    const kept = buffer.filter(
      (packet) => packet !== open && !(packet.data?.[1] === id && isStreamFrame(packet.data[0])),
    );
    buffer.splice(0, buffer.length, ...kept);
    return true;
  }

  #opened(id: number, event: string, role: StreamRole, settled?: (outcome: Outcome) => void, carrier?: unknown): void {
    const closed = this.#hooks?.opened(event, role, carrier, settled);
    if (closed !== undefined) this.#closing.set(id, closed);
  }
}
