// The shop's running totals (decision 052), kept by triggers on Customer and Order: no code here
// writes them, so every path that changes a member, a balance or an order's credit keeps them exact.
import type { Db, Tx } from "../db.server";
import { databaseKind } from "../db/database-url";
import { env } from "../config/env.server";

/** The PostgreSQL triggers that write ProgramTotals; they are deferred to the commit. */
const DEFERRED_TRIGGERS = [
  "Customer_programTotals_row",
  "Customer_programTotals_update",
  "Order_programTotals_row",
  "Order_programTotals_update",
];

/** Members, the sum of their balances and the orders that credited points: ≤ 16 rows read. */
export async function readProgramTotals(db: Db | Tx, shop: string) {
  const { _sum } = await db.programTotals.aggregate({
    where: { shop },
    _sum: { members: true, pointsOutstanding: true, ordersCredited: true },
  });
  return {
    members: _sum.members ?? 0,
    pointsOutstanding: Number(_sum.pointsOutstanding ?? 0),
    ordersCredited: _sum.ordersCredited ?? 0,
  };
}

/**
 * Deletes the shop's totals, after its members and orders are gone. On PostgreSQL the deletes'
 * deferred triggers would otherwise write the shop's rows again at the commit.
 */
export async function eraseProgramTotals(tx: Db | Tx, shop: string): Promise<void> {
  if (databaseKind(env.DATABASE_URL) === "postgresql")
    await tx.$executeRawUnsafe(
      `SET CONSTRAINTS ${DEFERRED_TRIGGERS.map((name) => `"${name}"`).join(", ")} IMMEDIATE`,
    );
  await tx.programTotals.deleteMany({ where: { shop } });
}
