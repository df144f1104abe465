// Runs after Shopify grants access: the shop gets its settings and the default program (design §1).
import type { Db } from "../db.server";
import { log } from "../logger.server";
import { upsertShop } from "../models/shop.server";
import { requestBackfill } from "./backfill.server";
import { fetchShopSettings } from "../shopify/shop-settings.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";

export async function ensureShopInstalled(db: Db, shop: string, admin: AdminGraphqlClient): Promise<void> {
  try {
    await upsertShop(db, shop, await fetchShopSettings(admin));
  } catch (error) {
    // The install must not fail on a settings read; defaults apply and the next install refreshes them.
    log.warn("shop settings unavailable at install; using defaults", { shop, error: String(error) });
    await upsertShop(db, shop);
  }
  // The first install backfills the last 12 months of orders, for tiers and analytics (no points;
  // the merchant can run it again with points). The background job does the work.
  if (!(await db.backfill.findFirst({ where: { shop }, select: { id: true } }))) await requestBackfill(db, shop, { awardPoints: false, now: new Date() });
}
