// The order path stays lean (issue #9): with engagement off, or on but with nothing crossed by the
// delivery, crediting an order runs exactly the statements it runs for a shop that never saved
// engagement settings; only a delivery that crosses a badge's condition reaches the badge table.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import type { Sql } from "~/db/sql.server";
import { shopContext } from "~/models/program.server";
import { applyOrderDelivery } from "~/services/order-points.server";
import { orderDeliveryFromPayload } from "~/shopify/webhooks/order-delivery";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { configureEngagement } from "../support/engagement";

const plain = "hot-path-plain.myshopify.com";
const badges = "hot-path-badges.myshopify.com";

/** Credits one paid order and returns the statements it ran. */
async function credit(shop: string, orderId: number, customerId: number): Promise<string[]> {
  const context = (await shopContext(getSql(), shop))!;
  const delivery = orderDeliveryFromPayload(
    orderPayload({ id: orderId, customer: { id: customerId }, lines: [{ price: 5000 }] }) as never,
  );
  delivery.paid = true;
  const statements: string[] = [];
  await getSql().transaction((tx) => {
    const counting: Sql = {
      dialect: tx.dialect,
      rows: (text, params) => (statements.push(text), tx.rows(text, params)),
      run: (text, params) => (statements.push(text), tx.run(text, params)),
      enqueue: (text, params) => (statements.push(text), tx.enqueue(text, params)),
    };
    return applyOrderDelivery(counting, context, delivery, "orders/paid", new Date());
  });
  return statements;
}

beforeEach(async () => {
  await installShop(getDb(), plain);
  await installShop(getDb(), badges);
  await configureEngagement(badges, (settings) => ({
    ...settings,
    badges: settings.badges.map((badge) => ({ ...badge, enabled: badge.id === "first-order" })),
  }));
  // Warm the per-process caches (program version, parsed settings) and give each customer a first order.
  await credit(plain, 1, 1);
  await credit(badges, 1, 1);
});

describe("engagement on the order path", () => {
  it("adds no statement to an order that crosses no badge", async () => {
    const withoutSettings = await credit(plain, 2, 1);
    const withBadgesOn = await credit(badges, 2, 1);
    expect(withBadgesOn).toEqual(withoutSettings);
    expect(withBadgesOn.some((text) => text.includes("CustomerBadge"))).toBe(false);
  });

  it("reaches the badge table only for the delivery that crosses a condition", async () => {
    const firstOrder = await credit(badges, 3, 2);
    expect(firstOrder.filter((text) => text.includes("CustomerBadge"))).toHaveLength(1);
    expect(await getDb().customerBadge.count({ where: { shop: badges } })).toBe(2);
  });
});
