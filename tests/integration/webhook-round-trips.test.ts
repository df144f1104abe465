// What one webhook delivery costs the database (issue #23, docs/decisions/044): waits for the
// server on PostgreSQL (round trips), statements on both. A regression guard: a statement added to
// the crediting path must travel with one already there, or the bound here fails.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload, refundPayload, type OrderSpec } from "../factories/webhook-payloads";
import { currentProgramVersion } from "~/models/program.server";
import { changeProgram } from "../support/members";
import { deliver } from "../support/webhooks";

const shop = "round-trips.myshopify.com";
const postgres = getSql().dialect === "postgresql";
// Statements of a new order's delivery: PostgreSQL's BEGIN and COMMIT, and the member's tier value
// read with the upsert rather than after the entry; SQLite's 11 run in the process. The member's
// row is updated once: count, spend and figures together (decision 055).
const statementBound = postgres ? 13 : 11;

/** The delivery's outcome and what it cost, counted by the SQL port (Prisma is not on this path). */
async function measured(topic: string, payload: unknown, webhookId?: string) {
  const before = getSql().traffic();
  const response = await deliver(topic, payload, { shop, webhookId });
  const after = getSql().traffic();
  const body = (await response.json()) as { outcome: string };
  console.log(
    "COST",
    topic,
    body.outcome,
    after.roundTrips - before.roundTrips,
    after.statements - before.statements,
  );
  return {
    outcome: body.outcome,
    roundTrips: after.roundTrips - before.roundTrips,
    statements: after.statements - before.statements,
  };
}

const order = (id: number, customerId: number, extra: Partial<OrderSpec> = {}): OrderSpec => ({
  id,
  customer: { id: customerId, email: `c${customerId}@example.com`, firstName: "Round" },
  lines: [{ price: 4000 }, { price: 3000, quantity: 2 }],
  ...extra,
});

beforeEach(async () => {
  await installShop(getDb(), shop);
  // Warm the per-process caches (program version, engagement settings) as a running server has them.
  await deliver("orders/paid", orderPayload(order(1, 1)), { shop });
});

describe("round trips per delivery", () => {
  it("credits a new order in at most 3 round trips, whether its customer is new or known", async () => {
    const newCustomer = await measured("orders/paid", orderPayload(order(101, 201)));
    const knownCustomer = await measured("orders/paid", orderPayload(order(102, 201)));
    expect(newCustomer.outcome).toBe("order worth 100 points (+100)");
    expect(knownCustomer.outcome).toBe("order worth 100 points (+100)");
    const member = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "201" } },
    });
    expect(member.balance).toBe(200);
    expect(member.orderCount).toBe(2);
    for (const cost of [newCustomer, knownCustomer]) {
      if (postgres) expect(cost.roundTrips).toBeLessThanOrEqual(3);
      expect(cost.statements).toBeLessThanOrEqual(statementBound);
    }
  });

  it("answers a repeated delivery in one round trip, and costs an update or a refund no more than a new order", async () => {
    const paid = orderPayload(order(103, 202));
    await measured("orders/paid", paid, "delivery-103");
    const duplicate = await measured("orders/paid", paid, "delivery-103");
    expect(duplicate.outcome).toBe("duplicate");
    expect(duplicate.statements).toBe(1);
    if (postgres) expect(duplicate.roundTrips).toBe(1);

    const updated = await measured(
      "orders/updated",
      orderPayload(order(103, 202, { updatedAt: "2026-06-01T13:00:00-04:00" })),
    );
    expect(updated.outcome).toBe("order worth 100 points (+0)");
    const refund = await measured(
      "refunds/create",
      refundPayload({
        id: 7001,
        orderId: 103,
        lines: [{ lineId: 10301, quantity: 1, subtotal: 4000 }],
      }),
    );
    expect(refund.outcome).toBe("order worth 60 points (-40)");
    for (const cost of [updated, refund]) {
      if (postgres) expect(cost.roundTrips).toBeLessThanOrEqual(3);
      expect(cost.statements).toBeLessThanOrEqual(statementBound);
    }
  });

  it("credits a new order under collection multipliers in the same 3 round trips, with one more statement", async () => {
    // Membership as the sync keeps it (decision 059): product 7100 in collection 900, at 2×.
    await getDb().productCollection.create({
      data: { shop, productId: "7100", collectionId: "900", seenAt: new Date() },
    });
    const { program } = await currentProgramVersion(getDb(), shop);
    await changeProgram(shop, {
      purchase: {
        ...program.purchase,
        collectionMultipliers: [{ collectionId: "900", multiplier: 200 }],
      },
    });
    // Warm the cache of the new program version, as the first delivery after a save would.
    await deliver("orders/paid", orderPayload(order(104, 203)), { shop });
    const cost = await measured(
      "orders/paid",
      orderPayload(
        order(105, 204, {
          lines: [
            { price: 4000, productId: 7100 },
            { price: 3000, quantity: 2 },
          ],
        }),
      ),
    );
    expect(cost.outcome).toBe("order worth 140 points (+140)");
    if (postgres) expect(cost.roundTrips).toBeLessThanOrEqual(3);
    expect(cost.statements).toBeLessThanOrEqual(statementBound + 1);
  });
});
