// The triggers that keep Home's totals (migration program_totals, decision 052), for the A/B runs
// that measure what they cost on the crediting path (`--without-totals` in bench/webhooks).
import type { PrismaClient } from "@prisma/client";

type Kind = "sqlite" | "postgresql";

const TOTALS_TRIGGERS: Record<Kind, string[]> = {
  sqlite: [
    ...["insert", "delete", "balance", "shop"].map((event) => `Customer_programTotals_${event}`),
    ...["insert", "delete", "credited", "shop"].map((event) => `Order_programTotals_${event}`),
  ],
  postgresql: ["Customer", "Order"].flatMap((table) =>
    ["row", "update"].map((event) => `${table}_programTotals_${event}`),
  ),
};

/** Drops the totals triggers: Home's figures stop following writes in this database. */
export async function dropTotalsTriggers(db: PrismaClient, kind: Kind): Promise<void> {
  for (const trigger of TOTALS_TRIGGERS[kind])
    await db.$executeRawUnsafe(
      `DROP TRIGGER "${trigger}"${kind === "postgresql" ? ` ON "${trigger.split("_")[0]}"` : ""}`,
    );
}
