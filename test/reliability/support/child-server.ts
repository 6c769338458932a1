import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { onCleanup } from "../../support/util.js";

const SCRIPT = fileURLToPath(new URL("./reliability-server.ts", import.meta.url));

export interface ChildServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Sends a message and resolves with the first answer of `type`. */
  ask<T = any>(message: object, type: string, ms?: number): Promise<T>;
  /** kill -9: no clean-up, no goodbye to the clients. */
  kill(): Promise<void>;
}

/**
 * Starts `reliability-server.ts` (or another server script of this folder) in a child process, on
 * `port` (0 for any), and waits until it listens.
 */
export async function startChildServer(
  options: { port?: number; log?: string; script?: string; env?: Record<string, string> } = {},
): Promise<ChildServer> {
  const script = options.script === undefined ? SCRIPT : fileURLToPath(new URL(`./${options.script}`, import.meta.url));
  const child = fork(script, [], {
    execArgv: ["--conditions=@socket-contract/source", "--import", "tsx"],
    env: {
      ...process.env,
      ...options.env,
      PORT: String(options.port ?? 0),
      ...(options.log === undefined ? {} : { LOG: options.log }),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  const ask = <T>(message: object, type: string, ms = 60_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child server did not answer ${type} in ${ms} ms`)), ms);
      const listener = (answer: { type: string }) => {
        if (answer.type !== type) return;
        clearTimeout(timer);
        child.off("message", listener);
        resolve(answer as T);
      };
      child.on("message", listener);
      if (Object.keys(message).length > 0) child.send(message);
    });
  const { port } = await ask<{ port: number }>({}, "listening", 30_000);
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    ask,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
