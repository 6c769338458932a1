// The same app validating by hand with zod/mini: what bindClient is measured against.
import { io } from "socket.io-client";
import * as z from "zod/mini";

const payload = z.object({ room: z.string().check(z.minLength(1)) });
const ack = z.object({ id: z.string() });

const socket = io("/size");
socket.emit("room:join", payload.parse({ room: "lobby" }), (answer: unknown) => console.log(ack.parse(answer).id));
