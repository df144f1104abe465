import type { Db } from "../db.server";
import { currentProgramVersion } from "../models/program.server";

export async function programOverview(db: Db, shop: string) {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  const [{ program, version }, members, outstanding, ordersCredited] = await Promise.all([
    currentProgramVersion(db, shop),
    db.customer.count({ where: { shop } }),
    db.customer.aggregate({ where: { shop }, _sum: { balance: true } }),
    db.order.count({ where: { shop, pointsCredited: { gt: 0 } } }),
  ]);
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
    members,
    pointsOutstanding: outstanding._sum.balance ?? 0,
    ordersCredited,
    earning,
    tiers: program.tiers,
    programVersion: version,
    programEnabled: shopRow.programEnabled,
  };
}
