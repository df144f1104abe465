// One writer at a time per SQLite file in this process (docs/decisions/026). SQLite has one write lock
// per file; two connections of one thread (Prisma's and the SQL port's) that both wanted it would
// block that thread in SQLite's busy handler while the holder, on the same thread, could never finish.
// So every write transaction and every writing statement of this process takes the file's gate first
// (a FIFO of promises, nothing blocks the event loop), then SQLite's write lock with BEGIN IMMEDIATE.
// Other threads and processes (the production server's webhook thread, decision 020/023) each have
// their own gate; between them SQLite's busy timeout waits, which is safe because the holder runs on
// another thread. Reads never take the gate (WAL: readers do not block the writer, nor it them).
export type Release = () => void;

export interface WriteGate {
  /** Resolves when this caller holds the gate; call the release exactly once. */
  acquire(): Promise<Release>;
  /** Runs `work` holding the gate. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

function createGate(): WriteGate {
  let tail: Promise<void> = Promise.resolve();
  const acquire = () => {
    let release!: Release;
    const released = new Promise<void>((resolve) => {
      let done = false;
      release = () => {
        if (done) return;
        done = true;
        resolve();
      };
    });
    const turn = tail.then(() => release);
    tail = tail.then(() => released);
    return turn;
  };
  return {
    acquire,
    async run(work) {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

declare global {
  var __tallySqliteWriteGates: Map<string, WriteGate> | undefined;
}

/** The gate of one SQLite file (by its path as configured), shared by every connection of the process. */
export function sqliteWriteGate(path: string): WriteGate {
  globalThis.__tallySqliteWriteGates ??= new Map();
  let gate = globalThis.__tallySqliteWriteGates.get(path);
  if (!gate) {
    gate = createGate();
    globalThis.__tallySqliteWriteGates.set(path, gate);
  }
  return gate;
}
