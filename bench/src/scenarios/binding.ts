import { bindClient } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { isCompiled, prepareSchema } from "@socket-contract/contract/internal";
import { bindServer } from "@socket-contract/server";
import { Server } from "socket.io";
import { io } from "socket.io-client";
import { z } from "zod";
import { type ScenarioReport, metric } from "../report.js";
import type { Settings } from "../settings.js";
import { nowNs } from "../stats.js";

const VARIANTS = [
  { key: "server", label: "bindServer", short: "server" },
  { key: "client", label: "bindClient", short: "client" },
] as const;

/** Scenario 7's payload: an object of six fields (string limits, int, array, enum, optional). */
function payload() {
  return z.object({
    id: z.string().min(1),
    title: z.string().max(200),
    count: z.number().int().nonnegative(),
    tags: z.array(z.string()).max(10),
    state: z.enum(["draft", "live", "gone"]),
    note: z.string().optional(),
  });
}

/** A contract of `events` events on one namespace, every schema a new object (nothing compiled before). */
function freshContract(events: number) {
  const clientToServer: Record<string, { args: [ReturnType<typeof payload>]; ack?: z.ZodType }> = {};
  const serverToClient: Record<string, { args: [ReturnType<typeof payload>] }> = {};
  for (let index = 0; index < events; index++) {
    if (index % 10 < 7)
      clientToServer[`item${index}:update`] = {
        args: [payload()],
        ack: z.object({ id: z.string(), version: z.number().int() }),
      };
    else serverToClient[`item${index}:changed`] = { args: [payload()] };
  }
  return defineContract({
    name: "items",
    version: "1.0.0",
    namespaces: { "/app": { clientToServer, serverToClient } },
  });
}

/**
 * Scenario 14: what binding a contract costs at start-up, and what its first use of an event then
 * costs. Schemas are compiled at their first parse, not when bound; each round binds a contract of
 * new schema objects, in this process, after a warm-up bind.
 */
export async function bindingCost(settings: Settings): Promise<ScenarioReport> {
  const { rounds } = settings.validation;
  const sizes = settings.codegen.sizes;
  const metrics = [];
  // A warm-up bind first, so module and code caches are in place.
  bindServer(freshContract(10), new Server());
  {
    for (const size of sizes) {
      const times = { server: [] as number[], client: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        const contract = freshContract(size);
        let started = nowNs();
        bindServer(contract, new Server());
        times.server.push((nowNs() - started) / 1e6);
        // The fingerprint of a hand-written contract is computed once per contract (generated code files it).
        started = nowNs();
        bindClient(contract, "/app", io("http://127.0.0.1:9/app", { autoConnect: false }));
        times.client.push((nowNs() - started) / 1e6);
      }
      metrics.push(metric(`binding a contract of ${size.toLocaleString("en-US")} events`, "ms", "lower", times));
    }
    const first = { server: [] as number[], client: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const schema = prepareSchema(payload());
      const started = nowNs();
      isCompiled(schema);
      first.server.push((nowNs() - started) / 1e3);
    }
    first.client = first.server;
    metrics.push(metric("first parse of an event's payload: its schema compiled then", "µs", "lower", first));
  }
  return {
    id: "14",
    title: "Binding a contract: start-up cost, and an event's first parse",
    variants: VARIANTS,
    metrics,
    targets: [],
    ratios: false,
    notes: [
      "schemas are compiled at their first parse: binding compiles nothing, and an event never used costs nothing",
      "bindClient's figure includes the fingerprint of a hand-written contract, computed once per contract; generated code files it",
      "each event as in scenario 7: an object payload of six fields and, client-to-server, an object ack; the first-parse row is one payload schema, the same for both columns",
    ],
    settings: { rounds, sizes },
  };
}
