import type { ContractError } from "@socket-contract/contract";
import { Connection, type Endpoint, transportFailure } from "@socket-contract/contract/internal";
import type { OfflineGate } from "./offline-gate.js";

type Requested = ReturnType<Connection["stream"]>;

/**
 * A client's connection: the shared `Connection` over an `OfflineGate`, plus what a refused or
 * offline socket means for streams. Acknowledged emits fail through the gate; a stream request,
 * which waits for frames rather than an ack, is ended here.
 */
export class ClientConnection extends Connection {
  readonly #gate: OfflineGate;
  /** The stream requests not over yet, by event: the ones a refusal ends. */
  readonly #requests = new Map<Requested, string>();

  constructor(endpoint: Endpoint, gate: OfflineGate) {
    super(endpoint, gate);
    this.#gate = gate;
  }

  /** Requests a stream; one that cannot be sent now fails at once, as an emit does. */
  override stream(event: string, args: unknown[]): Requested {
    const failure = this.#gate.failure();
    const request = super.stream(event, args);
    if (failure !== undefined) {
      request.close(transportFailure(failure, { namespace: this.namespace, event }));
      return request;
    }
    this.#requests.set(request, event);
    const forget = (): void => void this.#requests.delete(request);
    request.ack.then(forget, forget);
    return request;
  }

  /** The server refused the connection: everything waiting for it fails now with the refusal's code. */
  refuse(refusal: ContractError): void {
    this.#gate.refuse(refusal);
    const requests = [...this.#requests];
    this.#requests.clear();
    for (const [request, event] of requests)
      request.close(transportFailure(refusal, { namespace: this.namespace, event }));
  }
}
