import { defineContract } from "@socket-contract/contract";
import { bindClient, ContractError } from "@socket-contract/client";
import { bindServer } from "@socket-contract/server";
import { expect, it } from "vitest";
import { z } from "zod";
import { client, connected, startServer, until } from "../support/util.js";

const contract = defineContract({
  name: "forbidden",
  version: "1.0.0",
  namespaces: {
    "/admin": {
      clientToServer: {
        "user:ban": { args: [z.string()], ack: z.boolean() },
        "user:note": { args: [z.string()] },
      },
    },
  },
});

it("FORBIDDEN, thrown for an event this socket may not send, reaches the sender as that code without data", async () => {
  const { io, url } = await startServer();
  const refused: string[] = [];
  bindServer(contract, io, { onError: (error) => refused.push(`${error.code}:${error.event}`) })
    .of("/admin")
    .on("connection", (socket) => {
      socket.on("user:ban", () => {
        throw new ContractError("FORBIDDEN");
      });
      socket.on("user:note", () => {
        throw new ContractError("FORBIDDEN", { message: "Only moderators take notes." });
      });
    });
  const admin = bindClient(contract, "/admin", client(url, "/admin"));
  const reports: ContractError[] = [];
  admin.onError((error) => reports.push(error));
  await connected(admin.socket);
  await expect(admin.emit("user:ban", "bob")).rejects.toMatchObject({
    code: "FORBIDDEN",
    message: "This connection may not send this event.",
    data: undefined,
  });
  admin.emit("user:note", "bob");
  await until(() => reports.length === 1);
  expect(reports[0]).toMatchObject({ code: "FORBIDDEN", event: "user:note", message: "Only moderators take notes." });
  expect(refused).toEqual(["FORBIDDEN:user:ban", "FORBIDDEN:user:note"]);
});
