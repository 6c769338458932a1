import type { Socket } from "socket.io-client";

/** The parts of socket.io-client's `Socket` that hold pending acks and decide how they time out (stable across 4.x). */
interface AckState {
  acks: Record<number, ((...args: unknown[]) => void) | undefined>;
  sendBuffer: { readonly id?: number }[];
  /** The id the next emit with an ack callback takes. */
  ids: number;
  _opts: { retries?: number; ackTimeout?: number };
  io: { opts: { autoUnref?: boolean } };
  /** Since 4.7.5, with `withError`: a disconnect rejects the acks it drops. Before it, only socket.io-client's wrapper knows the ack's form. */
  _clearAcks?: unknown;
}

/** The longest delay a timer takes (2^31 - 1 ms); socket.io-client's own timer fires a longer one at once, so it keeps those. */
const MAX_DELAY = 2_147_483_647;

/**
 * The deadlines of one socket's acked emits, checked by one timer: socket.io-client's
 * `timeout(ms).emit` sets a timer and makes two closures per call, and clears the timer when the
 * ack arrives, which cost a bound client more per acked event than its checks. An expired ack is
 * ended exactly as socket.io-client ends it (see `#sweep`). Installed by the Node entry only
 * (`installAckDeadlines`): a browser page keeps socket.io-client's timers and its bytes.
 */
export class AckDeadlines {
  readonly #socket: Socket;
  /**
   * The ack ids waiting and their deadlines (`performance.now()` ms), in parallel, in their first
   * `#count` places; answered ones leave at the next sweep. The arrays never shrink: a sweep
   * overwrites them in place, so the next calls fill the room it left rather than growing them anew.
   */
  readonly #ids: number[] = [];
  readonly #at: number[] = [];
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When `#timer` fires: `Infinity` when it is not set. Never later than a deadline waiting. */
  #timerAt = Infinity;
  /** The count past which the answered ones are swept out. */
  #sweepAt = 64;
  /**
   * The clock as the first call since the last microtask checkpoint read it, or -1: the calls made
   * in one run of code (the answers of one network read, each sending the next call) read it once.
   * Node's own timers start from the event loop's time, read earlier still (socket.io-client's
   * `timeout(ms)` sets one), so no deadline here is earlier than socket.io-client would make it.
   */
  #now = -1;
  readonly #forget = (): void => {
    this.#now = -1;
  };

  constructor(socket: Socket) {
    this.#socket = socket;
    // socket.io-client rejects the acks it does not keep for the next connection right after
    // "disconnect", and the client's gate rejects the buffered ones on a refusal: with none left
    // waiting, the timer stops, as their own timers would have, and lets the process exit.
    const sweep = (): void => queueMicrotask(() => this.#sweep(false));
    socket.on("disconnect", sweep);
    socket.on("connect_error", sweep);
  }

  /**
   * Emits an event whose last argument is its ack callback, the ack awaited for `timeout` ms;
   * `undefined` (nothing sent) where socket.io-client must time it out itself: no callback, or a
   * delay a timer cannot take.
   */
  emit(event: string, args: unknown[], timeout: number): unknown {
    const callback = args[args.length - 1];
    if (typeof callback !== "function" || !(timeout <= MAX_DELAY)) return undefined;
    const socket = this.#socket;
    // Marked as socket.io-client marks its own wrapper: the ack comes after a `null` error, and a
    // disconnect rejects it ("socket has been disconnected").
    (callback as { withError?: boolean }).withError = true;
    const id = (socket as unknown as AckState).ids;
    const result = socket.emit(event, ...args);
    let now = this.#now;
    if (now < 0) {
      now = this.#now = performance.now();
      queueMicrotask(this.#forget);
    }
    const at = now + timeout;
    const count = this.#count++;
    this.#ids[count] = id;
    this.#at[count] = at;
    if (at < this.#timerAt) this.#arm(at, timeout);
    else if (count >= this.#sweepAt) this.#sweep(false);
    return result;
  }

  #arm(at: number, delay: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = at === Infinity ? undefined : setTimeout(() => this.#sweep(true), delay);
  }

  /**
   * Forgets the acks already settled (answered, or rejected by a disconnect or a refusal), and ends
   * the ones past their deadline as socket.io-client's own timer does: the ack and its buffered
   * packet are dropped and its callback gets "operation has timed out" (`TIMEOUT`). When the timer
   * fired, or nothing is left, the timer is set again for the earliest deadline left, or stopped.
   */
  #sweep(fired: boolean): void {
    const socket = this.#socket as unknown as AckState;
    const ids = this.#ids;
    const deadlines = this.#at;
    const now = performance.now();
    const expired: number[] = [];
    const count = this.#count;
    let kept = 0;
    let next = Infinity;
    for (let index = 0; index < count; index++) {
      const id = ids[index]!;
      const at = deadlines[index]!;
      if (socket.acks[id] === undefined) continue;
      if (at <= now) expired.push(id);
      else {
        ids[kept] = id;
        deadlines[kept++] = at;
        if (at < next) next = at;
      }
    }
    this.#count = kept;
    // Four times what is left: each call is looked at about once more before it leaves.
    this.#sweepAt = Math.max(64, 4 * kept);
    if (fired || kept === 0) this.#arm(next, next - now);
    for (const id of expired) {
      const ack = socket.acks[id]!;
      delete socket.acks[id];
      const buffered = socket.sendBuffer.findIndex((packet) => packet.id === id);
      if (buffered !== -1) socket.sendBuffer.splice(buffered, 1);
      ack.call(socket, new Error("operation has timed out"));
    }
  }
}

/**
 * The deadlines of a socket whose acks this module may time out: not where the socket's own
 * `retries` or `ackTimeout` option handles them, nor under `autoUnref`, where a pending ack's own
 * timer is what keeps the process alive, nor before socket.io-client 4.7.5 (no `withError`).
 */
export function ackDeadlinesOf(socket: Socket): AckDeadlines | undefined {
  const state = socket as unknown as AckState;
  if (
    typeof state._clearAcks !== "function" ||
    state._opts.retries ||
    state._opts.ackTimeout !== undefined ||
    state.io.opts.autoUnref
  )
    return undefined;
  return new AckDeadlines(socket);
}
