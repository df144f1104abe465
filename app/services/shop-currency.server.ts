// A change of the shop's currency in Shopify (docs/decisions/029): the shop's code and exponent, and
// the program's and rewards' money settings re-expressed in the new minor units (not converted).
import type { Db } from "../db.server";
import { currencyExponent } from "../loyalty/currency";
import { programInExponent, reexpressMinor } from "../loyalty/currency-change";
import { log } from "../logger.server";
import { currentProgramVersion, saveProgramVersion } from "../models/program.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchShopSettings } from "../shopify/shop-settings.server";

/**
 * Records a change of the shop's currency: the shop's code and exponent, a new program version whose
 * money settings keep their figures in the new minor units, and the rewards' amounts likewise.
 * No-op when the currency is the one stored. Returns whether it changed.
 */
export async function changeShopCurrency(
  db: Db,
  shop: string,
  currencyCode: string,
): Promise<boolean> {
  const exponent = currencyExponent(currencyCode);
  return db.$transaction(async (tx) => {
    const row = await tx.shop.findUnique({
      where: { shop },
      select: { currencyCode: true, currencyExponent: true },
    });
    if (!row || row.currencyCode === currencyCode) return false;
    await tx.shop.update({ where: { shop }, data: { currencyCode, currencyExponent: exponent } });
    const current = await currentProgramVersion(tx, shop);
    const from = current.program.currencyExponent;
    if (from !== exponent) {
      await saveProgramVersion(tx, shop, programInExponent(current.program, exponent), "currency");
      const money = (amount: number | null) =>
        amount === null ? null : reexpressMinor(amount, from, exponent);
      for (const reward of await tx.reward.findMany({ where: { shop } }))
        await tx.reward.update({
          where: { id: reward.id },
          data: {
            minimumSubtotal: money(reward.minimumSubtotal),
            ...(reward.kind === "fixed_amount" || reward.kind === "store_credit"
              ? { value: money(reward.value) }
              : {}),
          },
        });
    }
    log.warn("shop currency changed; program money settings re-expressed, not converted", {
      shop,
      from: row.currencyCode,
      to: currencyCode,
    });
    return true;
  });
}

/** Asks Shopify for the shop's currency and records a change. */
export async function refreshShopCurrency(
  db: Db,
  shop: string,
  admin: AdminGraphqlClient,
): Promise<boolean> {
  const settings = await fetchShopSettings(admin);
  return changeShopCurrency(db, shop, settings.currencyCode);
}
