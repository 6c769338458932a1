import { ContractError } from "../contract-error.js";
import { INTERCEPTION_PATHS } from "./intercepted.js";
import { callListener, isPromiseLike, watch } from "./listener.js";
import { setInterceptionSupport } from "./interception-support.js";
import type {
  ConnectionAttempt,
  ConnectionOutcome,
  IncomingCall,
  Interceptor,
  Outcome,
  OutgoingPacket,
  Refusal,
  StreamClosing,
  StreamOpening,
} from "../interceptor.js";

type AnyInterceptor = Interceptor<any, any, any>;
export type IncomingStep = (call: IncomingCall, next: () => Promise<Outcome>) => unknown;
export type OutgoingStep = (packet: OutgoingPacket) => void | ((outcome: Outcome) => void);
export type ConnectionStep = (attempt: ConnectionAttempt) => void | ((outcome: ConnectionOutcome) => void);
export type RefusedStep = (refusal: Refusal) => void;
export type StreamStep = (opening: StreamOpening) => void | ((closing: StreamClosing) => void);

/**
 * The interceptors of one place (a bound server, one of its namespaces, a bound client), in
 * registration order, its parent's first; each part pulled out once, so that a side with none
 * pays one length check per event. A namespace's set follows its server's: what is added to the
 * server later reaches every namespace.
 */
export class InterceptorSet {
  incoming: readonly IncomingStep[] = [];
  outgoing: readonly OutgoingStep[] = [];
  connection: readonly ConnectionStep[] = [];
  refused: readonly RefusedStep[] = [];
  stream: readonly StreamStep[] = [];
  /** Whether an interceptor here writes trace context (see `Interceptor.propagates`). */
  propagates = false;
  readonly #parent: InterceptorSet | undefined;
  readonly #own: AnyInterceptor[] = [];
  readonly #children: InterceptorSet[] = [];

  constructor(parent?: InterceptorSet) {
    // A connection reaches the interception paths only through the support a set installs.
    setInterceptionSupport(INTERCEPTION_PATHS);
    this.#parent = parent;
    if (parent !== undefined) parent.#children.push(this);
    this.#rebuild();
  }

  /** Adds one interceptor after those already there; a malformed one fails at once, naming `place`. */
  add(interceptor: AnyInterceptor, place: string): void {
    if (typeof interceptor !== "object" || interceptor === null)
      throw new TypeError(
        `[socket-contract] ${place}: an interceptor is an object with incoming, outgoing, connection, refused or stream functions`,
      );
    for (const part of ["incoming", "outgoing", "connection", "refused", "stream"] as const) {
      if (interceptor[part] !== undefined && typeof interceptor[part] !== "function")
        throw new TypeError(`[socket-contract] ${place}: an interceptor's ${part} must be a function`);
    }
    this.#own.push(interceptor);
    this.#rebuild();
  }

  #all(): AnyInterceptor[] {
    return this.#parent === undefined ? [...this.#own] : [...this.#parent.#all(), ...this.#own];
  }

  #rebuild(): void {
    const all = this.#all();
    // Bound to their interceptor, so that an interceptor written as a class keeps its `this`.
    this.incoming = all.filter((i) => i.incoming !== undefined).map((i) => i.incoming!.bind(i) as IncomingStep);
    this.outgoing = all.filter((i) => i.outgoing !== undefined).map((i) => i.outgoing!.bind(i) as OutgoingStep);
    this.connection = all.filter((i) => i.connection !== undefined).map((i) => i.connection!.bind(i) as ConnectionStep);
    this.refused = all.filter((i) => i.refused !== undefined).map((i) => i.refused!.bind(i) as RefusedStep);
    this.stream = all.filter((i) => i.stream !== undefined).map((i) => i.stream!.bind(i) as StreamStep);
    this.propagates = all.some((i) => i.propagates === true);
    for (const child of this.#children) child.#rebuild();
  }
}

/** What the runtime does for the chain: run the handler and answer, answer a refusal, tell `onError`. */
export interface IncomingRun {
  /** Runs the handler(s), sends the answer, resolves with the outcome; never rejects. */
  handle(): Promise<Outcome>;
  /** Answers the sender with what an interceptor threw (see `handlerFailure`), tells `onError`, and gives the outcome. */
  refuse(thrown: unknown): Outcome;
  /** Tells `onError` of a failure the sender can no longer hear of. Must not throw. */
  report(error: ContractError): void;
}

/**
 * Runs the incoming interceptors around one valid event, first registered outermost. Each gets
 * `next()`, which runs the ones after it and the handler; what it throws before calling `next()`
 * refuses the event, what it throws after goes to `onError` (the answer has gone); one that
 * settles without calling `next()` refuses with `HANDLER_ERROR`. Resolves with the outcome the
 * sender got; never rejects.
 */
export function runIncoming(steps: readonly IncomingStep[], call: IncomingCall, run: IncomingRun): Promise<Outcome> {
  const step = (index: number): Promise<Outcome> => {
    if (index === steps.length) return run.handle();
    let inner: Promise<Outcome> | undefined;
    let refused: Outcome | undefined;
    const next = (): Promise<Outcome> => (inner ??= refused === undefined ? step(index + 1) : Promise.resolve(refused));
    const settle = (thrown: unknown, threw: boolean): Promise<Outcome> | Outcome => {
      if (inner !== undefined) {
        if (threw) run.report(afterAnswer(thrown, call));
        return inner;
      }
      refused = run.refuse(
        threw
          ? thrown
          : new ContractError("HANDLER_ERROR", {
              message: "An interceptor neither called next() nor refused the event.",
              namespace: call.namespace,
              event: call.event,
            }),
      );
      return refused;
    };
    let result: unknown;
    try {
      result = steps[index]!(call, next);
    } catch (thrown) {
      return Promise.resolve(settle(thrown, true));
    }
    // `return next()`: the common case, with nothing to wait for beyond the inner chain.
    if (result !== undefined && result === inner) return inner;
    if (!isPromiseLike(result)) return Promise.resolve(settle(undefined, false));
    return Promise.resolve(result).then(
      () => settle(undefined, false),
      (thrown: unknown) => settle(thrown, true),
    );
  };
  return step(0);
}

function afterAnswer(thrown: unknown, call: IncomingCall): ContractError {
  return new ContractError("HANDLER_ERROR", {
    message: "An interceptor failed after the event was answered.",
    cause: thrown,
    namespace: call.namespace,
    event: call.event,
  });
}

/**
 * Runs the outgoing interceptors of one checked packet, in registration order, before it leaves.
 * A refusal throws: a `ContractError` as thrown, anything else as `HANDLER_ERROR` (the original
 * told to `report`); observers already returned hear of the refusal. Returns one function that
 * tells every observer the outcome, or `undefined` when none observes.
 */
export function runOutgoing(
  steps: readonly OutgoingStep[],
  packet: OutgoingPacket,
  report: (error: ContractError) => void,
): ((outcome: Outcome) => void) | undefined {
  let observers: ((outcome: Outcome) => void)[] | undefined;
  for (const step of steps) {
    let observer: unknown;
    try {
      observer = step(packet);
    } catch (thrown) {
      const error = ContractError.is(thrown) ? thrown : interceptorFailed("An interceptor failed.", thrown, packet);
      if (!ContractError.is(thrown)) report(error);
      if (observers !== undefined) tell(observers, { ok: false, error, duration: 0 }, report, packet);
      throw error;
    }
    if (typeof observer === "function") (observers ??= []).push(observer as (outcome: Outcome) => void);
    // An async one (its type says synchronous) can no longer refuse: what it rejects with is only told.
    else watch(observer, (thrown) => report(interceptorFailed("An interceptor failed.", thrown, packet)));
  }
  if (observers === undefined) return undefined;
  const all = observers;
  return (outcome) => tell(all, outcome, report, packet);
}

/** The end of one connection attempt, told to its connection interceptors with the attempt's duration. */
export interface AttemptEnd {
  /** The connection was admitted; `closed` resolves with the disconnect reason. */
  admitted(closed: Promise<string>): void;
  /** The connection was refused (or failed) with `error`. */
  refused(error: ContractError): void;
}

/**
 * Tells the connection interceptors of one attempt, on either side; they observe only (refusing is
 * middleware's job), so what one throws goes to `report`. Returns what tells them how the attempt
 * ended, timed from this call (`undefined` when none observes).
 */
export function runConnection(
  steps: readonly ConnectionStep[],
  attempt: ConnectionAttempt,
  report: (error: ContractError) => void,
): AttemptEnd | undefined {
  const failed = (thrown: unknown): void =>
    report(
      new ContractError("HANDLER_ERROR", {
        message: "A connection interceptor failed.",
        cause: thrown,
        namespace: attempt.namespace,
      }),
    );
  const tellAll = observeAll(steps, attempt, failed);
  if (tellAll === undefined) return undefined;
  const start = performance.now();
  return {
    admitted: (closed) => tellAll({ ok: true, duration: performance.now() - start, closed }),
    refused: (error) => tellAll({ ok: false, duration: performance.now() - start, error }),
  };
}

/**
 * Calls each observing step with `subject`; what one throws goes to `failed`. Returns one function
 * that hands every observer they returned its result (`undefined` when none returned one).
 */
export function observeAll<TSubject, TResult>(
  steps: readonly ((subject: TSubject) => void | ((result: TResult) => void))[],
  subject: TSubject,
  failed: (thrown: unknown) => void,
): ((result: TResult) => void) | undefined {
  let observers: ((result: TResult) => void)[] | undefined;
  for (const step of steps) {
    try {
      const observer: unknown = step(subject);
      if (typeof observer === "function") (observers ??= []).push(observer as (result: TResult) => void);
      else watch(observer, failed);
    } catch (thrown) {
      failed(thrown);
    }
  }
  if (observers === undefined) return undefined;
  const all = observers;
  return (result) => {
    for (const observer of all) callListener(observer, result, failed);
  };
}

/** Tells the `refused` observers of an event refused before the interceptors; what one throws goes to `report`. */
export function runRefused(
  steps: readonly RefusedStep[],
  refusal: Refusal,
  report: (error: ContractError) => void,
): void {
  const failed = (thrown: unknown): void =>
    report(interceptorFailed("An interceptor failed while observing a refusal.", thrown, refusal));
  for (const step of steps) callListener(step, refusal, failed);
}

function tell(
  observers: readonly ((outcome: Outcome) => void)[],
  outcome: Outcome,
  report: (error: ContractError) => void,
  packet: OutgoingPacket,
): void {
  const failed = (thrown: unknown): void =>
    report(interceptorFailed("An interceptor failed while observing an outcome.", thrown, packet));
  for (const observer of observers) callListener(observer, outcome, failed);
}

function interceptorFailed(
  message: string,
  thrown: unknown,
  where: { readonly namespace: string; readonly event: string },
): ContractError {
  return new ContractError("HANDLER_ERROR", { message, cause: thrown, namespace: where.namespace, event: where.event });
}
