// Prisma's SQLite driver adapter with write transactions that cannot fail half-way (docs/decisions/026).
// The stock adapter opens every interactive transaction with a deferred BEGIN: it reads under a
// snapshot, and when another connection (the webhook thread's) commits before its first write, the
// upgrade to a writer fails with SQLITE_BUSY_SNAPSHOT — no busy timeout helps, the snapshot is stale.
// Here every Prisma transaction takes this process's write gate and then SQLite's write lock up front
// (BEGIN IMMEDIATE, which waits out other threads with the busy timeout), and Prisma's writes outside
// a transaction take the gate too. Reads outside transactions go straight through.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolve } from "node:path";
import { sqliteFilePath } from "./database-url";
import { sqliteWriteGate, type Release } from "./sqlite-write-gate.server";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];
/** The better-sqlite3 connection the stock adapter keeps in its (public) `client` field. */
type Connection = {
  prepare(sql: string): { readonly: boolean; run(): unknown };
  readonly inTransaction: boolean;
};

export interface SqliteAdapterOptions {
  url: string;
  /** SQLite's busy timeout (ms): how long BEGIN IMMEDIATE waits for another thread's writer. */
  timeout: number;
}

export class ImmediateSqliteAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  readonly #gatePath: string;

  constructor(options: SqliteAdapterOptions) {
    this.#inner = new PrismaBetterSQLite3(options);
    this.adapterName = this.#inner.adapterName;
    this.#gatePath = resolve(sqliteFilePath(options.url));
  }

  async connect(): Promise<Adapter> {
    return immediateTransactions(await this.#inner.connect(), this.#gatePath);
  }

  async connectToShadowDb(): Promise<Adapter> {
    return this.#inner.connectToShadowDb();
  }
}

function immediateTransactions(adapter: Adapter, gatePath: string): Adapter {
  const connection = (adapter as unknown as { client: Connection }).client;
  const gate = sqliteWriteGate(gatePath);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const writes = (query: Query) => {
    try {
      return !connection.prepare(query.sql).readonly;
    } catch {
      return false; // the statement itself will report its error
    }
  };

  const startTransaction = async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      // The stock adapter's answer: SQLite transactions are serializable, nothing else exists.
      return adapter.startTransaction(isolationLevel);
    const release: Release = await gate.acquire();
    try {
      connection.prepare("BEGIN IMMEDIATE").run();
    } catch (error) {
      release();
      throw error;
    }
    const end = () => {
      release();
      return Promise.resolve();
    };
    const transaction: Transaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      queryRaw,
      async executeRaw(query) {
        try {
          return await executeRaw(query);
        } catch (error) {
          // Prisma sends COMMIT here and calls commit() only when it succeeded: a failed COMMIT
          // (disk full) must still end the transaction and free the gate.
          if (/^\s*COMMIT\b/i.test(query.sql)) {
            if (connection.inTransaction) connection.prepare("ROLLBACK").run();
            release();
          }
          throw error;
        }
      },
      commit: end,
      rollback: end,
    };
    return transaction;
  };

  return Object.assign(adapter, {
    startTransaction,
    queryRaw: (query: Query) => (writes(query) ? gate.run(() => queryRaw(query)) : queryRaw(query)),
    executeRaw: (query: Query) =>
      writes(query) ? gate.run(() => executeRaw(query)) : executeRaw(query),
  });
}
