// Runs after Shopify grants access: the shop gets its settings and the default program (design §1).
import type { Db } from "../db.server";
import type { SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { markShopMetafieldDirty } from "../models/outbox.server";
import { upsertShop } from "../models/shop.server";
import { requestBackfill } from "./backfill.server";
import { changeShopCurrency } from "./shop-currency.server";
import { fetchShopSettings } from "../shopify/shop-settings.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";

export async function ensureShopInstalled(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  admin: AdminGraphqlClient,
  now: Date = new Date(),
): Promise<void> {
  try {
    const settings = await fetchShopSettings(admin);
    // A reinstall may find another currency: the program's money settings follow (decision 029).
    await changeShopCurrency(db, shop, settings.currencyCode);
    await upsertShop(db, shop, settings);
  } catch (error) {
    // The install must not fail on a settings read; defaults apply and the next install refreshes them.
    log.warn("shop settings unavailable at install; using defaults", {
      shop,
      error: String(error),
    });
    await upsertShop(db, shop);
  }
  // The storefront's product block reads the program's earn rate from the shop (decision 037).
  await markShopMetafieldDirty(db, shop, now);
  // The first install backfills the last 12 months of orders, for tiers and analytics (no points;
  // the merchant can run it again with points). The background job does the work.
  // Every sign-in runs this hook: only a shop that never had a backfill gets one (checked under the
  // per-shop lock, so two sign-ins at once start one); a reinstall keeps the earlier one's result.
  await requestBackfill(db, sqlDb, shop, { awardPoints: false, now, firstOnly: true });
}
