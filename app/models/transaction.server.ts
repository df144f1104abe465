// Runs a unit of work in one database transaction, retrying when a concurrent writer won a race:
// a unique-key violation (another delivery inserted the same row first), a PostgreSQL serialization
// failure or deadlock, or SQLite's busy lock. The retry re-reads everything, so it sees the winner's rows.
import type { Db, Tx } from "../db.server";

const RETRYABLE_PRISMA_CODES = new Set(["P2002", "P2034"]);
const RETRYABLE_MESSAGE = /could not serialize|deadlock detected|SQLITE_BUSY|database is locked|write conflict/i;

export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code && RETRYABLE_PRISMA_CODES.has(code)) return true;
  return RETRYABLE_MESSAGE.test(String((error as Error)?.message ?? ""));
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // Jittered back-off so two losers of the same race do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
