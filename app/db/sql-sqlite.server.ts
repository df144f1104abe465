// The SQL port on SQLite: one better-sqlite3 connection per process (SQLite has one writer anyway),
// statements prepared once, transactions queued so async work never interleaves inside one.
import Database from "better-sqlite3";
import { sqliteFilePath } from "./database-url";
import type { Sql, SqlDatabase } from "./sql.server";

// The text format Prisma's SQLite adapter writes for DateTime, so both read each other's rows.
const encodeDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function encode(value: unknown): unknown {
  if (value instanceof Date) return encodeDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

const MAX_CACHED_TEXT = 4000;

// One SQLite database serves one instance; locks are shared by every connection of the process.
const heldLocks = new Set<string>();

export function openSqlite(url: string): SqlDatabase {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit survives the process being killed (the bench's SIGKILL) and the
  // file cannot corrupt; only an OS crash or power loss can undo the last commits. FULL fsyncs every
  // commit and halves webhook throughput (docs/decisions/006); SQLITE_SYNCHRONOUS=FULL restores it.
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === "FULL" ? "FULL" : "NORMAL"}`);
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
  const sql: Sql = {
    dialect: "sqlite",
    rows: async <T>(text: string, params: readonly unknown[] = []) => {
      const statement = prepare(text);
      return (statement.reader ? statement.all(...params.map(encode)) : (statement.run(...params.map(encode)), [])) as T[];
    },
    run: async (text: string, params: readonly unknown[] = []) => prepare(text).run(...params.map(encode)).changes,
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    ...sql,
    rows: (text, params) => exclusive(() => sql.rows(text, params)),
    run: (text, params) => exclusive(() => sql.run(text, params)),
    transaction: <T>(work: (tx: Sql) => Promise<T>) =>
      exclusive(async () => {
        // IMMEDIATE takes the write lock now, so the transaction cannot fail later on an upgrade.
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(sql);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      }),
    async withTryLock(name, work) {
      if (heldLocks.has(name)) return { acquired: false as const };
      heldLocks.add(name);
      try {
        return { acquired: true as const, result: await work() };
      } finally {
        heldLocks.delete(name);
      }
    },
    close: async () => {
      db.close();
    },
  };
}
