// A thin SQL port for the ledger's hot path (webhooks → ledger, redemptions). Prisma costs ~0.6 ms
// per query here, which caps a 15-statement delivery near 60/s; the same statements through the
// driver cost ~0.02 ms each (docs/decisions/006). Statements are written once, with `?` placeholders
// and syntax both databases accept (ON CONFLICT, RETURNING); values are encoded per dialect here.
import type { DatabaseKind } from "./database-url";

export type Row = Record<string, unknown>;

const planStableTexts = new Set<string>();

/**
 * Marks a plan-stable statement (docs/decisions/060): it reads no table (INSERT … VALUES), or it
 * reads each table by equality on all columns of a primary or unique key, and no other index of
 * that table starts with a column it filters on unless that index is also a fully matched unique
 * key. PostgreSQL's generic plan is then the one it would choose for any parameters and any table
 * size, empty tables included. On PostgreSQL such statements are named prepared statements, parsed
 * and planned once per connection; every other statement is parsed and planned on each run. A
 * lookup by (shop, some key) on a table with other (shop, …) indexes is not stable: on a table
 * without statistics the planner may take another (shop, …) index and keep that plan. Returns
 * `text` unchanged.
 */
export function planStable(text: string): string {
  planStableTexts.add(text);
  return text;
}

export const isPlanStable = (text: string): boolean => planStableTexts.has(text);

export interface Sql {
  readonly dialect: DatabaseKind;
  rows<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /**
   * A write whose result the caller does not need. In a PostgreSQL transaction it is sent at once
   * and not waited for: it travels with the next statement that is (docs/decisions/044), and its
   * failure fails that statement or the COMMIT, so the whole transaction rolls back. On SQLite it
   * runs at once. Outside a transaction on PostgreSQL it is refused: nothing would report a failure.
   */
  enqueue(text: string, params?: readonly unknown[]): void;
}

/**
 * What the port has sent since it opened. A round trip is a wait for the server with nothing else
 * in flight (PostgreSQL); SQLite, in the process, has none.
 */
export interface SqlTraffic {
  roundTrips: number;
  statements: number;
}

export interface SqlDatabase extends Sql {
  traffic(): SqlTraffic;
  /** Runs `work` in one transaction that takes the write lock up front; retried on lock conflicts. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work`'s reads on one connection, outside a transaction: on PostgreSQL the statements it
   * issues together (Promise.all) are written at once and share one round trip (the pipeline of
   * docs/decisions/044); SQLite runs them in the process. Each statement sees the data as of its own
   * start, as separate reads would. `enqueue` is refused: no transaction would report a failure.
   */
  readTogether<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other holder of `name` is running it: a session advisory lock on
   * PostgreSQL (across every instance), an in-process lock on SQLite (one instance by design).
   * Resolves to `{ acquired: false }` at once when the lock is taken.
   */
  withTryLock<T>(
    name: string,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }>;
  /**
   * Runs `work` with this process's page cache held to at most `mib` MiB: SQLite's cache is in the
   * process (its RSS), so a job that streams through far more pages than it reuses can bound it.
   * Calls may overlap: the configured size is back once the last ends. PostgreSQL's buffers are the
   * server's: `work` runs as is.
   */
  withPageCacheAtMost<T>(mib: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Decoding of what drivers return, so callers read the same types from either database.
export const decode = {
  bool: (value: unknown): boolean =>
    value === true || value === 1 || value === 1n || value === "1" || value === "t",
  int: (value: unknown): number => (value === null || value === undefined ? 0 : Number(value)),
  date: (value: unknown): Date => (value instanceof Date ? value : new Date(String(value))),
  optionalDate: (value: unknown): Date | null =>
    value === null || value === undefined ? null : decode.date(value),
  json: <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T,
};
