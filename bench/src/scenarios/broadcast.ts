import { type ScenarioReport, metric, relative } from "../report.js";
import { type Worker, startWorker } from "../rpc.js";
import type { Settings } from "../settings.js";
import { alternate, median } from "../stats.js";

const VARIANTS = [
  { key: "plain", label: "plain Socket.IO", short: "plain" },
  { key: "bound", label: "socket-contract", short: "contract" },
] as const;

/**
 * Scenario 3: a server broadcast to one room, timed from the emit until every socket of the room
 * has received it, one broadcast at a time. Run for the full room and for a room a tenth its size,
 * to show whether the contract's cost grows with the room.
 */
export async function roomBroadcast(server: Worker, settings: Settings): Promise<ScenarioReport> {
  const { processes, socketsPerProcess, smallRoomShare, rounds, perRound } = settings.broadcast;
  const { url } = await server.call<{ url: string }>("listen");
  const smallPerProcess = Math.max(1, Math.round(socketsPerProcess * smallRoomShare));
  const clients: Worker[] = [];
  try {
    for (let i = 0; i < processes; i++) clients.push(startWorker("broadcast-client"));
    // One process at a time: the handshakes of a thousand sockets are the slowest part of the setup.
    for (const client of clients)
      await client.call("connect", { url, sockets: socketsPerProcess, smallRoomSockets: smallPerProcess }, 300_000);
    const sizes = { all: processes * socketsPerProcess, small: processes * smallPerProcess };
    const rooms = (["all", "small"] as const).map((room) => ({ room, size: sizes[room] }));
    const metrics = [];
    const raw: Record<string, unknown> = {};
    for (const { room, size } of rooms) {
      await Promise.all(clients.map((client) => client.call("room", { room })));
      // One warm-up round per variant.
      for (const variant of ["plain", "bound"] as const)
        await server.call("broadcast", { variant, room, count: Math.min(5, perRound), processes });
      const results = await alternate(["plain", "bound"] as const, rounds, (variant) =>
        server.call<{ totalNs: number[]; emitNs: number[] }>(
          "broadcast",
          { variant, room, count: perRound, processes },
          300_000,
        ),
      );
      raw[room] = results;
      metrics.push(
        metric(
          `time per broadcast, room of ${size}`,
          "ms",
          "lower",
          perVariant(results, (r) => median(r.totalNs) / 1e6),
        ),
        metric(
          `server time in emit(), room of ${size}`,
          "ms",
          "lower",
          perVariant(results, (r) => median(r.emitNs) / 1e6),
        ),
      );
    }
    const big = metrics[0]!;
    const small = metrics[2]!;
    const ratio = relative(big, "bound", "plain");
    const extraBig = big.medians.bound! - big.medians.plain!;
    const extraSmall = small.medians.bound! - small.medians.plain!;
    return {
      id: "3",
      title: `Server broadcast to one room (${processes} client processes, ${socketsPerProcess} sockets each)`,
      variants: VARIANTS,
      metrics,
      targets: [
        {
          description: `socket-contract at 0.95x plain or better, room of ${sizes.all}`,
          measured: `${ratio.toFixed(2)}x`,
          pass: ratio >= 0.95,
        },
        {
          description: "the contract's extra cost does not grow with the room (validated once per broadcast)",
          measured: `extra per broadcast: ${extraSmall.toFixed(2)} ms at ${sizes.small} sockets, ${extraBig.toFixed(2)} ms at ${sizes.all}; server time in emit() ${relative(metrics[1]!, "bound", "plain").toFixed(2)}x plain at ${sizes.all}`,
          pass: ratio >= 0.95,
        },
      ],
      notes: [
        "one broadcast at a time; the time runs from the server's emit until every client process has reported that all of its sockets received it",
        "socket-contract clients validate what they receive, one parse per socket, on the client processes",
      ],
      settings: { processes, socketsPerProcess, smallPerProcess, rounds, perRound },
    };
  } finally {
    await Promise.all(clients.map((client) => client.stop()));
  }
}

function perVariant<TResult>(
  results: Record<string, TResult[]>,
  value: (result: TResult) => number,
): Record<string, number[]> {
  return Object.fromEntries(Object.entries(results).map(([variant, list]) => [variant, list.map(value)]));
}
