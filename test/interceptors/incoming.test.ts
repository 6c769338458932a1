import { bindClient, ContractError } from "@socket-contract/client";
import type { Outcome } from "@socket-contract/contract";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { client, connected, errorLog, startServer, until } from "../support/util.js";
import { contract } from "./support.js";

async function serve(setup: (server: ReturnType<typeof bindServer<typeof contract>>) => void) {
  const { io, url } = await startServer();
  const log = errorLog();
  const server = bindServer(contract, io, { onError: log.onError });
  setup(server);
  const ops = server.of("/ops");
  ops.use((socket) => {
    socket.data = { role: "guest" };
  });
  const handled: string[] = [];
  ops.on("connection", (socket) => {
    socket.on("user:ban", (name) => {
      handled.push(`ban ${name}`);
      if (name === "eve") throw new ContractError("ALREADY_BANNED", { data: { since: 7 } });
      return { banned: name };
    });
    socket.on("user:note", (note) => void handled.push(`note ${note}`));
  });
  const peer = bindClient(contract, "/ops", client(url, "/ops"));
  await connected(peer.socket);
  return { server, peer, handled, errors: log.errors };
}

it("an incoming interceptor refuses with FORBIDDEN: the client gets exactly that code, the handler never runs", async () => {
  const { peer, handled, errors } = await serve((server) =>
    server.of("/ops").intercept({
      incoming: (call, next) => {
        if (call.event === "user:ban" && call.socket.data.role !== "admin") throw new ContractError("FORBIDDEN");
        return next();
      },
    }),
  );
  await expect(peer.emit("user:ban", "bob")).rejects.toMatchObject({
    code: "FORBIDDEN",
    event: "user:ban",
    message: "This connection may not send this event.",
  });
  // An ack-less event refused the same way reaches the sender as contract:error.
  const reports: ContractError[] = [];
  peer.onError((error) => reports.push(error));
  peer.emit("user:note", "hello");
  await until(() => handled.length === 1);
  expect(handled).toEqual(["note hello"]);
  expect(reports).toEqual([]);
  expect(errors.map((e) => `${e.code}:${e.event}`)).toEqual(["FORBIDDEN:user:ban"]);
});

it("an interceptor that throws something else is HANDLER_ERROR to the sender and the original to onError", async () => {
  const boom = new Error("the database is down: secret host db-7");
  const { peer, handled, errors } = await serve((server) =>
    server.intercept({
      incoming: () => {
        throw boom;
      },
    }),
  );
  const refused = await peer.emit("user:ban", "bob").catch((error: ContractError) => error);
  expect(refused).toMatchObject({ code: "HANDLER_ERROR" });
  expect((refused as ContractError).message).not.toContain("secret");
  expect(handled).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: "HANDLER_ERROR", event: "user:ban" });
  expect(errors[0]!.cause).toBe(boom);
});

it("interceptors run in registration order: the server's option, server.intercept, then the namespace's, outermost first", async () => {
  const { io, url } = await startServer();
  const order: string[] = [];
  const step = (name: string) => ({
    incoming: async (_call: unknown, next: () => Promise<Outcome>) => {
      order.push(`${name} in`);
      await next();
      order.push(`${name} out`);
    },
  });
  const server = bindServer(contract, io, { interceptors: [step("option")] });
  server.intercept(step("server"));
  const ops = server.of("/ops");
  ops.intercept(step("namespace"));
  ops.on("connection", (socket) => void socket.on("user:ban", (name) => (order.push("handler"), { banned: name })));
  const peer = bindClient(contract, "/ops", client(url, "/ops"));
  await connected(peer.socket);
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  await until(() => order.length === 7);
  expect(order).toEqual([
    "option in",
    "server in",
    "namespace in",
    "handler",
    "namespace out",
    "server out",
    "option out",
  ]);
});

it("an interceptor observes the outcome of each event: the ack value, or the code the sender got, and a duration", async () => {
  const outcomes: { event: string; ok: boolean; value?: unknown; code?: string; duration: number; size: number }[] = [];
  const { peer } = await serve((server) =>
    server.intercept({
      incoming: async (call, next) => {
        const outcome = await next();
        outcomes.push({
          event: call.event,
          ...(outcome.ok ? { ok: true, value: outcome.value } : { ok: false, code: outcome.error.code }),
          duration: outcome.duration,
          size: call.size(),
        });
      },
    }),
  );
  expect(await peer.emit("user:ban", "bob")).toEqual({ banned: "bob" });
  await expect(peer.emit("user:ban", "eve")).rejects.toMatchObject({ code: "ALREADY_BANNED", data: { since: 7 } });
  peer.emit("user:note", "hi");
  await until(() => outcomes.length === 3);
  expect(outcomes.map(({ duration: _, ...rest }) => rest)).toEqual([
    { event: "user:ban", ok: true, value: { banned: "bob" }, size: 7 },
    { event: "user:ban", ok: false, code: "ALREADY_BANNED", size: 7 },
    { event: "user:note", ok: true, value: undefined, size: 6 },
  ]);
  for (const outcome of outcomes) expect(outcome.duration).toBeGreaterThanOrEqual(0);
});

it("a client's interceptors see the server's events after validation, and may refuse them", async () => {
  const { io, url } = await startServer();
  const server = bindServer(contract, io);
  const sockets: Parameters<Parameters<ReturnType<typeof server.of<"/ops">>["on"]>[1]>[0][] = [];
  server.of("/ops").on("connection", (socket) => void sockets.push(socket));
  const seen: string[] = [];
  const peer = bindClient(contract, "/ops", client(url, "/ops"), {
    interceptors: [
      {
        incoming: (call, next) => {
          seen.push(`${call.side} ${call.event} ${JSON.stringify(call.args)}`);
          if (call.event === "ping") throw new ContractError("FORBIDDEN");
          return next();
        },
      },
    ],
  });
  const notices: string[] = [];
  peer.on("notice", (text) => void notices.push(text));
  peer.on("ping", () => "pong" as const);
  await connected(peer.socket);
  await until(() => sockets.length === 1);
  sockets[0]!.emit("notice", "maintenance");
  await expect(sockets[0]!.emit("ping")).rejects.toMatchObject({ code: "FORBIDDEN" });
  expect(notices).toEqual(["maintenance"]);
  expect(seen).toEqual(['client notice ["maintenance"]', "client ping []"]);
});
