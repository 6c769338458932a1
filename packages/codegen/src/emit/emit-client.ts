import type { CodeBlockWriter, FunctionDeclarationStructure, MethodDeclarationStructure, OptionalKind } from "ts-morph";
import type { GeneratedSource } from "./generated-file.js";
import { checkMemberNames } from "./client-members.js";
import type { EventModel, NamespaceModel } from "../model/contract-model.js";
import type { TypeNode } from "../model/type-node.js";
import type { ContractSource } from "./contract-import.js";
import { CONTRACT_TYPES, contractTypesImport } from "./emit-contract-types.js";
import { isStreamEvent } from "../model/event-model.js";
import { parsersRegistration } from "./emit-parsers.js";
import { PATH_ARGUMENT, RESOLVE_PATH } from "./emit-path.js";
import { handlerType, handlerTypes, localNames, promiseOf, senderTypes } from "./handler-type.js";
import { docText, typeWriter } from "./type-writer.js";

/**
 * A namespace's `client.ts`: a class with one method per client-to-server event
 * (`messageSend(payload)`, a promise of the ack) and one `on<Event>(handler)` per server-to-client
 * event (returning an unsubscribe function), over `bindClient`.
 *
 * @example
 * emitClient(files.create("chat/client.ts"), namespace, source, "chat/client.ts");
 */
export function emitClient(
  file: GeneratedSource,
  namespace: NamespaceModel,
  _source: ContractSource,
  path: string,
): void {
  checkMemberNames(namespace);
  const contract = "contract";
  const className = `${namespace.pascal}Client`;
  const bound = `BoundClient<${CONTRACT_TYPES}, ${JSON.stringify(namespace.path)}>`;
  // A browser bundle carries the stream code only where a namespace streams; its bind function enables it.
  const streams = namespace.clientToServer.some(isStreamEvent) || namespace.serverToClient.some(isStreamEvent);
  file.addImportDeclarations([
    {
      moduleSpecifier: "@socket-contract/client",
      namedImports: [
        { name: "BindClientOptions", isTypeOnly: true },
        "BoundClient",
        { name: "ClientErrorHandler", isTypeOnly: true },
        ...(namespace.standardSchemas ? ["enableStandardSchema"] : []),
        ...(streams ? ["enableStreams"] : []),
      ],
    },
    ...(namespace.clientToServer.some(isStreamEvent)
      ? [
          {
            isTypeOnly: true,
            moduleSpecifier: "@socket-contract/contract",
            namedImports: ["ContractStream", "StreamCallOptions"],
          },
        ]
      : []),
    contractTypesImport(path, [{ name: CONTRACT_TYPES, isTypeOnly: true }, "contract"]),
  ]);
  const registration = parsersRegistration(path, contract, "client");
  file.addImportDeclarations(registration.imports);
  if (namespace.pattern !== undefined)
    file.addImportDeclaration({ moduleSpecifier: "./path.js", namedImports: ["namespacePath"] });
  const used = [
    ...localNames(clientTypes(namespace)),
    ...(namespace.pattern === undefined ? [] : ["NamespacePath", "NamespacePathParams"]),
  ].sort();
  if (used.length > 0)
    file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: used });
  file.addTypeAlias({
    name: "Calls",
    docs: [
      "The runtime's calls by wire name, without per-event types: each method below states the contract's types (the generator's tests prove them equal to inference), so a compiler does not derive them again for every event.",
    ],
    type: "{ emit(event: string, ...args: unknown[]): unknown; on(event: string, handler: (...args: never[]) => unknown): () => void; stream(event: string, ...args: unknown[]): unknown }",
  });
  // Not an import of socket.io-client, which ships separate CommonJS and ESM declarations: in a
  // CommonJS project that import names the CommonJS Socket, and the runtime's is the ESM one.
  file.addTypeAlias({
    name: "Socket",
    docs: ["The socket.io-client `Socket`, as the client runtime is typed by it."],
    type: `${bound}["socket"]`,
  });
  // #calls handles events; without one, a client has none.
  const calls = namespace.serverToClient.length > 0;
  // #emitter sends events and requests streams, within timeout(ms) where one was set; without
  // either, a client has no calls to time out: no emitter, no timeout().
  const emits = namespace.clientToServer.length > 0;
  file.addClass({
    name: className,
    isExported: true,
    docs: [
      docText(
        `A typed client of the \`${namespace.path}\` namespace: one method per event it sends, one \`on...\` method per event it receives. Every payload and ack is validated on the way.${namespace.description === undefined ? "" : `\n\n${namespace.description}`}\n\n@example\nconst ${camel(namespace.pascal)} = bind${className}(${namespace.pattern === undefined ? `io("http://localhost:3000${namespace.path === "/" ? "" : namespace.path}")` : `"${namespace.pattern.template.replace(/\$\{string\}/g, "acme")}", io("http://localhost:3000${namespace.pattern.template.replace(/\$\{string\}/g, "acme")}")`});`,
      ),
    ],
    properties: [
      {
        name: "bound",
        isReadonly: true,
        type: bound,
        docs: ["The runtime binding underneath: `emit`/`on`/`off` by wire name, and the raw `socket`."],
      },
      ...(calls ? [{ name: "#calls", isReadonly: true, type: "Calls" }] : []),
      ...(emits ? [{ name: "#emitter", isReadonly: true, type: "Calls" }] : []),
    ],
    ctors: [
      {
        docs: [`@internal Use \`bind${className}\`.`],
        parameters: [
          { name: "bound", type: bound },
          ...(emits ? [{ name: "emitter", type: "object", initializer: "bound" }] : []),
        ],
        statements: [
          "this.bound = bound;",
          ...(calls ? ["this.#calls = bound as never;"] : []),
          ...(emits ? ["this.#emitter = emitter as never;"] : []),
        ],
      },
    ],
    getAccessors: [
      {
        name: "socket",
        returnType: "Socket",
        docs: ["The plain socket.io-client socket."],
        statements: ["return this.bound.socket;"],
      },
    ],
    methods: [
      ...(emits ? [timeoutMethod(namespace, className)] : []),
      {
        name: "onContractError",
        docs: [
          "Sees every `contract:error` the server sends about an event of ours it refused, and every incoming event this client refused. Returns a function that removes the handler.",
        ],
        parameters: [{ name: "handler", type: "ClientErrorHandler" }],
        returnType: "() => void",
        statements: ["return this.bound.onError(handler);"],
      },
      ...namespace.clientToServer.map((event) => (isStreamEvent(event) ? streamMethod(event) : sendMethod(event))),
      ...namespace.serverToClient.map(receiveMethod),
    ],
  });
  file.addFunction(
    bindFunction(
      namespace,
      className,
      contract,
      bound,
      `${registration.statement}${namespace.standardSchemas ? "\nenableStandardSchema();" : ""}${streams ? "\nenableStreams();" : ""}`,
    ),
  );
}

function timeoutMethod(namespace: NamespaceModel, className: string): OptionalKind<MethodDeclarationStructure> {
  return {
    name: "timeout",
    docs: [
      docText(
        `The same client with an acknowledgement timeout of \`ms\` for the calls made through it${namespace.clientToServer.some(isStreamEvent) ? " (for a stream, how long its request waits for the first answer)" : ""}.\n\n@example\nawait ${camel(namespace.pascal)}.timeout(2_000).${(namespace.clientToServer.find((event) => !isStreamEvent(event)) ?? namespace.clientToServer[0])?.camel ?? "someEvent"}(...);`,
      ),
    ],
    parameters: [{ name: "ms", type: "number" }],
    returnType: className,
    statements: [`return new ${className}(this.bound, this.bound.timeout(ms));`],
  };
}

/** `bindChatClient(socket, options?)`; for a pattern namespace, `bindOrgClient(at, socket, options?)` with a concrete path or its parameters. */
function bindFunction(
  namespace: NamespaceModel,
  className: string,
  contract: string,
  bound: string,
  registration: string,
): OptionalKind<FunctionDeclarationStructure> {
  const variable = camel(namespace.pascal);
  const example =
    namespace.pattern === undefined ? "" : `{ ${namespace.pattern.names.map((name) => `${name}: "acme"`).join(", ")} }`;
  const url =
    namespace.pattern === undefined
      ? `"http://localhost:3000${namespace.path === "/" ? "" : namespace.path}"`
      : `\`http://localhost:3000\${namespacePath(${example})}\``;
  return {
    name: `bind${className}`,
    isExported: true,
    docs: [
      docText(
        `Binds a socket.io-client socket connected to \`${namespace.path}\` to the contract${namespace.pattern === undefined ? "" : ": give the path it connected to, or its parameters"}.\n\n@example\nconst ${variable} = bind${className}(${namespace.pattern === undefined ? "" : `${example}, `}io(${url}, { transports: ["websocket"] }));`,
      ),
    ],
    parameters: [
      ...(namespace.pattern === undefined ? [] : [{ name: "at", type: PATH_ARGUMENT }]),
      { name: "socket", type: "Socket" },
      { name: "options", type: "BindClientOptions", hasQuestionToken: true },
    ],
    returnType: className,
    statements: (writer) => {
      writer.write(registration).newLine();
      // Bound into a local first: as the constructor's argument, the call would be inferred from
      // its contextual type, which makes TypeScript compute the variances of `BoundClient` and all
      // it reaches (about 10,000 type instantiations in every program that checks this file).
      // Constructed directly, not through `bindClient`: the fingerprint is filed above, so a page
      // carries none of the code that computes a hand-written contract's.
      writer.write(`const bound = new ${bound}(${contract}, `);
      if (namespace.pattern === undefined) writer.quote(namespace.path);
      else writer.write(RESOLVE_PATH);
      writer.write(", socket, options ?? {});").newLine();
      writer.write(`return new ${className}(bound);`);
    },
  };
}

function sendMethod(event: EventModel): OptionalKind<MethodDeclarationStructure> {
  const ackNote =
    event.ack === undefined
      ? "Sends the event; nothing comes back."
      : `Resolves with the validated acknowledgement; rejects with a \`ContractError\` typed as \`${event.pascal}Error\`${event.errors.length === 0 ? "" : ` (custom codes: ${event.errors.map((error) => `\`${error.code}\``).join(", ")})`} or, for bad arguments, \`INVALID_PAYLOAD\` before anything is sent.`;
  return {
    name: event.camel,
    docs: [
      docText(
        `${event.description === undefined ? `Sends \`${event.name}\`.` : `${event.description}\n\nSends \`${event.name}\`.`} ${ackNote}`,
      ),
    ],
    parameters: event.args.map((arg) => ({ name: arg.name, type: typeWriter(arg.input) })),
    returnType: event.ack === undefined ? "void" : (writer) => promiseOf(writer, event.ack!.output),
    statements: (writer) => {
      if (event.ack !== undefined) writer.write("return ");
      writer.write("this.#emitter.emit(").quote(event.name);
      for (const arg of event.args) writer.write(`, ${arg.name}`);
      writer.write(")");
      if (event.ack !== undefined) {
        writer.write(" as ");
        promiseOf(writer, event.ack.output);
      }
      writer.write(";");
    },
  };
}

/** A method that requests a stream: the event's arguments, then `{ signal, window }`; it returns the typed stream at once. */
function streamMethod(event: EventModel): OptionalKind<MethodDeclarationStructure> {
  const items =
    event.stream === undefined
      ? ""
      : " Read the items with `for await`; `break`, `cancel()` or the `signal` cancels it.";
  const ending = `${event.ack === undefined ? "" : " `ack` resolves with the validated acknowledgement after the last item."} A failure ends it with a \`ContractError\` typed as \`${event.pascal}Error\`${event.errors.length === 0 ? "" : ` (custom codes: ${event.errors.map((error) => `\`${error.code}\``).join(", ")})`}.`;
  return {
    name: event.camel,
    docs: [
      docText(
        `${event.description === undefined ? "" : `${event.description}\n\n`}Requests the stream \`${event.name}\`.${items}${ending}`,
      ),
    ],
    parameters: [
      ...event.args.map((arg) => ({ name: arg.name, type: typeWriter(arg.input) })),
      { name: "options", type: "StreamCallOptions", hasQuestionToken: true },
    ],
    returnType: (writer) => streamType(writer, event),
    statements: (writer) => {
      writer.write("return this.#emitter.stream(").quote(event.name);
      for (const arg of event.args) writer.write(`, ${arg.name}`);
      // The runtime reads an argument past the event's own as the options, so `undefined` is never passed there.
      writer.write(", options ?? {}) as ");
      streamType(writer, event);
      writer.write(";");
    },
  };
}

/** `ContractStream<Item, Ack>` of a stream event. */
function streamType(writer: CodeBlockWriter, event: EventModel): void {
  writer.write("ContractStream<");
  typeWriter(event.stream?.output ?? { kind: "keyword", name: "never" })(writer);
  writer.write(", ");
  typeWriter(event.ack?.output ?? { kind: "keyword", name: "void" })(writer);
  writer.write(">");
}

function receiveMethod(event: EventModel): OptionalKind<MethodDeclarationStructure> {
  const ackNote =
    event.stream !== undefined
      ? ` The handler is a generator: what it yields are the items${event.ack === undefined ? "" : ", what it returns is the acknowledgement"}; cancellation runs its \`finally\`.`
      : event.ack === undefined
        ? ""
        : " The handler's return value (or resolved promise) is the acknowledgement.";
  return {
    name: event.listener,
    docs: [
      docText(
        `${event.description === undefined ? "" : `${event.description}\n\n`}Handles \`${event.name}\`; the handler runs only for valid input.${ackNote} Returns a function that removes the handler.`,
      ),
    ],
    parameters: [{ name: "handler", type: (writer) => handlerType(writer, event) }],
    returnType: "() => void",
    statements: (writer) => {
      writer.write("return this.#calls.on(").quote(event.name).write(", handler);");
    },
  };
}

function clientTypes(namespace: NamespaceModel): TypeNode[] {
  return [...namespace.clientToServer.flatMap(senderTypes), ...namespace.serverToClient.flatMap(handlerTypes)];
}

function camel(pascal: string): string {
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
