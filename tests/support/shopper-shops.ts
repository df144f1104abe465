// The setup the shopper-facing API tests share (shopper API, App Proxy): two installed shops, and in
// the first two members with orders through the real webhook path.
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { deliver } from "./webhooks";

export async function firstRewardId(shop: string): Promise<string> {
  return (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
}

export async function balanceIn(shop: string, customerId: number): Promise<number> {
  return (
    await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
    })
  ).balance;
}

/** Installs both shops; in `shop`, Alice spends 1,230.00 (1,230 points, Silver) and Bob 320.00. */
export async function installWithTwoMembers(
  shop: string,
  otherShop: string,
  alice: number,
  bob: number,
): Promise<void> {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 123000 }] }),
    { shop },
  );
  await deliver(
    "orders/paid",
    orderPayload({ id: 2, customer: { id: bob }, lines: [{ price: 32000 }] }),
    { shop },
  );
}
