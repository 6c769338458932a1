import type { ContractError } from "../contract-error.js";

/** Where an error happened, as `onError` is told. */
export interface ReportContext {
  readonly namespace: string;
  readonly event?: string;
  readonly socketId?: string;
}

export type ErrorListener = (error: ContractError, context: ReportContext) => void;

/** Where each side's errors go; see `errorFanOut`. */
export interface ErrorFanOut {
  /** Adds a listener; returns the function that removes it. */
  add(listener: ErrorListener): () => void;
  /**
   * Tells every listener (or the default). Never throws. `repeated`: a refusal the peer was already
   * told of (an unknown event seen again); listeners hear it, the default does not, so a side left
   * with its default warns once, not at the rate a peer sends.
   */
  readonly report: (error: ContractError, context: ReportContext, repeated?: boolean) => void;
}

/**
 * Where each side's errors go: every listener added (the server's `onError` option, the client's
 * `onError(handler)` calls), or `fallback`, the side's default, while there is none. A listener
 * that throws is logged and never reaches the caller, so nothing a peer sends can crash this side
 * through it.
 */
export function errorFanOut(fallback: ErrorListener): ErrorFanOut {
  const listeners = new Set<ErrorListener>();
  return {
    add: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    report: (error, context, repeated) => {
      if (listeners.size === 0) return repeated === true ? undefined : fallback(error, context);
      for (const listener of listeners) {
        try {
          listener(error, context);
        } catch (thrown) {
          console.error("[socket-contract] onError threw", thrown);
        }
      }
    },
  };
}
