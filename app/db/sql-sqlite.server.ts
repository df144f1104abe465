// The SQL port on SQLite: one better-sqlite3 connection per process (SQLite has one writer anyway),
// statements prepared once, transactions queued so async work never interleaves inside one.
import Database from "better-sqlite3";
import { resolve } from "node:path";
import { sqliteFilePath } from "./database-url";
import { sqliteWriteGate } from "./sqlite-write-gate.server";
import type { Sql, SqlDatabase, SqlTraffic } from "./sql.server";
import { sqliteDate } from "./values-list";
import { localDayOf } from "../loyalty/zoned-time";

// The text format Prisma's SQLite adapter writes for DateTime, so both read each other's rows.
// Kept for the last instants encoded: a delivery binds its `now` a dozen times, and each
// toISOString costs about 2 µs.
const recentDates = new Map<number, string>();
const RECENT_DATES = 64;
function encodeDate(date: Date): string {
  const time = date.getTime();
  let text = recentDates.get(time);
  if (text === undefined) {
    text = sqliteDate(date);
    if (recentDates.size >= RECENT_DATES) recentDates.clear();
    recentDates.set(time, text);
  }
  return text;
}

function encode(value: unknown): unknown {
  if (value instanceof Date) return encodeDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Transactions committed together at most; bounds how long the first of a group waits. */
const MAX_GROUP = 32;
const MAX_CACHED_TEXT = 4000;

// One SQLite database serves one instance; locks are shared by every connection of the process.
const heldLocks = new Set<string>();

export interface SqliteDatabase extends SqlDatabase {
  /** COMMITs run so far: with group commit, fewer than the transactions committed under load. */
  commits(): number;
}

export function openSqlite(url: string): SqliteDatabase {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  // Shared with the Prisma client's connection to the same file (docs/decisions/026).
  const gate = sqliteWriteGate(resolve(sqliteFilePath(url)));
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit survives the process being killed (the bench's SIGKILL) and the
  // file cannot corrupt; only an OS crash or power loss can undo the last commits. FULL fsyncs every
  // commit and halves webhook throughput (docs/decisions/006); SQLITE_SYNCHRONOUS=FULL restores it.
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === "FULL" ? "FULL" : "NORMAL"}`);
  // A 64 MiB page cache (SQLite's default is 2 MiB) and a checkpoint every ~16 MiB of WAL (default
  // ~4 MiB): a periodic job's page transaction touches thousands of index pages, which with the
  // defaults spilled to the WAL mid-transaction and made nearly every commit a checkpoint
  // (docs/decisions/019). Both are bounded; SQLITE_CACHE_MIB overrides the cache.
  const cacheMib = Math.max(2, Number(process.env.SQLITE_CACHE_MIB ?? 64));
  const setCache = (mib: number) => db.pragma(`cache_size = -${mib * 1024}`);
  setCache(cacheMib);
  /** Callers of withPageCacheAtMost still running, with the size each asked for. */
  const cacheCaps: number[] = [];
  db.pragma("wal_autocheckpoint = 4000");
  // Statement journals in memory (docs/decisions/061). Inside a transaction SQLite copies every page
  // a writing statement touches (and every page a group commit's savepoint touches) to a statement
  // journal, which spills to a new temp file past 64 KiB: a new member's insert writes ~16 index
  // pages, so 4 deliveries in 10 created, wrote and unlinked a file, a fifth of a delivery's CPU.
  // Also keeps this connection's temporary b-trees (UNION, DISTINCT) in memory instead of spilling.
  db.pragma("temp_store = MEMORY");
  // The calendar day a stored instant falls on in a time zone (SQLite has no zones): analytics days
  // are the shop's days (docs/decisions/033). Null in, null out.
  db.function("tally_local_day", { deterministic: true }, (value: unknown, timeZone: unknown) =>
    value === null || value === undefined
      ? null
      : localDayOf(new Date(String(value)), String(timeZone)),
  );
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      // Bulk statements (a VALUES list per page) differ by row count: caching them would grow forever.
      if (text.length <= MAX_CACHED_TEXT) statements.set(text, statement);
    }
    return statement;
  };
  const traffic: SqlTraffic = { roundTrips: 0, statements: 0 };
  const sql: Sql = {
    dialect: "sqlite",
    rows: async <T>(text: string, params: readonly unknown[] = []) => {
      traffic.statements++;
      const statement = prepare(text);
      return (
        statement.reader
          ? statement.all(...params.map(encode))
          : (statement.run(...params.map(encode)), [])
      ) as T[];
    },
    run: async (text: string, params: readonly unknown[] = []) => {
      traffic.statements++;
      return prepare(text).run(...params.map(encode)).changes;
    },
    // Synchronous here: a failure throws at the call, inside the transaction's work.
    enqueue: (text: string, params: readonly unknown[] = []) => {
      traffic.statements++;
      prepare(text).run(...params.map(encode));
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  // A writer takes the process's write gate before it queues here, never while queued: a transaction
  // holding the gate (a Prisma one) may still read through this port meanwhile.
  const writes = (text: string) => {
    try {
      return !prepare(text).readonly;
    } catch {
      return false; // the statement itself reports its error
    }
  };
  const queued = <T>(text: string, work: () => Promise<T>): Promise<T> =>
    writes(text) ? gate.run(() => exclusive(work)) : exclusive(work);
  const scheduleFlush = () => setImmediate(() => void gate.run(() => exclusive(flush)));

  // Group commit: transactions that arrive while the event loop is busy (a burst of webhooks) share
  // one BEGIN … COMMIT, each in its own savepoint, so one failing rolls back only itself. A commit is
  // the costliest statement here (WAL frames, checkpoints); none resolves before its COMMIT has run.
  interface Pending {
    work: (tx: Sql) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let pending: Pending[] = [];
  let commits = 0;
  const flush = async () => {
    const batch = pending.slice(0, MAX_GROUP);
    pending = pending.slice(MAX_GROUP);
    if (pending.length) scheduleFlush();
    if (!batch.length) return;
    const grouped = batch.length > 1;
    const committed: [Pending, unknown][] = [];
    try {
      // IMMEDIATE takes the write lock now, so the transaction cannot fail later on an upgrade.
      db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const item of batch) {
      if (grouped) db.exec("SAVEPOINT grouped");
      try {
        const result = await item.work(sql);
        if (grouped) db.exec("RELEASE grouped");
        committed.push([item, result]);
      } catch (error) {
        item.reject(error);
        if (!db.inTransaction) {
          // SQLite gave up the whole transaction (disk full, I/O error): nothing of the batch is stored.
          for (const [done] of committed) done.reject(error);
          for (const rest of batch.slice(batch.indexOf(item) + 1)) rest.reject(error);
          return;
        }
        if (grouped) db.exec("ROLLBACK TO grouped; RELEASE grouped");
        else db.exec("ROLLBACK");
        if (!grouped) return;
      }
    }
    try {
      if (committed.length || grouped) db.exec("COMMIT");
      commits++;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      for (const [item] of committed) item.reject(error);
      return;
    }
    for (const [item, result] of committed) item.resolve(result);
  };

  const database: SqliteDatabase = {
    ...sql,
    rows: (text, params) => queued(text, () => sql.rows(text, params)),
    run: (text, params) => queued(text, () => sql.run(text, params)),
    enqueue() {
      throw new Error("enqueue() needs a transaction: outside one it would skip the write gate");
    },
    transaction: <T>(work: (tx: Sql) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        // The first of a group schedules the flush after the I/O callbacks already due have run.
        if (pending.length === 1) scheduleFlush();
      }),
    commits: () => commits,
    traffic: () => ({ ...traffic }),
    async withTryLock(name, work) {
      if (heldLocks.has(name)) return { acquired: false as const };
      heldLocks.add(name);
      try {
        return { acquired: true as const, result: await work() };
      } finally {
        heldLocks.delete(name);
      }
    },
    // In the process there is no round trip to share: the reads run as they come.
    readTogether: (work) => work(database),
    async withPageCacheAtMost(mib, work) {
      // Shrinking frees the pages above the new size at once (SQLite's pcache drops them).
      cacheCaps.push(mib);
      setCache(Math.min(cacheMib, ...cacheCaps));
      try {
        return await work();
      } finally {
        cacheCaps.splice(cacheCaps.indexOf(mib), 1);
        setCache(Math.min(cacheMib, ...cacheCaps));
      }
    },
    close: async () => {
      db.close();
    },
  };
  return database;
}
