/**
 * The code of a connection refused because someone connected already holds the display name
 * (compared without regard to case), with `data: { name }` as they spell it. The server's
 * middleware throws it; the client reads it from `connect_error` with `connectErrorOf`. Connection
 * refusals are not part of the contract's events, so this lives beside the contract, not in it.
 *
 * @example
 * if (connectErrorOf(error)?.code === NAME_TAKEN) showLogin("That name is taken.");
 */
export const NAME_TAKEN = "NAME_TAKEN";

/** What a `NAME_TAKEN` refusal carries. */
export interface NameTakenData {
  readonly name: string;
}
