import { startChatApp } from "./chat-app.js";

// The chat as a person runs it: `npm start` from the repository root, or `node dist/main.js` here.
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const redisUrl = process.env.REDIS_URL || undefined;

try {
  const app = await startChatApp({
    port,
    host,
    redisUrl,
    redisPrefix: process.env.REDIS_PREFIX || undefined,
    roomCapacity: optionalNumber(process.env.ROOM_CAPACITY),
    tracesExporter: process.env.OTEL_TRACES_EXPORTER,
  });
  const shown = host === "127.0.0.1" || host === "0.0.0.0" || host === "::" ? `http://localhost:${app.port}` : app.url;
  console.log(`Chat running at ${shown}${redisUrl === undefined ? "" : ` (shared through Redis at ${redisUrl})`}`);
  const stop = () => {
    console.log("Stopping the chat…");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use. Start on another one with PORT=${port + 1} npm start`);
  } else {
    console.error("The chat could not start:", error);
  }
  process.exit(1);
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === "" ? undefined : Number(value);
}
