import { InterceptorSet } from "@socket-contract/contract/internal";

type Interceptor = Parameters<InterceptorSet["add"]>[0];
type Steps = Pick<InterceptorSet, "incoming" | "outgoing" | "connection" | "refused" | "stream" | "propagates">;

/**
 * The interceptors of one tenant of a dynamic namespace (`server.of("/org/acme")`): the pattern's
 * (the server's first), read live, then the tenant's own once `intercept` added any.
 *
 * Made with the tenant's runtime, before its first socket: a connection keeps the set it first
 * reads, so one added later reaches sockets already connected only through this one object. It is
 * no child `InterceptorSet` of the pattern's, since a set stays registered with its parent for good
 * while Socket.IO drops an empty tenant (`cleanupEmptyChildNamespaces`): the merged steps are
 * remade here when either side's change (a set replaces its arrays on every `add`).
 *
 * @example
 * const interceptors = new TenantInterceptors(patternRuntime.interceptors);
 * interceptors.add(onlyMembers, 'server.of("/org/acme").intercept');
 */
export class TenantInterceptors implements Steps {
  readonly #pattern: InterceptorSet;
  #own: InterceptorSet | undefined;
  #merged: Steps | undefined;
  /** The arrays `#merged` was made from, to see when either set changed. */
  #from: readonly [unknown, unknown] | undefined;

  constructor(pattern: InterceptorSet) {
    this.#pattern = pattern;
  }

  get incoming(): Steps["incoming"] {
    return this.#steps().incoming;
  }

  get outgoing(): Steps["outgoing"] {
    return this.#steps().outgoing;
  }

  get connection(): Steps["connection"] {
    return this.#steps().connection;
  }

  get refused(): Steps["refused"] {
    return this.#steps().refused;
  }

  get stream(): Steps["stream"] {
    return this.#steps().stream;
  }

  get propagates(): boolean {
    return this.#steps().propagates;
  }

  /** Adds one of the tenant's own interceptors, after those already there; a malformed one fails at once, naming `place`. */
  add(interceptor: Interceptor, place: string): void {
    const own = this.#own ?? new InterceptorSet();
    own.add(interceptor, place);
    this.#own = own;
  }

  #steps(): Steps {
    const own = this.#own;
    const pattern = this.#pattern;
    if (own === undefined) return pattern;
    if (this.#merged === undefined || this.#from![0] !== pattern.incoming || this.#from![1] !== own.incoming) {
      this.#merged = {
        incoming: [...pattern.incoming, ...own.incoming],
        outgoing: [...pattern.outgoing, ...own.outgoing],
        connection: [...pattern.connection, ...own.connection],
        refused: [...pattern.refused, ...own.refused],
        stream: [...pattern.stream, ...own.stream],
        propagates: pattern.propagates || own.propagates,
      };
      this.#from = [pattern.incoming, own.incoming];
    }
    return this.#merged;
  }
}
