import { bindClient, type ContractError } from "@socket-contract/client";
import { defineContract } from "@socket-contract/contract";
import { type BoundNamespace, bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, errorLog, startServer, until } from "../support/util.js";

// Interceptors "may observe and refuse, never change a checked value" (DESIGN, the README). Values
// nested in what they are handed (an argument's fields, an ack's array) were writable: an
// incoming interceptor could hand the handler a room the check never saw, an outgoing one could send
// a value the check refused, and an observer could change the ack its caller receives.
const Post = z.object({ room: z.string().min(1), tags: z.array(z.string()) });
const contract = defineContract({
  name: "unchanged",
  version: "1.0.0",
  namespaces: {
    "/posts": {
      clientToServer: {
        post: { args: [Post], ack: z.object({ id: z.string(), tags: z.array(z.string()) }) },
      },
      serverToClient: { notice: { args: [z.object({ text: z.string().max(5) })] } },
    },
  },
});

async function serve(intercept: (posts: BoundNamespace<typeof contract, "/posts">) => void) {
  const { io, url } = await startServer();
  const log = errorLog();
  const posts = bindServer(contract, io, { onError: log.onError }).of("/posts");
  intercept(posts);
  const handled: unknown[] = [];
  posts.on("connection", (socket) => {
    socket.on("post", (post) => {
      handled.push(post);
      return { id: "p1", tags: post.tags };
    });
  });
  const peer = bindClient(contract, "/posts", client(url, "/posts"));
  peer.onError(() => {});
  await connected(peer.socket);
  return { posts, peer, handled, errors: log.errors };
}

it("an incoming interceptor that writes into an argument is refused with HANDLER_ERROR; the handler never runs", async () => {
  const { peer, handled, errors } = await serve((posts) =>
    posts.intercept({
      incoming: (call, next) => {
        if (call.event === "post") (call.args[0] as { room: string }).room = "staff";
        return next();
      },
    }),
  );
  await expect(peer.emit("post", { room: "lobby", tags: [] })).rejects.toMatchObject({ code: "HANDLER_ERROR" });
  expect(handled).toEqual([]);
  expect(errors.map((e) => e.code)).toEqual(["HANDLER_ERROR"]);
  expect(errors[0]!.cause).toBeInstanceOf(TypeError);
});

it("an incoming interceptor that pushes into a nested array changes nothing the handler gets", async () => {
  const { peer, handled } = await serve((posts) =>
    posts.intercept({
      incoming: (call, next) => {
        try {
          (call.args[0] as { tags: string[] }).tags.push("forged");
        } catch {
          // refused: the value stays as checked
        }
        return next();
      },
    }),
  );
  expect(await peer.emit("post", { room: "lobby", tags: ["a"] })).toEqual({ id: "p1", tags: ["a"] });
  expect(handled).toEqual([{ room: "lobby", tags: ["a"] }]);
});

it("an interceptor reads checked values as plain data: fields, arrays, spread, JSON", async () => {
  const seen: string[] = [];
  const { peer, handled } = await serve((posts) =>
    posts.intercept({
      incoming: (call, next) => {
        const [post] = call.args as unknown as [{ room: string; tags: string[] }];
        seen.push(post.room, String(Array.isArray(post.tags)), post.tags.join("+"), JSON.stringify(call.args));
        seen.push(JSON.stringify({ ...post }), Object.keys(post).join(","), String(post.tags.map((tag) => tag.length)));
        return next();
      },
    }),
  );
  expect(await peer.emit("post", { room: "lobby", tags: ["a", "bc"] })).toEqual({ id: "p1", tags: ["a", "bc"] });
  expect(seen).toEqual([
    "lobby",
    "true",
    "a+bc",
    '[{"room":"lobby","tags":["a","bc"]}]',
    '{"room":"lobby","tags":["a","bc"]}',
    "room,tags",
    "1,2",
  ]);
  expect(handled).toEqual([{ room: "lobby", tags: ["a", "bc"] }]);
});

it("a server's outgoing interceptor that writes into a checked ack refuses it: the sender gets HANDLER_ERROR, not the forged value", async () => {
  const { peer, errors } = await serve((posts) =>
    posts.intercept({
      outgoing: (packet) => {
        if (packet.kind === "ack") (packet.value as { tags: string[] }).tags.push("forged");
      },
    }),
  );
  await expect(peer.emit("post", { room: "lobby", tags: [] })).rejects.toMatchObject({ code: "HANDLER_ERROR" });
  expect(errors.map((e) => e.code)).toEqual(["HANDLER_ERROR"]);
});

it("a server's outgoing interceptor cannot turn a checked broadcast invalid: the emit throws and no client receives it", async () => {
  const { posts, peer } = await serve((posts) =>
    posts.intercept({
      outgoing: (packet) => {
        if (packet.kind === "broadcast") (packet.args[0] as { text: string }).text = "far too long";
      },
    }),
  );
  const notices: unknown[] = [];
  peer.on("notice", (notice) => void notices.push(notice));
  let thrown: unknown;
  try {
    posts.emit("notice", { text: "hi" });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code: "HANDLER_ERROR" });
  posts.intercept({ outgoing: () => {} });
  await peer.emit("post", { room: "after", tags: [] }); // a round trip after the refused broadcast
  expect(notices).toEqual([]);
});

it("a client's outgoing interceptor cannot send what its check refused; an observer cannot change the ack its caller gets", async () => {
  const { io, url } = await startServer();
  const posts = bindServer(contract, io).of("/posts");
  const received: unknown[] = [];
  posts.on("connection", (socket) => {
    socket.on("post", (post) => {
      received.push(post);
      return { id: "p1", tags: ["real"] };
    });
  });
  const reports: ContractError[] = [];
  const peer = bindClient(contract, "/posts", client(url, "/posts"), {
    interceptors: [
      {
        outgoing: (packet) => {
          if (packet.kind === "emit" && (packet.args[0] as { room: string }).room === "forge") {
            (packet.args[0] as { room: string }).room = "";
          }
          return (outcome) => {
            if (outcome.ok) (outcome.value as { tags: string[] }).tags[0] = "forged";
          };
        },
      },
    ],
  });
  peer.onError((error) => reports.push(error));
  await connected(peer.socket);
  await expect(peer.emit("post", { room: "forge", tags: [] })).rejects.toMatchObject({ code: "HANDLER_ERROR" });
  expect(await peer.emit("post", { room: "lobby", tags: [] })).toEqual({ id: "p1", tags: ["real"] });
  expect(received).toEqual([{ room: "lobby", tags: [] }]);
  // onError hears of both: the refused write before sending, the observer's write after the ack.
  await until(() => reports.length === 2);
  expect(reports.map((e) => e.code)).toEqual(["HANDLER_ERROR", "HANDLER_ERROR"]);
  expect(reports.map((e) => e.cause instanceof TypeError)).toEqual([true, true]);
});
