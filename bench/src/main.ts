// `npm run bench`: every scenario of the performance issue, plain Socket.IO and socket-contract
// alternating in the same run, printed as Markdown tables and saved as JSON.
//   --quick          one short round of each scenario (a smoke run, about a minute)
//   --only 1,3,6     run only these scenarios (7 runs 7a-7c; 7b alone runs only the type-check)
//   --out <file>     where to save the JSON (default bench/results/latest.json; quick runs: bench/results/quick.json)
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ScenarioReport, renderScenario } from "./report.js";
import { type Worker, startWorker } from "./rpc.js";
import { bindingCost } from "./scenarios/binding.js";
import { roomBroadcast } from "./scenarios/broadcast.js";
import { codeGeneration } from "./scenarios/codegen.js";
import { typeCheck } from "./scenarios/codegen-typecheck.js";
import { INTERCEPTORS_ID, interceptorOverhead } from "./scenarios/interceptors.js";
import { heapPerSocket, heapPerTenant } from "./scenarios/memory.js";
import { slowReaderHeap, streamRows, streamUpload } from "./scenarios/streams.js";
import { validationAlone } from "./scenarios/validation.js";
import { ackedEvents, ackedPerLibrary, acklessEvents, binaryUploads } from "./scenarios/throughput.js";
import { FULL, QUICK, type Settings } from "./settings.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" }, out: { type: "string" } },
});
const settings: Settings = values.quick ? QUICK : FULL;
const only = values.only === undefined ? undefined : new Set(values.only.split(",").map((s) => s.trim()));
const wanted = (id: string): boolean => only === undefined || only.has(id);
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(values.out ?? resolve(here, "..", "results", values.quick ? "quick.json" : "latest.json"));

const reports: ScenarioReport[] = [];
const started = Date.now();

function publish(report: ScenarioReport): void {
  reports.push(report);
  console.log(`\n${renderScenario(report)}`);
}

async function withWorkers<T>(workers: Worker[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

console.log(
  `socket-contract benchmarks (${settings.quick ? "quick smoke run" : "full run"}), Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), load average ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(
  "Ratios are relative performance: 1.00x or more means as fast as the reference or faster (for latencies, the inverse ratio).",
);

if (wanted("1") || wanted("1b") || wanted("2") || wanted("4") || wanted("8")) {
  const server = startWorker("server");
  const clients = Array.from({ length: settings.throughput.acklessClients }, () => startWorker("load-client"));
  await withWorkers([server, ...clients], async () => {
    const { url } = await server.call<{ url: string }>("listen");
    await Promise.all(clients.map((client) => client.call("connect", { url })));
    if (wanted("1") || wanted("8")) publish(await ackedEvents(server, clients[0]!, settings));
    if (wanted("1") || wanted("1b")) publish(await ackedPerLibrary(server, clients[0]!, settings));
    if (wanted("2") || wanted("8")) publish(await acklessEvents(server, clients, settings));
    if (wanted("4")) publish(await binaryUploads(server, clients[0]!, settings));
  });
}

if (wanted("3")) {
  const server = startWorker("server");
  await withWorkers([server], async () => publish(await roomBroadcast(server, settings)));
}

if (wanted("5")) publish(await heapPerSocket(settings));

if (wanted("12")) publish(await heapPerTenant(settings));

if (wanted("9") || wanted("10")) {
  const server = startWorker("stream-server");
  const client = startWorker("stream-client");
  await withWorkers([server, client], async () => {
    const { url } = await server.call<{ url: string }>("listen");
    await client.call("connect", { url });
    if (wanted("9")) publish(await streamRows(server, client, settings));
    if (wanted("10")) publish(await streamUpload(server, client, settings));
  });
}

if (wanted("11")) publish(await slowReaderHeap(settings));

if (wanted(INTERCEPTORS_ID)) publish(await interceptorOverhead(settings));

if (wanted("6")) for (const report of await validationAlone(settings, resolve(here, "..", ".work"))) publish(report);

if (wanted("14")) publish(await bindingCost(settings));

if (wanted("7"))
  for (const report of await codeGeneration(settings, resolve(here, "..", ".work", "codegen"))) publish(report);
// 7b alone: the type-check of the generated types against inference, without timing the generator.
else if (wanted("7b"))
  publish(
    typeCheck(resolve(here, "..", ".work", "codegen"), settings.codegen.typecheckEvents, settings.codegen.rounds),
  );

const result = {
  date: new Date().toISOString(),
  quick: settings.quick,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtEnd: os.loadavg(),
  },
  settings,
  scenarios: reports,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nDone in ${result.durationSeconds} s. JSON: ${out}`);
