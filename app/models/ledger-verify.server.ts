// Recomputes every member's cached figures from the ledger (design §2: "a verify routine").
// Aggregated in the database, a page of customers at a time, so it runs on shops of any size.
import { Prisma } from "@prisma/client";
import type { Db } from "../db.server";

export interface BalanceMismatch {
  customerId: string;
  cached: { balance: number; pending: number; lifetimeEarned: number };
  fromLedger: { balance: number; pending: number; lifetimeEarned: number };
}

// 500 ids per query, plus a few filter values: under SQLite's 999 bound parameters per statement
// (Prisma refused 1,000 ids with P2029 on a shop of 1,001 members).
const PAGE = 500;

/**
 * Pending = entries written while their availableAt was still ahead that the maturation job has
 * not yet moved into the balance (services/pending-maturation). Until the job runs, points past
 * their availableAt are still pending; that is what the cached figure says too.
 */
async function unmaturedPending(
  db: Db,
  ids: string[],
): Promise<{ customerId: string; _sum: { points: number | null } }[]> {
  const rows = await db.$queryRaw<{ customerId: string; total: unknown }[]>(Prisma.sql`
    SELECT e."customerId" AS "customerId", SUM(e.points) AS total FROM "LedgerEntry" e
    WHERE e."customerId" IN (${Prisma.join(ids)}) AND e."availableAt" IS NOT NULL AND e."availableAt" > e."createdAt"
      AND NOT EXISTS (SELECT 1 FROM "PendingMaturation" m WHERE m."entryId" = e.id)
    GROUP BY e."customerId"`);
  return rows.map((row) => ({ customerId: row.customerId, _sum: { points: Number(row.total) } }));
}

// `now` is kept for callers: pending no longer depends on the clock but on the maturation job.
export async function verifyLedger(
  db: Db,
  shop: string,
  _now: Date,
): Promise<{ customersChecked: number; mismatches: BalanceMismatch[] }> {
  const mismatches: BalanceMismatch[] = [];
  let customersChecked = 0;
  let cursor: string | undefined;
  for (;;) {
    const customers = await db.customer.findMany({
      where: { shop, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, balance: true, pending: true, lifetimeEarned: true },
    });
    if (!customers.length) break;
    cursor = customers[customers.length - 1].id;
    const ids = customers.map((customer) => customer.id);
    const [total, pending, lifetime] = await Promise.all([
      db.ledgerEntry.groupBy({
        by: ["customerId"],
        where: { customerId: { in: ids } },
        _sum: { points: true },
      }),
      unmaturedPending(db, ids),
      db.ledgerEntry.groupBy({
        by: ["customerId"],
        where: {
          customerId: { in: ids },
          OR: [
            { kind: { in: ["earn", "import", "reverse"] } },
            { kind: "adjust", points: { gt: 0 } },
          ],
        },
        _sum: { points: true },
      }),
    ]);
    const sums = (rows: { customerId: string; _sum: { points: number | null } }[]) =>
      new Map(rows.map((row) => [row.customerId, row._sum.points ?? 0]));
    const totals = sums(total),
      pendings = sums(pending),
      lifetimes = sums(lifetime);
    for (const customer of customers) {
      const fromLedger = {
        balance: (totals.get(customer.id) ?? 0) - (pendings.get(customer.id) ?? 0),
        pending: pendings.get(customer.id) ?? 0,
        lifetimeEarned: lifetimes.get(customer.id) ?? 0,
      };
      const cached = {
        balance: customer.balance,
        pending: customer.pending,
        lifetimeEarned: customer.lifetimeEarned,
      };
      if (
        cached.balance !== fromLedger.balance ||
        cached.pending !== fromLedger.pending ||
        cached.lifetimeEarned !== fromLedger.lifetimeEarned
      ) {
        mismatches.push({ customerId: customer.id, cached, fromLedger });
      }
    }
    customersChecked += customers.length;
  }
  return { customersChecked, mismatches };
}
