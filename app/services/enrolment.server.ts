// A new Shopify customer becomes a member; the signup bonus is credited once per customer.
import type { Sql } from "../db/sql.server";
import { fixedBonus } from "../loyalty/earn";
import { upsertMember } from "../models/customer.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import type { CustomerIdentity } from "../shopify/webhooks/order-delivery";

export async function enrolCustomer(
  sql: Sql,
  shop: ShopContext,
  identity: CustomerIdentity,
  now: Date,
): Promise<{ customerId: string; bonus: number }> {
  const customer = await upsertMember(sql, shop.shop, identity, now);
  const bonus = fixedBonus((await programOfVersion(sql, shop.programVersionId)).signup);
  if (bonus > 0) {
    const result = await appendLedgerEntry(
      sql,
      {
        shop: shop.shop,
        customerId: customer.id,
        kind: "earn",
        points: bonus,
        idempotencyKey: `customer:${identity.shopifyCustomerId}:signup`,
        reason: "signup bonus",
        snapshot: { rule: "signup", points: bonus, programVersionId: shop.programVersionId },
      },
      now,
    );
    if (result.status === "applied") await markMetafieldsDirty(sql, shop.shop, customer.id, now);
  }
  return { customerId: customer.id, bonus };
}
