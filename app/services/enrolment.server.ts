// A new Shopify customer becomes a member; the signup bonus is credited once per customer.
import type { Tx } from "../db.server";
import { fixedBonus } from "../loyalty/earn";
import { upsertCustomer } from "../models/customer.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { currentProgramVersion } from "../models/program.server";
import type { CustomerIdentity } from "../shopify/webhooks/order-delivery";

export async function enrolCustomer(tx: Tx, shop: string, identity: CustomerIdentity, now: Date): Promise<{ customerId: string; bonus: number }> {
  const customer = await upsertCustomer(tx, shop, identity, now);
  const { program, id: programVersionId } = await currentProgramVersion(tx, shop);
  const bonus = fixedBonus(program.signup);
  if (bonus > 0) {
    const result = await appendLedgerEntry(
      tx,
      {
        shop,
        customerId: customer.id,
        kind: "earn",
        points: bonus,
        idempotencyKey: `customer:${identity.shopifyCustomerId}:signup`,
        reason: "signup bonus",
        snapshot: { rule: "signup", points: bonus, programVersionId },
      },
      now,
    );
    if (result.status === "applied") await markMetafieldsDirty(tx, shop, customer.id, now);
  }
  return { customerId: customer.id, bonus };
}
