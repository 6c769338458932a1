/** What a command may touch besides the file system: its output streams and the exit code. */
export interface CliContext {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the user asks a long-running command (watch) to stop. */
  readonly stopped: Promise<void>;
  exitCode: number;
}

/** Exit codes: 0 done, 1 stale output found by `--check`, 2 a mistake the user can fix. */
export const EXIT = { ok: 0, stale: 1, usage: 2, internal: 3 } as const;
