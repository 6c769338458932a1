import { bindClient, connectErrorOf, type ContractIdentity, isContractMismatch } from "@socket-contract/client";
import { contractFingerprint, defineContract } from "@socket-contract/contract";
import { bindServer, type ContractError, type VersionPolicy } from "@socket-contract/server";
import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, next, startServer, until } from "../support/util.js";

/** Two releases of one contract: 2.0.0 added a required field to what clients send. */
function release(version: string, text: z.ZodType<string> = z.string()) {
  return defineContract({
    name: "chat",
    version,
    namespaces: {
      "/chat": {
        auth: z.strictObject({ token: z.string() }),
        clientToServer: { "message:send": { args: [z.object({ text })], ack: z.object({ id: z.string() }) } },
      },
    },
  });
}
const v1 = release("1.0.0");
const v2 = release("2.0.0", z.string().min(1));
const identity = (contract: typeof v1): ContractIdentity => ({
  name: contract.name,
  version: contract.version,
  fingerprint: contractFingerprint(contract),
});

async function serve(contract: typeof v1, versionPolicy?: VersionPolicy) {
  const { io, url } = await startServer();
  const log = errorLog();
  const errors: ContractError[] = [];
  const server = bindServer(contract, io, {
    versionPolicy,
    onError: (error, context) => (errors.push(error), log.onError(error, context)),
  });
  const admitted: unknown[] = [];
  server.of("/chat").use((socket) => void admitted.push(socket.auth));
  server.of("/chat").on("connection", (socket) => {
    socket.on("message:send", ({ text }) => ({ id: text }));
  });
  return { url, io, log, errors, admitted };
}

function outcome(
  socket: ClientSocket,
): Promise<{ connected: true } | { connected: false; error: Error & { data?: unknown } }> {
  return connected(socket).then(
    () => ({ connected: true }) as const,
    (error: Error) => ({ connected: false, error }) as const,
  );
}

describe("version handshake", () => {
  it("sends the contract's identity in the handshake, which the server takes out before checking auth", async () => {
    const { url, io, admitted, log } = await serve(v1, "reject");
    const raw: unknown[] = [];
    io.of("/chat").use((socket, next) => (raw.push(socket.handshake.auth), next()));
    const chat = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    await connected(chat.socket);
    expect(raw).toEqual([{ token: "ann", "~contract": identity(v1) }]);
    // auth is a strict object: the identity did not reach it, and did not reach the middleware either.
    expect(admitted).toEqual([{ token: "ann" }]);
    expect(await chat.emit("message:send", { text: "hi" })).toEqual({ id: "hi" });
    expect(log.errors).toEqual([]);
  });

  it("refuses a client on another version under 'reject', with both identities as typed data", async () => {
    const { url, log } = await serve(v2, "reject");
    const chat = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    const told: ContractError[] = [];
    chat.onError((error) => told.push(error));
    const result = await outcome(chat.socket);
    expect(result.connected).toBe(false);
    const wire = (result as { error: Error & { data?: unknown } }).error;
    expect(wire.data).toEqual({
      code: "CONTRACT_MISMATCH",
      message: "The server speaks chat 2.0.0 and refused a client built for chat 1.0.0.",
      data: { client: identity(v1), server: identity(v2) },
    });
    const refused = connectErrorOf(wire);
    expect(isContractMismatch(refused)).toBe(true);
    if (!isContractMismatch(refused)) return;
    expect(refused.data.server.version).toBe("2.0.0");
    expect(refused.data.client?.version).toBe("1.0.0");
    // The bound client's onError hears of it too, so an app can ask its user to reload in one place.
    await until(() => told.length === 1);
    expect(isContractMismatch(told[0])).toBe(true);
    expect(told[0]!.message).toBe(refused.message);
    expect(log.errors).toEqual([expect.objectContaining({ code: "CONTRACT_MISMATCH", namespace: "/chat" })]);
    // Refused by middleware, socket.io-client does not retry on its own.
    expect(chat.socket.active).toBe(false);
  });

  it("isContractMismatch reads the raw error a socket's connect_error listener receives", async () => {
    const { url } = await serve(v2, "reject");
    const chat = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    chat.onError(() => {});
    const seen: boolean[] = [];
    const versions: string[] = [];
    chat.socket.on("connect_error", (error) => {
      seen.push(isContractMismatch(error));
      if (isContractMismatch(error)) versions.push(error.data.data.server.version);
    });
    expect((await outcome(chat.socket)).connected).toBe(false);
    expect(seen).toEqual([true]);
    expect(versions).toEqual(["2.0.0"]);
    // Another refusal, or a network failure, is not a mismatch.
    expect(isContractMismatch(Object.assign(new Error("x"), { data: { code: "UNAUTHORIZED", message: "x" } }))).toBe(
      false,
    );
    expect(isContractMismatch(new Error("xhr poll error"))).toBe(false);
    expect(
      isContractMismatch(Object.assign(new Error("x"), { data: { code: "CONTRACT_MISMATCH", message: "x", data: 1 } })),
    ).toBe(false);
  });

  it("says when a refused client has the server's version label but another wire shape", async () => {
    const reshaped = release("2.0.0");
    const { url } = await serve(v2, "reject");
    const chat = bindClient(reshaped, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    const result = await outcome(chat.socket);
    expect(result.connected).toBe(false);
    expect(connectErrorOf((result as { error: Error }).error)?.message).toBe(
      "The server speaks chat 2.0.0 and refused a client built for another wire shape of chat 2.0.0.",
    );
  });

  it("admits a client on another version by default and tells onError, with both versions", async () => {
    const { url, errors } = await serve(v2);
    const chat = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "ann" } }));
    await connected(chat.socket);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: "CONTRACT_MISMATCH",
      message: "The server speaks chat 2.0.0 and accepted a client built for chat 1.0.0.",
    });
    expect(errors[0]!.data).toEqual({ client: identity(v1), server: identity(v2) });
  });

  it("lets a function decide, given both identities; a throwing policy refuses with HANDLER_ERROR", async () => {
    const seen: unknown[] = [];
    const sameMajor: VersionPolicy = async (clientIdentity, server) => {
      seen.push([clientIdentity?.version, server.version]);
      return clientIdentity?.version.split(".")[0] === server.version.split(".")[0];
    };
    const { url } = await serve(v2, sameMajor);
    expect((await outcome(client(url, "/chat", { auth: { token: "a" } }))).connected).toBe(false);
    expect(
      (await outcome(bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "a" } })).socket)).connected,
    ).toBe(false);
    const v2minor = release("2.1.0", z.string().min(1).max(10));
    expect(
      (await outcome(bindClient(v2minor, "/chat", client(url, "/chat", { auth: { token: "a" } })).socket)).connected,
    ).toBe(true);
    expect(seen).toEqual([
      [undefined, "2.0.0"],
      ["1.0.0", "2.0.0"],
      ["2.1.0", "2.0.0"],
    ]);

    const broken = await serve(v2, () => {
      throw new Error("policy bug");
    });
    const result = await outcome(bindClient(v1, "/chat", client(broken.url, "/chat", { auth: { token: "a" } })).socket);
    expect(result.connected ? undefined : result.error.data).toEqual({
      code: "HANDLER_ERROR",
      message: "The handler failed.",
    });
    expect(broken.log.errors.map((e) => e.code)).toEqual(["HANDLER_ERROR"]);
  });

  it("treats a plain Socket.IO client as unknown: admitted silently by default, refused under 'reject'", async () => {
    const gentle = await serve(v1);
    expect((await outcome(client(gentle.url, "/chat", { auth: { token: "a" } }))).connected).toBe(true);
    expect(gentle.errors).toEqual([]);

    const strict = await serve(v1, "reject");
    const result = await outcome(client(strict.url, "/chat", { auth: { token: "a" } }));
    const refused = connectErrorOf(result.connected ? undefined : result.error);
    expect(isContractMismatch(refused) && refused.data).toEqual({ client: undefined, server: identity(v1) });
    expect(refused?.message).toBe(
      "The server speaks chat 1.0.0 and refused a client that did not say which contract it was built from.",
    );
  });

  it("compares shapes, not labels: a new version number with the same shape is the same contract", async () => {
    const { url, errors } = await serve(release("1.0.1"), "reject");
    const chat = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "a" } }));
    expect((await outcome(chat.socket)).connected).toBe(true);
    expect(errors).toEqual([]);
  });

  it("keeps the identity when the app reassigns or mutates auth, or gives it as a function, across reconnections", async () => {
    const { url, io } = await serve(v1, "reject");
    const raw: unknown[] = [];
    io.of("/chat").use((socket, next) => (raw.push(socket.handshake.auth), next()));

    const mutated = bindClient(v1, "/chat", client(url, "/chat", { auth: { token: "first" } }));
    await connected(mutated.socket);
    (mutated.socket.auth as { token: string }).token = "mutated";
    mutated.socket.disconnect().connect();
    await next(mutated.socket, "connect");
    mutated.socket.auth = { token: "reassigned" };
    mutated.socket.disconnect().connect();
    await next(mutated.socket, "connect");
    expect(mutated.socket.auth).toEqual({ token: "reassigned", "~contract": identity(v1) });

    const fromFunction = bindClient(
      v1,
      "/chat",
      client(url, "/chat", { auth: (callback) => callback({ token: "fn" }) }),
    );
    await connected(fromFunction.socket);
    const frozen = bindClient(v1, "/chat", client(url, "/chat", { auth: Object.freeze({ token: "frozen" }) }));
    await connected(frozen.socket);

    const tokens = raw.map((auth) => (auth as { token: string }).token);
    expect(tokens).toEqual(["first", "mutated", "reassigned", "fn", "frozen"]);
    for (const auth of raw) expect((auth as Record<string, unknown>)["~contract"]).toEqual(identity(v1));
  });
});
