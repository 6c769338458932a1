import { BinaryExample, exampleOf } from "../asyncapi/example-value.js";
import type { JsonSchema } from "../asyncapi/json-schema.js";
import type { WireEvent, WireNamespace } from "../asyncapi/wire-contract.js";
import { escapeHtml } from "./html.js";

/** Two short programs, one per side, that show an event in use; HTML with highlighting spans. */
export interface Snippets {
  readonly client: string;
  readonly server: string;
}

type Components = Readonly<Record<string, JsonSchema>>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * How each side sends and handles one event, with example values built from its schemas: the
 * client's `emit` or `on`, the server's `socket.on` or broadcast, the ack as a return value.
 *
 * @example
 * eventSnippets(event, namespace, schemas).client; // 'const ack = await chat.emit("message:send", { room: "room" });'
 */
export function eventSnippets(event: WireEvent, variable: string, components: Components): Snippets {
  const examples = event.args.map((arg) => exampleOf(arg.schema, components));
  const inline = [str(event.name), ...examples.map((example) => value(example, 1))];
  // A call too long for one line puts each argument on a line of its own.
  const call = fits(inline, 50 - variable.length - 7)
    ? inline.join(", ")
    : `\n  ${[str(event.name), ...examples.map((example) => value(example, 2))].join(",\n  ")},\n`;
  const params = event.args.map((arg) => arg.name).join(", ");
  const answer = event.ack === undefined ? undefined : value(exampleOf(event.ack.schema, components), 2);
  const handler = (body: string): string => `(${params}) =&gt; {\n${body}\n}`;
  const returns =
    answer === undefined
      ? `  ${comment("handle it")}`
      : `  ${comment("handle it, then answer:")}\n  ${kw("return")} ${answer};`;
  if (event.stream !== undefined || event.upload !== undefined)
    return streamSnippets(event, variable, params === "" ? "" : params, answer, components);
  if (event.direction === "clientToServer") {
    return {
      client:
        answer === undefined
          ? `${variable}.emit(${call});`
          : `${kw("const")} ack = ${kw("await")} ${variable}.emit(${call});`,
      server: `${variable}.on(${str("connection")}, (socket) =&gt; {\n  socket.on(${str(event.name)}, ${kw("async")} ${handler(returns).replace(/\n/g, "\n  ")});\n});`,
    };
  }
  if (event.direction === "serverToClient") {
    return {
      client: `${variable}.on(${str(event.name)}, ${handler(returns)});`,
      server:
        answer === undefined
          ? `${comment(`to everyone; or socket.emit, or ${variable}.to(room).emit`)}\n${variable}.emit(${call});`
          : `${comment("every client answers; the promise holds the answers")}\n${kw("const")} answers = ${kw("await")} ${variable}.timeout(${num(5000)}).emit(${call});`,
    };
  }
  return {
    client: comment("between servers only: clients never see this event"),
    server: `${answer === undefined ? "" : `${kw("const")} answers = ${kw("await")} `}server.serverSideEmit(${call});\nserver.onServerSide(${str(event.name)}, ${handler(returns)});`,
  };
}

/** A stream: the requester reads it with `for await` (and sends its items from an iterable), the responder is an async generator. */
function streamSnippets(
  event: WireEvent,
  variable: string,
  params: string,
  answer: string | undefined,
  components: Components,
): Snippets {
  const item = event.stream === undefined ? undefined : value(exampleOf(event.stream.schema, components), 2);
  const args = [
    str(event.name),
    ...event.args.map((arg) => value(exampleOf(arg.schema, components), 2)),
    ...(event.upload === undefined ? [] : ["chunks()"]),
  ];
  const sender = event.direction === "clientToServer" ? variable : "socket";
  const requester = [
    `${kw("const")} stream = ${sender}.stream(${fits(args, 50 - sender.length - 22) ? args.join(", ") : `\n  ${args.join(",\n  ")},\n`});`,
    ...(event.stream === undefined
      ? []
      : [`${kw("for await")} (${kw("const")} item ${kw("of")} stream) render(item);`]),
    `${kw("const")} ack = ${kw("await")} stream.ack;`,
  ].join("\n");
  const handlerParams = event.upload === undefined ? params : params === "" ? "items" : `${params}, items`;
  const body = [
    ...(event.upload === undefined ? [] : [`  ${kw("for await")} (${kw("const")} part ${kw("of")} items) save(part);`]),
    ...(item === undefined ? [] : [`  ${kw("yield")} ${item};`]),
    ...(answer === undefined ? [] : [`  ${kw("return")} ${answer};`]),
  ].join("\n");
  const responder =
    item === undefined
      ? `${kw("async")} (${handlerParams}) =&gt; {\n${body}\n}`
      : `${kw("async function*")} (${handlerParams}) {\n${body}\n}`;
  if (event.direction === "clientToServer") {
    return {
      client: requester,
      server: `${variable}.on(${str("connection")}, (socket) =&gt; {\n  socket.on(${str(event.name)}, ${responder.replace(/\n/g, "\n  ")});\n});`,
    };
  }
  return {
    client: `${variable}.on(${str(event.name)}, ${responder});`,
    server: `${comment("from one socket")}\n${requester}`,
  };
}

/** How a client connects to a namespace, with its `auth` and a reaction to a version refusal. */
export function connectSnippet(namespace: WireNamespace, variable: string, components: Components): string {
  const auth = namespace.auth === undefined ? undefined : value(exampleOf(namespace.auth, components), 1);
  const path = concretePath(namespace, components);
  const url = str(`https://example.com${path === "/" ? "" : path}`);
  return [
    `${kw("const")} ${variable} = bindClient(contract, ${str(path)}, io(${url}${auth === undefined ? "" : `, { auth: ${auth} }`}));`,
    `${variable}.onError((error) =&gt; {`,
    `  ${kw("if")} (isContractMismatch(error)) askToReload(error.data.server.version);`,
    `});`,
  ].join("\n");
}

/** A path a client connects to: a dynamic namespace's parameters filled with example values its `params` schema accepts. */
function concretePath(namespace: WireNamespace, components: Components): string {
  if (namespace.params === undefined) return namespace.path;
  const shape = namespace.params.schema === undefined ? undefined : exampleOf(namespace.params.schema, components);
  return namespace.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const example = typeof shape === "object" && shape !== null ? (shape as Record<string, unknown>)[name] : undefined;
    // A number parameter (z.coerce.number()) reads its segment as digits; its name would be refused.
    const segment = typeof example === "number" && Number.isFinite(example) ? String(example) : example;
    return typeof segment === "string" && segment !== "" && !segment.includes("/") ? segment : name;
  });
}

/** A JavaScript expression for an example value, highlighted; bytes become a `Uint8Array`. */
function value(example: unknown, indent: number): string {
  if (example === undefined) return comment("…");
  if (example instanceof BinaryExample)
    return `${kw("new")} Uint8Array([${num(137)}, ${num(80)}, ${num(78)}, ${num(71)}])`;
  if (example === null || typeof example === "boolean") return kw(String(example));
  if (typeof example === "number") return num(example);
  if (typeof example === "string") return str(example);
  const pad = "  ".repeat(indent);
  const close = "  ".repeat(indent - 1);
  if (Array.isArray(example)) {
    const items = example.map((item) => value(item, indent + 1));
    return fits(items) ? `[${items.join(", ")}]` : `[\n${items.map((item) => pad + item).join(",\n")},\n${close}]`;
  }
  const entries = Object.entries(example as Record<string, unknown>).map(
    ([key, item]) => `${IDENTIFIER.test(key) ? key : str(key)}: ${value(item, indent + 1)}`,
  );
  if (entries.length === 0) return "{}";
  return fits(entries)
    ? `{ ${entries.join(", ")} }`
    : `{\n${entries.map((entry) => pad + entry).join(",\n")},\n${close}}`;
}

/** Whether items fit on one line of `width` visible characters: a code column is about 55 wide. */
function fits(items: string[], width = 44): boolean {
  const visible = items.map((item) => item.replace(/<[^>]+>/g, "").replace(/&[a-z]+;|&#\d+;/g, "x"));
  return visible.every((item) => !item.includes("\n")) && visible.join(", ").length <= width;
}

function str(text: string): string {
  return `<span class="tok-str">${escapeHtml(JSON.stringify(text))}</span>`;
}

function num(n: number): string {
  return `<span class="tok-num">${n}</span>`;
}

function kw(word: string): string {
  return `<span class="tok-kw">${word}</span>`;
}

function comment(text: string): string {
  return `<span class="tok-comment">// ${escapeHtml(text)}</span>`;
}
