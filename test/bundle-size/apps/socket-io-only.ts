// socket.io-client alone, sending one ack-bearing event: the floor every other app stands on.
import { io } from "socket.io-client";

const socket = io("/size");
socket.emit("room:join", { room: "lobby" }, (answer: unknown) => console.log(answer));
