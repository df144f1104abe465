// The shop as the webhook path needs it. A shop whose install hook has not run yet (a webhook can
// beat it) is created with the default program, in the currency its orders are in.
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { shopContext, type ShopContext } from "../models/program.server";
import { upsertShop } from "../models/shop.server";

export async function ensureShopContext(
  db: Db,
  sql: Sql,
  shop: string,
  currencyCode = "USD",
  // Already read (the webhook path reads it with the delivery's duplicate check); null: not installed.
  read?: ShopContext | null,
): Promise<ShopContext> {
  const known = read === undefined ? await shopContext(sql, shop) : read;
  if (known) return known;
  await upsertShop(db, shop, undefined, currencyCode);
  const created = await shopContext(sql, shop);
  if (!created) throw new Error(`shop ${shop} could not be created`);
  return created;
}
