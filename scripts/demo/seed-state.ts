// Whether `npm run demo` must seed the demo shop. A seed is thousands of deliveries, not one
// transaction: one stopped halfway (Ctrl-C, a crash) leaves a partial year that would be kept
// forever if "has orders" meant "seeded". A marker written after the last step says it finished;
// a shop with data and no marker is erased (as shop/redact does) and seeded again.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { databaseKind, sqliteFilePath } from "../../app/db/database-url";
import type { Db } from "../../app/db.server";
import { eraseShop } from "../../app/services/privacy.server";

/** The marker beside the SQLite file; null for PostgreSQL (the demo's default is SQLite). */
export function seedMarkerPath(databaseUrl: string): string | null {
  return databaseKind(databaseUrl) === "sqlite"
    ? `${sqliteFilePath(databaseUrl)}.demo-seeded`
    : null;
}

export type DemoSeedState = "seeded" | "empty" | "erased-partial";

/** Reads (and, after a partial seed, clears) the demo shop's state before seeding. */
export async function prepareDemoSeed(
  db: Db,
  shop: string,
  databaseUrl: string,
): Promise<DemoSeedState> {
  const marker = seedMarkerPath(databaseUrl);
  const hasData = (await db.shop.count({ where: { shop } })) > 0;
  if (!hasData) {
    if (marker) rmSync(marker, { force: true });
    return "empty";
  }
  // Without a marker to go by (PostgreSQL), orders mean a seed ran; it is kept as it is.
  if (!marker) return (await db.order.count({ where: { shop } })) > 0 ? "seeded" : "empty";
  if (existsSync(marker)) return "seeded";
  await db.$transaction((tx) => eraseShop(tx, shop), { timeout: 120_000 });
  return "erased-partial";
}

export function markDemoSeeded(databaseUrl: string): void {
  const marker = seedMarkerPath(databaseUrl);
  if (marker) writeFileSync(marker, `${new Date().toISOString()}\n`);
}
