// The same app validating by hand with classic Zod: what bindClient is measured against.
import { io } from "socket.io-client";
import { z } from "zod";

const payload = z.object({ room: z.string().min(1) });
const ack = z.object({ id: z.string() });

const socket = io("/size");
socket.emit("room:join", payload.parse({ room: "lobby" }), (answer: unknown) => console.log(ack.parse(answer).id));
