import { ContractError } from "@socket-contract/contract";
import { fromWireError, transportFailure, type Wire } from "@socket-contract/contract/internal";
import type { Socket } from "socket.io-client";

/** What `emit` does while the socket is not connected (see `BindClientOptions.whenOffline`). */
export type WhenOffline = "buffer" | "fail";

/** A packet as socket.io-client keeps it in `sendBuffer` until the socket connects. */
interface BufferedPacket {
  readonly id?: number;
  readonly data?: readonly unknown[];
}

/** The parts of socket.io-client's `Socket` that hold what waits for a connection (stable across 4.x). */
interface SocketBuffers {
  sendBuffer: BufferedPacket[];
  acks: Record<number, ((...args: unknown[]) => void) | undefined>;
}

/** Where acked emits wait for their deadline, when the Node entry installed it (see `ack-deadlines.ts`). */
interface Deadlines {
  emit(event: string, args: unknown[], timeout: number): unknown;
}
let deadlinesOf: ((socket: Socket) => Deadlines | undefined) | undefined;

/** Lets gates made from now on time out their acks with one timer per socket (the Node entry does). */
export function installAckDeadlines(of: (socket: Socket) => Deadlines | undefined): void {
  deadlinesOf = of;
}

/** socket.io-client's options, read for `retries` (stable across 4.x). */
interface Retrying {
  _opts: { retries?: number };
  flags: { fromQueue?: boolean };
}

type AckCallback = (error: Error | null, ...rest: unknown[]) => void;

/**
 * The client's `Wire`: the plain socket, except while it is not connected. Then a call fails at once
 * instead of waiting in socket.io-client's buffer when the server refused the last connection
 * attempt (with the refusal, until the next attempt) or when `whenOffline` is `"fail"` (with
 * `DISCONNECTED`); otherwise it is buffered, as Socket.IO does, and this gate remembers it, so that
 * a refusal rejects it at once and it never leaves on a later connection.
 */
export class OfflineGate implements Wire {
  readonly #socket: Socket;
  readonly #whenOffline: WhenOffline;
  /** An ack-less event that could not be sent: told to `onError`. */
  readonly #dropped: (error: ContractError) => void;
  /** The refusal of the last connection attempt, until the socket connects. */
  #refusal: ContractError | undefined;
  /** The packets this client left in the socket's buffer since it last connected. */
  readonly #buffered = new Set<BufferedPacket>();
  /** What `timeout(ms).emit(...)` sends with: one object for every acked emit. */
  #timeoutMs = 0;
  readonly #timed = { emit: (event: string, ...args: unknown[]): unknown => this.#send(this.#timeoutMs, event, args) };
  readonly #deadlines: Deadlines | undefined;
  /** Whether the socket queues its emits (socket.io-client's `retries`, fixed when it is made). */
  readonly #retries: boolean;
  /** Whether the next emit is volatile (see `volatile`). */
  #volatile = false;

  constructor(socket: Socket, whenOffline: WhenOffline, dropped: (error: ContractError) => void) {
    this.#socket = socket;
    this.#whenOffline = whenOffline;
    this.#dropped = dropped;
    this.#deadlines = deadlinesOf?.(socket);
    this.#retries = Boolean((socket as unknown as Retrying)._opts.retries);
    // socket.io-client sends its buffer before it emits "connect".
    socket.on("connect", () => {
      this.#refusal = undefined;
      this.#buffered.clear();
    });
  }

  get id(): string | undefined {
    return this.#socket.id;
  }

  /**
   * Whether the event arriving now is one a recovered connection missed: socket.io-client keeps
   * those in its `receiveBuffer` until the server's CONNECT, then hands them over from there.
   */
  get replaying(): boolean {
    return (this.#socket as unknown as { receiveBuffer: unknown[] }).receiveBuffer.length > 0;
  }

  /** The packets waiting for a connection: a stream request's open waits there at most its `ackTimeout` (see `StreamEndpoint`). */
  get sendBuffer(): BufferedPacket[] {
    return (this.#socket as unknown as SocketBuffers).sendBuffer;
  }

  /** The socket's recovery session: `Connection` reads it to drop the offset a recovered packet carries. */
  get _pid(): string | undefined {
    return (this.#socket as unknown as { _pid?: string })._pid;
  }

  /**
   * Why a call made now cannot be sent, or `undefined` when it may be sent or buffered. A refusal
   * holds while the socket is inactive: `socket.connect()` (a new attempt) lifts it.
   */
  failure(): ContractError | undefined {
    const socket = this.#socket;
    if (socket.connected) return undefined;
    if (this.#refusal !== undefined && !socket.active) return this.#refusal;
    if (this.#whenOffline === "fail")
      return new ContractError("DISCONNECTED", { message: "The socket is not connected." });
    return undefined;
  }

  /**
   * The server refused the connection: every call waiting in the buffer fails now with `refusal`
   * (an ack-bearing one through its callback, an ack-less one through `onError`) and leaves the
   * buffer, and so does every call made until the next attempt.
   */
  refuse(refusal: ContractError): void {
    this.#refusal = refusal;
    const buffers = this.#socket as unknown as SocketBuffers;
    const waiting = [...this.#buffered].filter((packet) => buffers.sendBuffer.includes(packet));
    this.#buffered.clear();
    buffers.sendBuffer = buffers.sendBuffer.filter((packet) => !waiting.includes(packet));
    for (const packet of waiting) {
      if (packet.id === undefined) {
        this.#drop(packet.data?.[0], refusal);
        continue;
      }
      const ack = buffers.acks[packet.id];
      delete buffers.acks[packet.id];
      // socket.io-client's wrapper clears the ack's timer and hands the error to the caller's callback
      // (or the callback itself is there, see `ack-deadlines.ts`).
      ack?.(refusal);
    }
  }

  emit(event: string, ...args: unknown[]): unknown {
    return this.#send(undefined, event, args);
  }

  /**
   * This gate, its next emit flagged with socket.io-client's `volatile` (dropped, not buffered,
   * while the transport cannot write), as socket.io-client's own flags work: set now, read by the
   * emit made at once (see `Connection.emitVolatile`).
   */
  get volatile(): this {
    this.#volatile = true;
    return this;
  }

  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown } {
    // Used as `timeout(ms).emit(...)` at once, as socket.io-client's own flag is: one object serves
    // every acked emit instead of a new one per call.
    this.#timeoutMs = ms;
    return this.#timed;
  }

  #send(timeout: number | undefined, event: string, args: unknown[]): unknown {
    const volatile = this.#volatile;
    this.#volatile = false;
    const failure = this.failure();
    if (failure !== undefined) {
      const callback = args[args.length - 1];
      if (typeof callback === "function") (callback as AckCallback)(failure);
      else this.#drop(event, failure);
      return undefined;
    }
    const socket = this.#socket;
    // socket.io-client's `retries` queue would give a stream frame or a contract:error report a
    // callback, which the peer refuses, and resend it: they leave as plain packets, as without it.
    if (timeout === undefined && this.#retries) (socket as unknown as Retrying).flags.fromQueue = true;
    // With socket.io-client's `retries`, every emit carries a callback, so the server refuses an
    // ack-less event through it instead of with contract:error: read that answer here, and the
    // failure socket.io-client hands over when it gives the event up after its last try. A volatile
    // one skips the retries queue, and may well be dropped: it gets no callback.
    if (timeout !== undefined && this.#retries && !volatile && typeof args[args.length - 1] !== "function")
      args = [
        ...args,
        (error: Error | null, envelope?: { ok?: unknown; error?: unknown }) => {
          const refusal =
            error !== null
              ? transportFailure(error, { namespace: undefined, event })
              : envelope?.ok === false
                ? fromWireError(envelope.error, { event })
                : undefined;
          if (refusal !== undefined) this.#dropped(refusal);
        },
      ];
    const buffers = socket as unknown as SocketBuffers;
    const before = buffers.sendBuffer.length;
    // socket.io-client's flags are on the socket itself until its next emit (the deadlines' one too).
    const out = volatile ? socket.volatile : socket;
    const result =
      timeout === undefined
        ? out.emit(event, ...args)
        : (this.#deadlines?.emit(event, args, timeout) ?? out.timeout(timeout).emit(event, ...(args as [])));
    if (buffers.sendBuffer.length > before) this.#remember(buffers.sendBuffer[buffers.sendBuffer.length - 1]!, buffers);
    return result;
  }

  #remember(packet: BufferedPacket, buffers: SocketBuffers): void {
    // Packets whose ack timed out leave socket.io-client's buffer: forget them now and then.
    if (this.#buffered.size >= 64 && this.#buffered.size > buffers.sendBuffer.length) {
      for (const kept of this.#buffered) if (!buffers.sendBuffer.includes(kept)) this.#buffered.delete(kept);
    }
    this.#buffered.add(packet);
  }

  #drop(event: unknown, failure: ContractError): void {
    // Stream frames belong to a stream request, which fails on its own (see `StreamEndpoint.refuse`).
    if (typeof event !== "string" || event.startsWith("contract:")) return;
    this.#dropped(
      new ContractError(failure.code, { message: failure.message, data: failure.data, cause: failure, event }),
    );
  }
}
