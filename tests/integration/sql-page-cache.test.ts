// SqlDatabase.withPageCacheAtMost (decision 063): an import holds SQLite's page cache — memory of the
// app's own process — to a few MiB while it runs, and the configured size is back when the last
// caller ends, even when calls overlap or fail. PostgreSQL's buffers are the server's: no change.
import { expect, it } from "vitest";
import { getSql } from "~/db.server";

const cacheKib = async () => {
  const sql = getSql();
  if (sql.dialect !== "sqlite") return null;
  const [row] = await sql.rows<{ cache_size: number }>("PRAGMA cache_size");
  // Negative: a size in KiB (positive would be pages).
  return -Number(row.cache_size);
};

it("holds the page cache to the smallest size asked while callers run, then restores it", async () => {
  const sql = getSql();
  const configured = await cacheKib();
  let releaseFirst!: () => void;
  const first = sql.withPageCacheAtMost(
    8,
    () => new Promise<void>((resolve) => (releaseFirst = resolve)),
  );
  expect(await cacheKib()).toBe(configured === null ? null : Math.min(configured, 8 * 1024));
  // An overlapping caller that fails: the first caller's cap stays until it ends.
  await expect(
    sql.withPageCacheAtMost(4, async () => {
      expect(await cacheKib()).toBe(configured === null ? null : Math.min(configured, 4 * 1024));
      throw new Error("the import failed");
    }),
  ).rejects.toThrow("the import failed");
  expect(await cacheKib()).toBe(configured === null ? null : Math.min(configured, 8 * 1024));
  releaseFirst();
  await first;
  expect(await cacheKib()).toBe(configured);
  expect(await sql.withPageCacheAtMost(8, async () => "its result")).toBe("its result");
});
