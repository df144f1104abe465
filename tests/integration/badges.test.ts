// Badges (issue #9): awarded from the order path exactly once — by a unique row, not by timing —
// with optional bonus points, and shown to the shopper by GET /api/loyalty.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { allBadgesOn, configureEngagement } from "../support/engagement";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "badges-test.myshopify.com";
const otherShop = "badges-other.myshopify.com";
const anna = { id: 7001, firstName: "Anna" };

async function member(customerId = anna.id, domain = shop) {
  return getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop: domain, shopifyCustomerId: String(customerId) } },
    include: { badges: true },
  });
}

const badgeIds = async (customerId = anna.id) =>
  (await member(customerId)).badges.map((badge) => badge.badgeId).sort();

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

describe("badges from orders", () => {
  it("awards nothing while no badge is switched on (the default)", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 300_000 }] }),
      { shop },
    );
    expect(await getDb().customerBadge.count()).toBe(0);
  });

  it("awards first order, big order, lifetime spend and tier badges when their condition is crossed, with bonus points once", async () => {
    await configureEngagement(shop, allBadgesOn(50));
    // 2,600.00: first order, a big basket (≥ 200.00), lifetime spend past 1,000.00, and Gold (2,600 points ≥ 2,500).
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 260_000 }] }),
      { shop },
    );
    expect(await badgeIds()).toEqual(["big-order", "first-order", "gold", "spend-1000"]);
    const bonuses = await getDb().ledgerEntry.findMany({
      where: { shop, idempotencyKey: { startsWith: "badge:" } },
      orderBy: { idempotencyKey: "asc" },
    });
    const customer = await member();
    expect(bonuses.map((entry) => [entry.idempotencyKey, entry.points])).toEqual(
      ["big-order", "first-order", "gold", "spend-1000"].map((id) => [
        `badge:${id}:${customer.id}`,
        50,
      ]),
    );
    expect(customer.balance).toBe(2600 + 4 * 50);
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);

    // A second small order crosses nothing new and touches no badge.
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: anna, lines: [{ price: 1000 }] }),
      { shop },
    );
    expect(await badgeIds()).toHaveLength(4);
    expect(
      await getDb().ledgerEntry.count({
        where: { shop, idempotencyKey: { startsWith: "badge:" } },
      }),
    ).toBe(4);
  });

  it("awards the Nth-order badge on the 5th paid order only", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      badges: settings.badges.map((badge) => ({ ...badge, enabled: badge.id === "fifth-order" })),
    }));
    for (let id = 1; id <= 4; id++)
      await deliver("orders/paid", orderPayload({ id, customer: anna, lines: [{ price: 1000 }] }), {
        shop,
      });
    expect(await badgeIds()).toEqual([]);
    await deliver(
      "orders/paid",
      orderPayload({ id: 5, customer: anna, lines: [{ price: 1000 }] }),
      { shop },
    );
    expect(await badgeIds()).toEqual(["fifth-order"]);
    const [badge] = (await member()).badges;
    const fifth = await getDb().order.findFirstOrThrow({ where: { shop, shopifyOrderId: "5" } });
    expect(badge.orderId).toBe(fifth.id);
  });

  it("keeps a lifetime-spend badge after a refund and never awards it twice when spend crosses again", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      badges: settings.badges.map((badge) => ({
        ...badge,
        enabled: badge.id === "spend-1000",
        bonusPoints: 25,
      })),
    }));
    const refunded: OrderSpec = {
      id: 1,
      customer: anna,
      lines: [{ price: 60_000 }, { price: 50_000 }],
    };
    await deliver("orders/paid", orderPayload(refunded), { shop });
    expect(await badgeIds()).toEqual(["spend-1000"]);
    await deliver(
      "refunds/create",
      refundPayload({
        id: 91,
        orderId: 1,
        lines: [{ lineId: lineIdFor(refunded, 1), quantity: 1, subtotal: 50_000 }],
      }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: anna, lines: [{ price: 60_000 }] }),
      { shop },
    );
    expect(await badgeIds()).toEqual(["spend-1000"]);
    expect(
      await getDb().ledgerEntry.count({
        where: { shop, idempotencyKey: { startsWith: "badge:" } },
      }),
    ).toBe(1);
  });

  it("awards once under duplicate and concurrent deliveries of the same and of different orders", async () => {
    await configureEngagement(shop, allBadgesOn(10));
    const first = orderPayload({ id: 1, customer: anna, lines: [{ price: 30_000 }] });
    const second = orderPayload({ id: 2, customer: anna, lines: [{ price: 30_000 }] });
    const responses = await Promise.all([
      deliver("orders/paid", first, { shop }),
      deliver("orders/paid", first, { shop }),
      deliver("orders/updated", first, { shop }),
      deliver("orders/paid", second, { shop }),
      deliver("orders/paid", second, { shop }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    // Whichever order was counted first earned "first order"; both are big baskets, awarded once.
    expect(await badgeIds()).toEqual(["big-order", "first-order"]);
    expect(
      await getDb().ledgerEntry.count({
        where: { shop, idempotencyKey: { startsWith: "badge:" } },
      }),
    ).toBe(2);
    expect((await member()).balance).toBe(600 + 20);
  });

  it("keeps each shop's badges to itself", async () => {
    await configureEngagement(shop, allBadgesOn());
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 1000 }] }),
      { shop: otherShop },
    );
    expect((await member(anna.id, otherShop)).badges).toEqual([]);
  });
});

describe("badges and privacy", () => {
  it("customers/data_request exports the customer's badges", async () => {
    await configureEngagement(shop, allBadgesOn());
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 1000 }] }),
      { shop },
    );
    await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: anna.id, email: "avery@example.com", phone: null },
        orders_requested: [1],
        data_request: { id: 1 },
      },
      { shop },
    );
    const exported = await getDb().dataExport.findFirstOrThrow({ where: { shop } });
    expect(exported.payload).toMatchObject({
      badges: [{ badgeId: "first-order", name: "First order" }],
      journeySteps: [],
      leaderboard: null,
    });
  });
});

describe("badges in GET /api/loyalty", () => {
  it("lists the shopper's badges with name, description and date, and no one else's", async () => {
    await configureEngagement(shop, allBadgesOn());
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 1000 }] }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: 7002 }, lines: [{ price: 30_000 }] }),
      { shop },
    );
    const body = await (await getLoyalty(await shopperToken({ shop, customerId: anna.id }))).json();
    expect(body.badges).toEqual([
      {
        id: "first-order",
        name: "First order",
        description: "Placed a first order",
        awardedAt: expect.any(String),
        // Tally's own texts: the extension words them in the shopper's language (decision 053).
        shippedName: true,
        rule: { kind: "first_order" },
      },
    ]);
    const stranger = await (
      await getLoyalty(await shopperToken({ shop, customerId: 7999 }))
    ).json();
    expect(stranger.badges).toEqual([]);
  });

  it("keeps the name a badge had when it was awarded after the merchant renames it", async () => {
    await configureEngagement(shop, allBadgesOn());
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: anna, lines: [{ price: 1000 }] }),
      { shop },
    );
    await configureEngagement(shop, (settings) => ({
      ...allBadgesOn()(settings),
      badges: settings.badges.map((badge) => ({
        ...badge,
        enabled: true,
        name: `${badge.name} (new)`,
      })),
    }));
    const body = await (await getLoyalty(await shopperToken({ shop, customerId: anna.id }))).json();
    expect(body.badges.map((badge: { name: string }) => badge.name)).toEqual(["First order"]);
  });

  it("sends a threshold badge's rule for the extension to word, and what the merchant typed as typed", async () => {
    await configureEngagement(shop, allBadgesOn());
    await deliver(
      "orders/paid",
      orderPayload({ id: 3, customer: anna, lines: [{ price: 30_000 }] }),
      { shop },
    );
    const loyalty = async () =>
      (
        (await (await getLoyalty(await shopperToken({ shop, customerId: anna.id }))).json()) as {
          badges: { id: string; shippedName?: boolean; rule?: unknown }[];
        }
      ).badges.find((badge) => badge.id === "big-order");
    expect(await loyalty()).toMatchObject({
      name: "Big basket",
      shippedName: true,
      rule: { kind: "big_order", amount: 200, currency: "USD" },
    });
    await configureEngagement(shop, (settings) => ({
      ...allBadgesOn()(settings),
      badges: settings.badges.map((badge) => ({
        ...badge,
        enabled: true,
        description: badge.id === "big-order" ? "Nasz najlepszy koszyk" : badge.description,
      })),
    }));
    const typed = await loyalty();
    expect(typed).toMatchObject({ description: "Nasz najlepszy koszyk", shippedName: true });
    expect(typed).not.toHaveProperty("rule");
  });
});
