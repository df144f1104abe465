// Members with a long ledger, for the shopper API's cost checks (tests/integration/shopper-api-reads
// and bench/redemption/loyalty-history): entries written straight into the ledger with the member's
// cached figures moved to match, as the ledger's own appends keep them.
import type { Db } from "~/db.server";
import type { SqlDatabase } from "~/db/sql.server";
import { timeOrderedId } from "~/db/time-ordered-id";
import { valuesCte } from "~/db/values-list";
import type { LedgerKind } from "~/loyalty/types";
import { countsTowardsLifetime } from "~/models/ledger.server";
import { seededRandom } from "../factories/random";

const DAY = 86_400_000;

export interface Entry {
  kind: LedgerKind;
  points: number;
  createdAt: Date;
}

/** Appends `entries` to the member's ledger and moves their balance and lifetime points to match. */
export async function appendHistory(
  db: Db,
  sql: SqlDatabase,
  shop: string,
  memberId: string,
  entries: Entry[],
): Promise<void> {
  if (!entries.length) return;
  const values = valuesCte(
    sql.dialect,
    "e",
    { id: "text", customerId: "text", kind: "text", points: "int", key: "text", at: "timestamp" },
    entries.map((entry, index) => [
      timeOrderedId(entry.createdAt.getTime()),
      memberId,
      entry.kind,
      entry.points,
      `history:${memberId}:${index}`,
      entry.createdAt,
    ]),
  );
  await sql.run(
    `WITH ${values.cte} INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", "createdAt")
     SELECT e.id, ?, e."customerId", e.kind, e.points, e.key, e.at FROM e`,
    [...values.params, shop],
  );
  const sum = (list: Entry[]) => list.reduce((total, entry) => total + entry.points, 0);
  await db.customer.update({
    where: { id: memberId },
    data: {
      balance: { increment: sum(entries) },
      lifetimeEarned: {
        increment: sum(entries.filter((entry) => countsTowardsLifetime(entry.kind, entry.points))),
      },
    },
  });
}

/**
 * Three years of a busy member, oldest first, ending at `now`: orders earning points, rewards
 * redeemed when the balance allows (some released again unused), staff corrections.
 */
export function threeYears(count: number, now: Date, seed = 23): Entry[] {
  const random = seededRandom(seed);
  const start = now.getTime() - 3 * 365 * DAY;
  const step = (3 * 365 * DAY) / count;
  const entries: Entry[] = [];
  const redeemed: number[] = [];
  let balance = 0;
  for (let index = 0; index < count; index++) {
    const createdAt = new Date(start + index * step);
    const roll = random.next();
    let entry: Entry;
    // Spends when the balance grows (most members keep a few rewards' worth, not a year of orders).
    if ((roll < 0.12 && balance >= 500) || balance >= 2000) {
      entry = { kind: "redeem", points: -500, createdAt };
      redeemed.push(500);
    } else if (roll < 0.14 && redeemed.length) {
      entry = { kind: "release", points: redeemed.pop()!, createdAt };
    } else if (roll < 0.16) {
      entry = { kind: "adjust", points: random.pick([-20, 15, 40]), createdAt };
    } else {
      entry = { kind: "earn", points: random.int(5, 120), createdAt };
    }
    balance += entry.points;
    entries.push(entry);
  }
  return entries;
}
