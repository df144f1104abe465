// Page pipelining for the periodic jobs (docs/decisions/019): pages are read one after another by
// keyset, and each page's work (a transaction) runs while the next page is read, with at most
// `concurrency` pages' work in flight. Memory holds at most concurrency + 1 pages, whatever the
// shop's size. On PostgreSQL two pages' transactions run on two connections, so the server's writes
// of one page overlap the other's (and the reading); on SQLite (one connection, one writer) the
// pages run one at a time.
import type { DatabaseKind } from "../db/database-url";

export const PAGES_IN_FLIGHT: Record<DatabaseKind, number> = { sqlite: 1, postgresql: 2 };

/** Runs `work` on every page `next` returns until it returns null; rethrows the first failure. */
export async function forEachPage<P>(
  next: () => Promise<P | null>,
  work: (page: P) => Promise<void>,
  concurrency: number,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  try {
    while (!failure) {
      const page = await next();
      if (page === null) break;
      const task: Promise<void> = work(page)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(task));
      running.add(task);
      while (running.size >= Math.max(1, concurrency)) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
  }
  if (failure) throw (failure as { error: unknown }).error;
}
