// A shop as Tally sees it after install: the Shop row with its default program and an offline session.
import type { Db } from "../../app/db.server";
import { upsertShop, type ShopSettings } from "../../app/models/shop.server";

export async function installShop(
  db: Db,
  shop: string,
  settings: ShopSettings = { currencyCode: "USD", timeZone: "UTC" },
): Promise<void> {
  await upsertShop(db, shop, settings);
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope:
        "write_customers,read_orders,read_products,write_discounts,write_store_credit_account_transactions",
      accessToken: `shpat_test_${shop}`,
    },
    update: {},
  });
}
