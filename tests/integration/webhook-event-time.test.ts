// When a delivery counts as received (docs/decisions/040): a delivery over HTTP is applied at its
// receipt, whatever dates its payload or headers carry; only a trusted in-process caller (the local
// demo's seeded year) tells the pipeline another time, and then everything the delivery writes is
// stamped with it — ledger entries, pending windows, the recorded delivery, a dead letter.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { pipelineForTopic } from "~/webhooks/topics.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { webhookHeaders } from "../factories/webhook-request";
import { TEST_API_SECRET } from "../setup/test-env";
import { deliver } from "../support/webhooks";

const shop = "event-time.myshopify.com";
const DAY_MS = 86_400_000;
const placedAt = new Date("2026-03-02T15:00:00Z");
const order = orderPayload({
  id: 4401,
  customer: { id: 5401 },
  lines: [{ price: 8000 }],
  createdAt: placedAt.toISOString(),
});

async function memberEntries() {
  return getDb().ledgerEntry.findMany({
    where: { shop, customer: { shopifyCustomerId: "5401" } },
    orderBy: { createdAt: "asc" },
  });
}

/** Admits a signed delivery and applies it as the demo seed does, at `now`. */
async function applyAt(topic: string, payload: unknown, now: Date, webhookId: string) {
  const body = JSON.stringify(payload);
  const pipeline = pipelineForTopic(topic)!;
  const admitted = pipeline.admit(
    new Headers(webhookHeaders(body, { shop, topic, secret: TEST_API_SECRET, webhookId })),
    body,
  );
  if (admitted instanceof Response) throw new Error(`refused: ${admitted.status}`);
  return pipeline.apply(admitted, { now });
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  const { program } = await currentProgramVersion(getDb(), shop);
  await saveProgramVersion(getDb(), shop, { ...program, pendingDays: 14 }, "test");
});

describe("the time a delivery is applied at", () => {
  it("is the receipt for a delivery over HTTP, not the order's own (old) dates", async () => {
    const before = Date.now();
    expect((await deliver("orders/paid", order, { shop })).status).toBe(200);
    const [entry] = await memberEntries();
    expect(entry.points).toBe(80);
    expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(entry.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The pending window still runs from when the order was placed (it has long passed).
    expect(entry.availableAt).toEqual(new Date(placedAt.getTime() + 14 * DAY_MS));
    const delivery = await getDb().webhookDelivery.findFirstOrThrow({ where: { shop } });
    expect(delivery.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("is the caller's time for a trusted in-process apply: entries, pending points, delivery", async () => {
    const receivedAt = new Date(placedAt.getTime() + 2 * 3_600_000);
    const answer = await applyAt("orders/paid", order, receivedAt, "event-time-1");
    expect(answer.status).toBe(200);
    const [entry] = await memberEntries();
    expect(entry).toMatchObject({ kind: "earn", points: 80, createdAt: receivedAt });
    // Still inside its pending window at that time: pending, not spendable.
    const member = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "5401" },
    });
    expect({ balance: member.balance, pending: member.pending }).toEqual({
      balance: 0,
      pending: 80,
    });
    const delivery = await getDb().webhookDelivery.findFirstOrThrow({
      where: { shop, webhookId: "event-time-1" },
    });
    expect(delivery.receivedAt).toEqual(receivedAt);
  });

  it("stamps a dead letter kept by a trusted in-process apply with the caller's time", async () => {
    const receivedAt = new Date("2026-05-05T09:30:00Z");
    const yen = orderPayload({ id: 4402, customer: { id: 5401 }, lines: [{ price: 100 }] });
    yen.line_items[0].price_set.shop_money = { amount: "1000", currency_code: "JPY" };
    yen.total_price_set.shop_money = { amount: "1000", currency_code: "JPY" };
    const answer = await applyAt("orders/paid", yen, receivedAt, "event-time-2");
    expect((await answer.json()).deadLetter.code).toBe("CURRENCY_MISMATCH");
    const kept = await getDb().deadLetter.findFirstOrThrow({ where: { shop } });
    expect(kept.receivedAt).toEqual(receivedAt);
  });
});
