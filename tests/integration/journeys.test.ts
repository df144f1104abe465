// Onboarding journeys (issue #9): steps 14, 21 and 28 days after a customer's first order, switched
// on per shop, each firing once per customer (a unique row) as a Flow trigger through the outbox.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { runDueJourneys } from "~/services/journeys.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { configureEngagement } from "../support/engagement";
import { deliver } from "../support/webhooks";

const shop = "journeys.myshopify.com";
const DAY = 86_400_000;
const later = (days: number) => new Date(Date.now() + days * DAY);

const journeyTriggers = () =>
  getDb().flowTriggerOutbox.findMany({
    where: { handle: "tally-journey-step" },
    orderBy: { eventKey: "asc" },
  });

beforeEach(async () => {
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: 3001 }, lines: [{ price: 5000 }] }),
    { shop },
  );
});

describe("journeys", () => {
  it("stamps the first order's time once; later orders keep it", async () => {
    const first = (await getDb().customer.findFirstOrThrow({ where: { shop } })).firstOrderAt;
    expect(first).toBeInstanceOf(Date);
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: 3001 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    expect((await getDb().customer.findFirstOrThrow({ where: { shop } })).firstOrderAt).toEqual(
      first,
    );
  });

  it("fires nothing while no journey is switched on", async () => {
    expect(await runDueJourneys(getSql(), later(15))).toEqual({ fired: 0 });
    await configureEngagement(shop, (settings) => settings);
    expect(await runDueJourneys(getSql(), later(22))).toEqual({ fired: 0 });
    expect(await getDb().journeyStep.count()).toBe(0);
  });

  it("fires the 14-day step once per customer, however often the job runs", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      journeys: { ...settings.journeys, "first-order-14d": { enabled: true, bonusPoints: 0 } },
    }));
    expect(await runDueJourneys(getSql(), later(13))).toEqual({ fired: 0 });
    expect(await runDueJourneys(getSql(), later(14))).toEqual({ fired: 1 });
    expect(await runDueJourneys(getSql(), later(14))).toEqual({ fired: 0 });
    expect(await runDueJourneys(getSql(), later(16))).toEqual({ fired: 0 });
    const rows = await journeyTriggers();
    expect(rows.map((row) => row.payload)).toEqual([
      {
        customer_id: 3001,
        step: "first-order-14d",
        "days since first order": 14,
        "bonus points": 0,
        balance: 50,
        tier: "Member",
      },
    ]);
    expect(await getDb().journeyStep.findMany({ select: { journey: true } })).toEqual([
      { journey: "first-order-14d" },
    ]);
  });

  it("fires once when two instances run the job at the same time", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      journeys: { ...settings.journeys, "first-order-14d": { enabled: true, bonusPoints: 0 } },
    }));
    for (let id = 2; id <= 5; id++)
      await deliver(
        "orders/paid",
        orderPayload({ id, customer: { id: 3000 + id }, lines: [{ price: 5000 }] }),
        { shop },
      );
    const [a, b] = await Promise.all([
      runDueJourneys(getSql(), later(15)),
      runDueJourneys(getSql(), later(15)),
    ]);
    expect(a.fired + b.fired).toBe(5);
    expect(await getDb().journeyStep.count()).toBe(5);
    expect(await journeyTriggers()).toHaveLength(5);
  });

  it("credits the 21-day step's bonus once, and runs each enabled step on its own day", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      journeys: {
        "first-order-14d": { enabled: true, bonusPoints: 0 },
        "first-order-21d": { enabled: true, bonusPoints: 100 },
        "first-order-28d": { enabled: true, bonusPoints: 0 },
      },
    }));
    for (const day of [14, 21, 21, 28, 28]) await runDueJourneys(getSql(), later(day));
    expect(
      (await getDb().journeyStep.findMany({ orderBy: { journey: "asc" } })).map(
        (step) => step.journey,
      ),
    ).toEqual(["first-order-14d", "first-order-21d", "first-order-28d"]);
    const customer = await getDb().customer.findFirstOrThrow({ where: { shop } });
    expect(customer.balance).toBe(150);
    const bonus = await getDb().ledgerEntry.findMany({
      where: { idempotencyKey: { startsWith: "journey:" } },
    });
    expect(bonus.map((entry) => [entry.idempotencyKey, entry.points])).toEqual([
      [`journey:first-order-21d:${customer.id}`, 100],
    ]);
    expect((await journeyTriggers()).map((row) => (row.payload as { step: string }).step)).toEqual([
      "first-order-14d",
      "first-order-21d",
      "first-order-28d",
    ]);
  });

  it("does not message customers whose first order is long past when a journey is switched on, nor erased customers", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      journeys: { ...settings.journeys, "first-order-14d": { enabled: true, bonusPoints: 0 } },
    }));
    // 14 + 7 days of catch-up have passed: too late for this customer.
    expect(await runDueJourneys(getSql(), later(22))).toEqual({ fired: 0 });
    await deliver(
      "orders/paid",
      orderPayload({
        id: 2,
        customer: { id: 3002, email: "erase@example.com" },
        lines: [{ price: 5000 }],
      }),
      { shop },
    );
    await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: 3002, email: "erase@example.com", phone: null },
        orders_to_redact: [],
      },
      { shop },
    );
    expect(await runDueJourneys(getSql(), later(15))).toEqual({ fired: 1 });
    expect(
      (await journeyTriggers()).map((row) => (row.payload as { customer_id: number }).customer_id),
    ).toEqual([3001]);
  });
});
