/** Every count and duration of a run: the full run fits in about ten minutes, `--quick` in about one. */
export interface Settings {
  readonly quick: boolean;
  readonly throughput: {
    rounds: number;
    durationMs: number;
    warmupMs: number;
    inFlight: number;
    batch: number;
    window: number;
    uploadsInFlight: number;
    acklessClients: number;
  };
  readonly broadcast: {
    rounds: number;
    perRound: number;
    processes: number;
    socketsPerProcess: number;
    smallRoomShare: number;
  };
  /** `tenants`: scenario 12's child namespaces, one socket each. */
  readonly memory: { rounds: number; connections: number; processes: number; tenants: number };
  readonly validation: { rounds: number; iterations: number };
  readonly codegen: {
    sizes: readonly number[];
    /** The largest contract again, with schemas whose type only TypeScript knows. */
    extras: { events: number; transforms: number; brands: number };
    /** The contract saved under `generate --watch`. */
    watchEvents: number;
    typecheckEvents: number;
    rounds: number;
  };
  readonly streams: { rounds: number; rows: number; uploadBytes: number; slowReaders: number };
}

export const FULL: Settings = {
  quick: false,
  throughput: {
    rounds: 5,
    durationMs: 2_000,
    warmupMs: 500,
    inFlight: 100,
    batch: 250,
    window: 4,
    uploadsInFlight: 4,
    acklessClients: 2,
  },
  broadcast: { rounds: 5, perRound: 20, processes: 4, socketsPerProcess: 250, smallRoomShare: 0.1 },
  memory: { rounds: 3, connections: 5_000, processes: 2, tenants: 1_000 },
  validation: { rounds: 7, iterations: 100_000 },
  codegen: {
    sizes: [10, 100, 1_000],
    extras: { events: 1_000, transforms: 20, brands: 10 },
    watchEvents: 100,
    typecheckEvents: 500,
    rounds: 3,
  },
  streams: { rounds: 5, rows: 50_000, uploadBytes: 50 * 2 ** 20, slowReaders: 100 },
};

export const QUICK: Settings = {
  quick: true,
  throughput: {
    rounds: 1,
    durationMs: 300,
    warmupMs: 100,
    inFlight: 100,
    batch: 250,
    window: 4,
    uploadsInFlight: 4,
    acklessClients: 2,
  },
  broadcast: { rounds: 1, perRound: 3, processes: 2, socketsPerProcess: 25, smallRoomShare: 0.2 },
  memory: { rounds: 1, connections: 200, processes: 1, tenants: 1_000 },
  validation: { rounds: 1, iterations: 2_000 },
  codegen: {
    sizes: [10],
    extras: { events: 10, transforms: 2, brands: 1 },
    watchEvents: 10,
    typecheckEvents: 20,
    rounds: 1,
  },
  streams: { rounds: 1, rows: 2_000, uploadBytes: 4 * 2 ** 20, slowReaders: 10 },
};
