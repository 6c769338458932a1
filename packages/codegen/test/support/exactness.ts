import type { ContractModel, EventModel, TypePair } from "../../src/index.js";

/**
 * A TypeScript file that compiles only when every generated type is mutually assignable with
 * what the runtime infers from the contract itself (`z.input` / `z.output` through the contract
 * package's Infer types): the generated types are exactly the contract's, not merely close. The
 * same holds of what the runtimes infer from `ContractTypes` (the contract as types alone, which
 * the generated wrappers are typed by), so those wrappers type exactly as inference does.
 */
export function exactnessCheck(
  model: ContractModel,
  imports: { contract: string; exportName: string; golden: string },
): string {
  const lines = [
    `import type { ${imports.exportName} as contract } from ${JSON.stringify(imports.contract)};`,
    `import type * as Inter from ${JSON.stringify(`${imports.golden}/inter-server.js`)};`,
    "type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    "declare function exact<T extends true>(): T;",
    `import type { ContractTypes as Types } from ${JSON.stringify(`${imports.golden}/contract-types.js`)};`,
    "type Contract = typeof contract;",
  ];
  const checkEvents = (events: readonly EventModel[], module: string, of: string): void => {
    for (const event of events) {
      const definition = `${of}[${JSON.stringify(event.name)}]`;
      event.args.forEach((arg, index) =>
        pair(arg, `InferArgsInput<${definition}>[${index}]`, `InferArgsOutput<${definition}>[${index}]`, module),
      );
      if (event.ack !== undefined)
        pair(event.ack, `InferAckInput<${definition}>`, `InferAckOutput<${definition}>`, module);
      if (event.stream !== undefined)
        pair(event.stream, `InferStreamItemInput<${definition}>`, `InferStreamItemOutput<${definition}>`, module);
      if (event.upload !== undefined)
        pair(event.upload, `InferUploadItemInput<${definition}>`, `InferUploadItemOutput<${definition}>`, module);
      if (event.ack !== undefined || event.stream !== undefined || event.upload !== undefined)
        lines.push(`exact<Same<${module}.${event.pascal}Error, InferEventError<${definition}>>>();`);
    }
  };
  const pair = (types: TypePair, input: string, output: string, module: string): void => {
    lines.push(
      `exact<Same<${module}.${name(types.input)}, ${input}>>();`,
      `exact<Same<${module}.${name(types.output)}, ${output}>>();`,
    );
  };
  for (const Contract of ["Contract", "Types"]) {
    model.namespaces.forEach((namespace, index) => {
      const module = `N${index}`;
      const path = JSON.stringify(namespace.path);
      if (Contract === "Contract")
        lines.push(
          `import type * as ${module} from ${JSON.stringify(`${imports.golden}/${namespace.folder}/types.js`)};`,
        );
      checkEvents(namespace.clientToServer, module, `ClientToServerOf<${Contract}, ${path}>`);
      checkEvents(namespace.serverToClient, module, `ServerToClientOf<${Contract}, ${path}>`);
      lines.push(`exact<Same<${module}.ClientToServerEvents, InferClientToServerEvents<${Contract}, ${path}>>>();`);
      lines.push(`exact<Same<${module}.ServerToClientEvents, InferServerToClientEvents<${Contract}, ${path}>>>();`);
      lines.push(`exact<Same<${module}.SocketData, InferSocketData<${Contract}, ${path}>>>();`);
      lines.push(`exact<Same<${module}.InterServerEvents, InferInterServerEvents<${Contract}>>>();`);
      if (namespace.pattern !== undefined) {
        lines.push(
          `exact<Same<${module}.${name(namespace.pattern.params.output)}, InferNamespaceParams<${Contract}, ${path}>>>();`,
        );
        lines.push(`exact<Same<${module}.NamespacePath, PatternPath<${path}>>>();`);
      }
      if (namespace.auth !== undefined) {
        lines.push(`exact<Same<${module}.${name(namespace.auth.input)}, InferAuthInput<${Contract}, ${path}>>>();`);
        lines.push(`exact<Same<${module}.${name(namespace.auth.output)}, InferAuth<${Contract}, ${path}>>>();`);
      }
    });
    checkEvents(model.interServer.events, "Inter", `ServerToServerOf<${Contract}>`);
    lines.push(`exact<Same<Inter.InterServerEvents, InferInterServerEvents<${Contract}>>>();`);
  }
  const helpers = [
    "ClientToServerOf",
    "InferAckInput",
    "InferAckOutput",
    "InferArgsInput",
    "InferArgsOutput",
    "InferAuth",
    "InferAuthInput",
    "InferClientToServerEvents",
    "InferEventError",
    "InferInterServerEvents",
    "InferNamespaceParams",
    "InferServerToClientEvents",
    "InferSocketData",
    "InferStreamItemInput",
    "InferStreamItemOutput",
    "InferUploadItemInput",
    "InferUploadItemOutput",
    "PatternPath",
    "ServerToClientOf",
    "ServerToServerOf",
  ];
  const body = lines.join("\n");
  const used = helpers.filter((helper) => new RegExp(`\\b${helper}<`).test(body));
  return `import type { ${used.join(", ")} } from "@socket-contract/contract";\n${body}\n`;
}

function name(node: TypePair["input"]): string {
  if (node.kind !== "reference") throw new Error(`expected a reference to a declaration, got ${node.kind}`);
  return node.name;
}
