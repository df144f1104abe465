// Shopify Flow triggers (issue #9): events are written to the outbox in the transaction of the
// change, only for triggers the merchant switched on, and pushed by the background job with
// flowTriggerReceive; payloads carry exactly the fields the trigger extensions declare.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { pushDueFlowTriggers } from "~/services/flow-triggers.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { allBadgesOn, configureEngagement } from "../support/engagement";
import { declaredTriggerKeys } from "../support/flow";
import { shopperToken } from "../support/session-tokens";
import { redeem } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "flow-triggers.myshopify.com";
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });
const anna = { id: 9101, firstName: "Anna" };

const outbox = () =>
  getDb().flowTriggerOutbox.findMany({ orderBy: [{ handle: "asc" }, { eventKey: "asc" }] });
const allTriggersOn = (settings: Parameters<Parameters<typeof configureEngagement>[1]>[0]) => ({
  ...allBadgesOn(5)(settings),
  flowTriggers: {
    points_earned: true,
    reward_redeemed: true,
    tier_changed: true,
    points_expiring: true,
    badge_earned: true,
    birthday: true,
    referral_completed: true,
  },
});

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("Flow trigger outbox", () => {
  it("writes nothing while the merchant has not switched a trigger on", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 300_000 }] }),
      { shop },
    );
    expect(await outbox()).toEqual([]);
  });

  it("records points earned, tier changed and badge earned with the customer, points, balance and tier; a replay adds nothing", async () => {
    await configureEngagement(shop, (settings) => ({
      ...allTriggersOn(settings),
      badges: settings.badges.map((badge) => ({
        ...badge,
        enabled: badge.id === "first-order",
        bonusPoints: 5,
      })),
    }));
    const paid = orderPayload({ id: 1, customer: anna, lines: [{ price: 120_000 }] });
    await deliver("orders/paid", paid, { shop });
    await deliver("orders/paid", paid, { shop });
    const rows = await outbox();
    expect(rows.map((row) => [row.handle, row.payload])).toEqual([
      [
        "tally-badge-earned",
        {
          customer_id: anna.id,
          badge: "First order",
          "badge id": "first-order",
          "bonus points": 5,
          balance: 1205,
          tier: "Silver",
        },
      ],
      [
        "tally-points-earned",
        {
          customer_id: anna.id,
          points: 5,
          reason: "Badge: First order",
          source: "badge",
          balance: 1205,
          tier: "Silver",
        },
      ],
      [
        "tally-points-earned",
        {
          customer_id: anna.id,
          points: 1200,
          reason: "order 1",
          source: "order",
          balance: 1200,
          tier: "Silver",
        },
      ],
      [
        "tally-tier-changed",
        {
          customer_id: anna.id,
          "previous tier": "Member",
          tier: "Silver",
          direction: "upgrade",
          source: "order",
          balance: 1200,
        },
      ],
    ]);
    expect(adminApi.calls).toEqual([]); // nothing sent on the webhook path
  });

  it("records a redeemed reward once the code is issued", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, reward_redeemed: true },
    }));
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 60_000 }] }),
      { shop },
    );
    const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
    expect(
      (await redeem(await shopperToken({ shop, customerId: anna.id }), reward.id)).status,
    ).toBe(201);
    const rows = await outbox();
    expect(rows.map((row) => [row.handle, row.payload])).toEqual([
      [
        "tally-reward-redeemed",
        { customer_id: anna.id, points: 500, reward: "5.00 off", balance: 100, tier: "Member" },
      ],
    ]);
  });
});

describe("Flow trigger push", () => {
  it("sends each event with flowTriggerReceive, with exactly the fields its trigger extension declares, then empties the outbox", async () => {
    await configureEngagement(shop, allTriggersOn);
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 260_000 }] }),
      { shop },
    );
    const expected = (await outbox()).length;
    expect(expected).toBeGreaterThan(3);
    expect(await pushDueFlowTriggers(getSql(), adminFor, new Date())).toEqual({
      sent: expected,
      deferred: 0,
      dropped: 0,
    });
    expect(await outbox()).toEqual([]);

    const received = adminApi.state.shop(shop).flowTriggers;
    expect(received).toHaveLength(expected);
    const declared = declaredTriggerKeys();
    expect([...declared.keys()].sort()).toEqual([
      "tally-badge-earned",
      "tally-birthday",
      "tally-journey-step",
      "tally-points-earned",
      "tally-points-expiring",
      "tally-referral-completed",
      "tally-reward-redeemed",
      "tally-tier-changed",
    ]);
    for (const event of received)
      expect(Object.keys(event.payload).sort()).toEqual(declared.get(event.handle));
  });

  it("backs off when Shopify throttles and sends on a later run", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, points_earned: true },
    }));
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 5000 }] }),
      { shop },
    );
    adminApi.failNext("FlowTriggerReceive", "THROTTLED");
    const now = new Date();
    expect(await pushDueFlowTriggers(getSql(), adminFor, now)).toEqual({
      sent: 0,
      deferred: 1,
      dropped: 0,
    });
    const [row] = await outbox();
    expect(row.attempts).toBe(1);
    expect(await pushDueFlowTriggers(getSql(), adminFor, now)).toEqual({
      sent: 0,
      deferred: 0,
      dropped: 0,
    });
    expect(await pushDueFlowTriggers(getSql(), adminFor, new Date(now.getTime() + 60_000))).toEqual(
      { sent: 1, deferred: 0, dropped: 0 },
    );
    expect(adminApi.state.shop(shop).flowTriggers.map((event) => event.handle)).toEqual([
      "tally-points-earned",
    ]);
  });

  it("drops an event Shopify refuses, and a shop's events once it has no session", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, points_earned: true },
    }));
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 5000 }] }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: anna, lines: [{ price: 5000 }] }),
      { shop },
    );
    adminApi.failNext("FlowTriggerReceive", "USER_ERROR");
    expect(await pushDueFlowTriggers(getSql(), adminFor, new Date(), 1)).toEqual({
      sent: 0,
      deferred: 0,
      dropped: 1,
    });
    expect(await pushDueFlowTriggers(getSql(), async () => null, new Date())).toEqual({
      sent: 0,
      deferred: 0,
      dropped: 1,
    });
    expect(await outbox()).toEqual([]);
  });

  it("sends each event once when two instances push at the same time", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, points_earned: true },
    }));
    for (let id = 1; id <= 6; id++)
      await deliver(
        "orders/paid",
        orderPayload({ id, customer: { id: 9200 + id }, lines: [{ price: 5000 }] }),
        { shop },
      );
    const now = new Date();
    const [a, b] = await Promise.all([
      pushDueFlowTriggers(getSql(), adminFor, now),
      pushDueFlowTriggers(getSql(), adminFor, now),
    ]);
    expect(a.sent + b.sent).toBe(6);
    const received = adminApi.state
      .shop(shop)
      .flowTriggers.map((event) => event.payload.customer_id);
    expect(new Set(received).size).toBe(6);
    expect(received).toHaveLength(6);
  });
});
