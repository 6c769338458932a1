import { CodegenError } from "../errors.js";
import type { NamespaceModel } from "../model/contract-model.js";

/** Members of the client class that no event may take. */
const CLIENT_MEMBERS = new Set(["bound", "socket", "timeout", "onContractError", "constructor"]);

/** Refuses a namespace whose events would give the client class a reserved member, or two events one method. */
export function checkMemberNames(namespace: NamespaceModel): void {
  const owners = new Map<string, string>();
  const claim = (member: string, event: string): void => {
    if (CLIENT_MEMBERS.has(member))
      throw new CodegenError(
        "UNRENDERABLE",
        `namespaces[${JSON.stringify(namespace.path)}]: the event "${event}" would generate the client method \`${member}\`, which the client wrapper reserves; rename the event`,
      );
    const previous = owners.get(member);
    if (previous !== undefined)
      throw new CodegenError(
        "UNRENDERABLE",
        `namespaces[${JSON.stringify(namespace.path)}]: the events "${previous}" and "${event}" would both generate the client method \`${member}\`; rename one of them`,
      );
    owners.set(member, event);
  };
  for (const event of namespace.clientToServer) claim(event.camel, event.name);
  for (const event of namespace.serverToClient) claim(event.listener, event.name);
}
