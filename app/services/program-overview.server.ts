import type { Db } from "../db.server";
import { currentProgramVersion } from "../models/program.server";
import { readProgramTotals } from "../models/program-totals.server";

/**
 * The shop's member, points and order totals, read from the trigger-kept ProgramTotals rows
 * (decision 052): the same figures as counting the shop's members and orders, at any size.
 */
export function programTotals(db: Db, shop: string) {
  return readProgramTotals(db, shop);
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
