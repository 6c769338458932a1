// Scenario 6: validation alone, in one process, no sockets. Started twice: once as usual, once with
// --disallow-code-generation-from-strings (Node's stand-in for a page's CSP without 'unsafe-eval').
import { pathToFileURL } from "node:url";
import {
  type CompiledEvent,
  type EventCatalog,
  type ParserFactory,
  checkOutgoing,
  compileEvents,
  compileSchema,
  installCompiler,
  installStandardSchema,
  parseArgs,
  registerParsers,
} from "@socket-contract/contract/internal";
import type { z } from "zod";
import * as core from "zod/v4/core";
import { type ExamplePayload, exampleContract, examplePayloads } from "../example-contract.js";
import { arktypeExample, valibotExample } from "../library-contracts.js";
import { serve } from "../rpc.js";
import { nowNs } from "../stats.js";

type Run = () => unknown;
let sink = 0;

const namespace = exampleContract.namespaces["/chat"];
const definitions = { clientToServer: namespace.clientToServer, serverToClient: namespace.serverToClient };

function schemasOf(payload: ExamplePayload): z.ZodType[] {
  return (
    definitions[payload.direction][payload.event as keyof (typeof definitions)[typeof payload.direction]] as {
      args: z.ZodType[];
    }
  ).args;
}

function catalogs(): Record<ExamplePayload["direction"], EventCatalog> {
  return {
    clientToServer: compileEvents(definitions.clientToServer),
    serverToClient: compileEvents(definitions.serverToClient),
  };
}

function receiveRun(catalog: EventCatalog, payload: ExamplePayload): Run {
  const event = catalog.get(payload.event) as CompiledEvent;
  return () => parseArgs(event, payload.args).ok;
}

function sendRun(catalog: EventCatalog, payload: ExamplePayload): Run {
  return () => {
    try {
      return checkOutgoing(catalog, payload.event, payload.args as unknown[], "/chat");
    } catch (error) {
      return error;
    }
  };
}

/** What scenario 6c calls on a schema of any library (Standard Schema v1). */
type StandardSchema = { "~standard": { validate(value: unknown): unknown } };

/** Each argument through its schema's `~standard.validate` alone: what the library costs without the runtime. */
function standardRun(schemas: readonly StandardSchema[], payload: ExamplePayload): Run {
  return () => {
    let ok = true;
    for (let i = 0; i < schemas.length; i++) {
      const result = schemas[i]!["~standard"].validate(payload.args[i]) as { issues?: unknown };
      ok = result.issues === undefined && ok;
    }
    return ok;
  };
}

function safeParseRun(schemas: readonly z.ZodType[], payload: ExamplePayload): Run {
  return () => {
    let ok = true;
    for (let i = 0; i < schemas.length; i++) ok = schemas[i]!.safeParse(payload.args[i]).success && ok;
    return ok;
  };
}

/** ns per call of each variant, one value per round, the variants interleaved within each round. */
function measure(variants: Record<string, Run>, iterations: number, rounds: number): Record<string, number[]> {
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const run of Object.values(variants)) for (let i = 0; i < iterations; i++) sink += run() ? 1 : 0;
  const entries = Object.entries(variants);
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another variant, so none always runs right after the same neighbour.
    for (let i = 0; i < entries.length; i++) {
      const [name, run] = entries[(i + round) % entries.length]!;
      const start = nowNs();
      for (let i = 0; i < iterations; i++) sink += run() ? 1 : 0;
      results[name]!.push((nowNs() - start) / iterations);
    }
  }
  return results;
}

function iterationsFor(payload: ExamplePayload, iterations: number): number {
  // The invalid payload builds errors: ten times fewer calls keep its share of the run reasonable.
  return payload.label.includes("invalid") ? Math.max(1, Math.round(iterations / 10)) : iterations;
}

/** Scenario 6c's contracts, one per library, with the events of the example contract but the binary upload. */
const LIBRARIES = [
  { name: "Zod", namespace: namespace },
  { name: "Valibot", namespace: valibotExample.namespaces["/chat"] },
  { name: "ArkType", namespace: arktypeExample.namespaces["/chat"] },
] as const;

serve({
  /** Per library: `~standard.validate` alone, and the runtime's receive and send paths around the same schemas. */
  perLibrary(input: { iterations: number; rounds: number }) {
    // As bindServer does: Zod's compiler, and the Standard Schema path for Valibot and ArkType.
    installCompiler(compileSchema);
    installStandardSchema();
    return LIBRARIES.flatMap((library) => {
      const events = {
        clientToServer: library.namespace.clientToServer,
        serverToClient: library.namespace.serverToClient,
      };
      const runtime = {
        clientToServer: compileEvents(events.clientToServer),
        serverToClient: compileEvents(events.serverToClient),
      };
      return examplePayloads
        .filter((payload) => payload.event !== "avatar:upload")
        .map((payload) => {
          const definition = (events[payload.direction] as Record<string, { args: readonly StandardSchema[] }>)[
            payload.event
          ]!;
          const variants: Record<string, Run> = {
            validate: standardRun(definition.args, payload),
            receive: receiveRun(runtime[payload.direction], payload),
            sendCheck: sendRun(runtime[payload.direction], payload),
          };
          return {
            label: `${library.name}: ${payload.label}`,
            library: library.name,
            valid: !payload.label.includes("invalid"),
            results: measure(variants, iterationsFor(payload, input.iterations), input.rounds),
            sink,
          };
        });
    });
  },
  /** With eval allowed: Zod's safeParse, a bare z.compile, and the runtime's receive and send paths. */
  withEval(input: { iterations: number; rounds: number }) {
    // As bindServer does: the runtime validates through Zod's compiled parsers where eval is allowed.
    installCompiler(compileSchema);
    const runtime = catalogs();
    return examplePayloads.map((payload) => {
      const schemas = schemasOf(payload);
      const compiled = schemas.map((schema) => core.compile(schema));
      const variants: Record<string, Run> = {
        safeParse: safeParseRun(schemas, payload),
        bareCompile: safeParseRun(compiled, payload),
        receive: receiveRun(runtime[payload.direction], payload),
        sendCheck: sendRun(runtime[payload.direction], payload),
      };
      return {
        label: payload.label,
        results: measure(variants, iterationsFor(payload, input.iterations), input.rounds),
        sink,
      };
    });
  },
  /** Where code generation is forbidden: safeParse, the runtime on Zod's ordinary parser, and with parsers generated ahead of time. */
  async withoutEval(input: { iterations: number; rounds: number; parsersFile: string }) {
    let evalRefused = false;
    try {
      new Function("");
    } catch {
      evalRefused = true;
    }
    if (!evalRefused) throw new Error("start this worker with --disallow-code-generation-from-strings");
    const plain = catalogs();
    const { default: parsers } = (await import(pathToFileURL(input.parsersFile).href)) as {
      default: Record<string, ParserFactory>;
    };
    registerParsers(parsers);
    const precompiled = catalogs();
    return examplePayloads.map((payload) => {
      const variants: Record<string, Run> = {
        safeParse: safeParseRun(schemasOf(payload), payload),
        receiveNoEval: receiveRun(plain[payload.direction], payload),
        receivePrecompiled: receiveRun(precompiled[payload.direction], payload),
        sendPrecompiled: sendRun(precompiled[payload.direction], payload),
      };
      return {
        label: payload.label,
        results: measure(variants, iterationsFor(payload, input.iterations), input.rounds),
        sink,
      };
    });
  },
});
