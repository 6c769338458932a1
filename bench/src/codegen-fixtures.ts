// Scenario 7's inputs, written as source text: a contract of N events, and the same app written
// twice against it, once through the generated wrappers and once through inference alone.

/** Seven events in ten are client-to-server with an ack, the rest server-to-client. */
function isClientEvent(index: number): boolean {
  return index % 10 < 7;
}

const clientEvent = (index: number): string => `item${index}:update`;
const serverEvent = (index: number): string => `item${index}:changed`;

/** What sets a contract apart beyond its size: schemas whose type only TypeScript knows. */
export interface ContractExtras {
  /** Events whose payload has a transformed field (`z.string().transform(...)`), so the generator asks the checker. */
  readonly transforms?: number;
  /** Events whose payload carries a branded id, each brand an exported constant (`export const Item3Id = z.string().brand<"Item3Id">()`). */
  readonly brands?: number;
}

/**
 * A contract module with `events` events on one namespace, each with its own object payload. With
 * extras, the first `transforms` events get a transformed field and the next `brands` a branded id.
 */
export function contractModule(events: number, extras: ContractExtras = {}): string {
  const transforms = extras.transforms ?? 0;
  const brands = extras.brands ?? 0;
  const clientToServer: string[] = [];
  const serverToClient: string[] = [];
  const brandConstants: string[] = [];
  for (let i = 0; i < events; i++) {
    let extra = "";
    if (i < transforms)
      extra = `, size: z.string().transform((text) => ({ length: text.length, upper: text.toUpperCase() }))`;
    else if (i < transforms + brands) {
      brandConstants.push(`export const Item${i}Id = z.string().brand<"Item${i}Id">();`);
      extra = `, ref: Item${i}Id`;
    }
    const payload = `z.object({ id: z.string().min(1), title: z.string().max(200), count: z.number().int().nonnegative(), tags: z.array(z.string()).max(10), state: z.enum(["draft", "live", "gone"]), note: z.string().optional()${extra} })`;
    if (isClientEvent(i)) {
      clientToServer.push(
        `        ${JSON.stringify(clientEvent(i))}: {\n          description: "Updates item ${i}.",\n          args: [${payload}],\n          ack: z.object({ id: z.string(), version: z.number().int() }),\n        },`,
      );
    } else {
      serverToClient.push(
        `        ${JSON.stringify(serverEvent(i))}: { description: "Item ${i} changed.", args: [${payload}] },`,
      );
    }
  }
  return [
    `import { defineContract } from "@socket-contract/contract";`,
    `import { z } from "zod";`,
    ``,
    ...(brandConstants.length === 0 ? [] : [...brandConstants, ``]),
    `export const contract = defineContract({`,
    `  name: "items",`,
    `  version: "1.0.0",`,
    `  namespaces: {`,
    `    "/app": {`,
    `      clientToServer: {`,
    ...clientToServer,
    `      },`,
    `      serverToClient: {`,
    ...serverToClient,
    `      },`,
    `    },`,
    `  },`,
    `});`,
    ``,
  ].join("\n");
}

function payloadLiteral(index: number): string {
  return `{ id: "i${index}", title: "Item ${index}", count: ${index}, tags: ["a"], state: "live" }`;
}

/** Where an app imports the contract value and the generated wrappers from. */
export interface AppImports {
  readonly contract: string;
  readonly generated: string;
  readonly generatedServer: string;
}

/** The contract and the generated folder as source files of the app itself. */
export const SOURCE_IMPORTS: AppImports = {
  contract: "./contract.js",
  generated: "./generated/index.js",
  generatedServer: "./generated/server.js",
};

/** The app through the generated wrappers: client methods, `on...` handlers, and `implement`. */
export function generatedApp(events: number, from: AppImports = SOURCE_IMPORTS): string {
  const calls: string[] = [];
  const handlers: string[] = [];
  for (let i = 0; i < events; i++) {
    if (isClientEvent(i)) {
      calls.push(
        `  const ack${i} = await client.item${i}Update(${payloadLiteral(i)});\n  versions.push(ack${i}.version);`,
      );
      handlers.push(
        `  ${JSON.stringify(clientEvent(i))}: (_socket, payload) => ({ id: payload.id, version: payload.count + 1 }),`,
      );
    } else {
      calls.push(`  client.onItem${i}Changed((payload) => void titles.push(payload.title));`);
    }
  }
  return [
    `import type { Server } from "socket.io";`,
    `import type { Socket } from "socket.io-client";`,
    `import { app } from ${JSON.stringify(from.generated)};`,
    `import { bindContractServer } from ${JSON.stringify(from.generatedServer)};`,
    ``,
    `export async function runClient(socket: Socket): Promise<number[]> {`,
    `  const client = app.bindAppClient(socket);`,
    `  const versions: number[] = [];`,
    `  const titles: string[] = [];`,
    ...calls,
    `  return versions;`,
    `}`,
    ``,
    `export function runServer(io: Server): void {`,
    `  app.implement(bindContractServer(io), {`,
    ...handlers,
    `  });`,
    `}`,
    ``,
  ].join("\n");
}

/** The same app through inference alone: `bindClient` / `bindServer` typed from the contract value. */
export function inferenceApp(events: number, from: AppImports = SOURCE_IMPORTS): string {
  const calls: string[] = [];
  const handlers: string[] = [];
  for (let i = 0; i < events; i++) {
    if (isClientEvent(i)) {
      calls.push(
        `  const ack${i} = await client.emit(${JSON.stringify(clientEvent(i))}, ${payloadLiteral(i)});\n  versions.push(ack${i}.version);`,
      );
      handlers.push(
        `    socket.on(${JSON.stringify(clientEvent(i))}, (payload) => ({ id: payload.id, version: payload.count + 1 }));`,
      );
    } else {
      calls.push(`  client.on(${JSON.stringify(serverEvent(i))}, (payload) => void titles.push(payload.title));`);
    }
  }
  return [
    `import { bindClient } from "@socket-contract/client";`,
    `import { bindServer } from "@socket-contract/server";`,
    `import type { Server } from "socket.io";`,
    `import type { Socket } from "socket.io-client";`,
    `import { contract } from ${JSON.stringify(from.contract)};`,
    ``,
    `export async function runClient(socket: Socket): Promise<number[]> {`,
    `  const client = bindClient(contract, "/app", socket);`,
    `  const versions: number[] = [];`,
    `  const titles: string[] = [];`,
    ...calls,
    `  return versions;`,
    `}`,
    ``,
    `export function runServer(io: Server): void {`,
    `  bindServer(contract, io).of("/app").on("connection", (socket) => {`,
    ...handlers,
    `  });`,
    `}`,
    ``,
  ].join("\n");
}

/** What both apps import besides the contract, and nothing else: the floor under both type-checks. */
export function floorApp(): string {
  return [
    `import { bindClient } from "@socket-contract/client";`,
    `import { bindServer } from "@socket-contract/server";`,
    `import type { Server } from "socket.io";`,
    `import type { Socket } from "socket.io-client";`,
    ``,
    `export const imports: [typeof bindClient, typeof bindServer, Server | undefined, Socket | undefined] = [bindClient, bindServer, undefined, undefined];`,
    ``,
  ].join("\n");
}

/** A strict tsconfig for one app folder, type-checking only (the packages from their built declarations). */
export function appTsconfig(files: readonly string[]): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files,
    },
    null,
    2,
  )}\n`;
}
