import type { answerChecked, emitIntercepted, interceptIncoming, observeRefusal } from "./intercepted.js";
import type { takeCarrier } from "./carrier.js";
import type { interceptOpen, streamHooks } from "./stream-intercept.js";

/**
 * The paths an event takes through interceptors, as a connection reaches them: never by a static
 * import, so a browser bundle whose client registers no interceptor carries none of them. Set by
 * the first `InterceptorSet` made (the server makes one per namespace; a client only for the
 * interceptors it is given, once `enableInterceptors()` has run in a browser).
 */
export interface InterceptionSupport {
  readonly incoming: typeof interceptIncoming;
  readonly answer: typeof answerChecked;
  readonly refusal: typeof observeRefusal;
  readonly emit: typeof emitIntercepted;
  readonly streamHooks: typeof streamHooks;
  readonly open: typeof interceptOpen;
  readonly takeCarrier: typeof takeCarrier;
}

let support: InterceptionSupport | undefined;

/** Installs the interception paths; called by `InterceptorSet`'s constructor. */
export function setInterceptionSupport(paths: InterceptionSupport): void {
  support = paths;
}

/** The interception paths: installed wherever a connection has an interceptor set to run. */
export function interception(): InterceptionSupport {
  return support!;
}
