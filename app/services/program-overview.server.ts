import type { Db } from "../db.server";
import { currentProgramVersion } from "../models/program.server";

/**
 * The shop's member, points and order totals. Each reads every member or order row of the shop
 * (seconds at a million members on a loaded machine), so Home streams them in after the page.
 */
export async function programTotals(db: Db, shop: string) {
  const [members, outstanding, ordersCredited] = await Promise.all([
    db.customer.count({ where: { shop } }),
    db.customer.aggregate({ where: { shop }, _sum: { balance: true } }),
    db.order.count({ where: { shop, pointsCredited: { gt: 0 } } }),
  ]);
  return { members, pointsOutstanding: outstanding._sum.balance ?? 0, ordersCredited };
}

export async function programOverview(db: Db, shop: string) {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  const { program, version } = await currentProgramVersion(db, shop);
  const purchase = program.purchase;
  // Figures, not a sentence: the page words them in the staff member's language.
  const earning = purchase.enabled
    ? {
        points: purchase.pointsPerUnit,
        spend: purchase.spendUnit * 10 ** program.currencyExponent,
        currencyCode: shopRow.currencyCode,
        currencyExponent: program.currencyExponent,
      }
    : null;
  return {
    earning,
    tiers: program.tiers,
    programVersion: version,
    programEnabled: shopRow.programEnabled,
  };
}
