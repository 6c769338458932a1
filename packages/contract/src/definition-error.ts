/**
 * Thrown by `defineContract` when a contract breaks a rule; the message names the exact place.
 *
 * @example
 * try { defineContract(def) } catch (error) {
 *   if (error instanceof ContractDefinitionError) console.error(error.place, error.message);
 * }
 */
export class ContractDefinitionError extends Error {
  override readonly name = "ContractDefinitionError";
  /** Where the rule was broken, e.g. `namespaces["/chat"].clientToServer["typing"].args[1]`. */
  readonly place: string;

  constructor(place: string, problem: string) {
    super(`[defineContract] ${place === "" ? "contract" : place}: ${problem}`);
    this.place = place;
  }
}
