// Home's totals (decision 052) come from ProgramTotals, kept by triggers on Customer and Order. Every
// write path that creates or erases a member, changes a balance or an order's credit is driven here,
// and after each the kept totals must equal the aggregates over the rows, on both databases.
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { createImport } from "~/models/data-import.server";
import { readProgramTotals } from "~/models/program-totals.server";
import { adjustMemberPoints } from "~/services/member-adjustment.server";
import { runImport } from "~/services/import.server";
import { expireShopPoints } from "~/services/point-expiry.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import {
  customerPayload,
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { changeProgram } from "../support/members";
import { shopperToken } from "../support/session-tokens";
import { redeem, releaseRedemption } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "totals.myshopify.com";
const otherShop = "totals-neighbour.myshopify.com";

/** What Home computed before decision 052: every member and order row of the shop. */
async function aggregate(inShop: string) {
  const db = getDb();
  const [members, outstanding, ordersCredited] = await Promise.all([
    db.customer.count({ where: { shop: inShop } }),
    db.customer.aggregate({ where: { shop: inShop }, _sum: { balance: true } }),
    db.order.count({ where: { shop: inShop, pointsCredited: { gt: 0 } } }),
  ]);
  return { members, pointsOutstanding: outstanding._sum.balance ?? 0, ordersCredited };
}

type Totals = Awaited<ReturnType<typeof aggregate>>;
let previous: Totals;

/** The kept totals equal the aggregates, and `changed` says which of them the step moved. */
async function expectExact(changed: Partial<Record<keyof Totals, boolean>>) {
  const totals = await aggregate(shop);
  expect(await readProgramTotals(getDb(), shop)).toEqual(totals);
  expect(await readProgramTotals(getDb(), otherShop)).toEqual(await aggregate(otherShop));
  for (const key of Object.keys(totals) as (keyof Totals)[])
    expect(totals[key] !== previous[key], `${key} changed`).toBe(changed[key] ?? false);
  previous = totals;
}

const alice = { id: 8101, email: "alice@example.com" };
const bob = { id: 8102, email: "bob@example.com" };
const aliceOrder: OrderSpec = {
  id: 501,
  customer: alice,
  lines: [{ price: 4000 }, { price: 2000 }],
};

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 900, customer: { id: 9900 }, lines: [{ price: 700 }] }),
    {
      shop: otherShop,
    },
  );
  previous = await aggregate(shop);
  expect(previous).toEqual({ members: 0, pointsOutstanding: 0, ordersCredited: 0 });
});

describe("ProgramTotals", () => {
  it("equals the aggregates after every path that writes members, balances or credited orders", async () => {
    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    await expectExact({ members: true, pointsOutstanding: true, ordersCredited: true });
    // A guest order credits nobody.
    await deliver("orders/paid", orderPayload({ id: 502, lines: [{ price: 3000 }] }), { shop });
    await expectExact({});
    await deliver("customers/create", customerPayload(bob), { shop });
    await expectExact({ members: true });
    await deliver(
      "orders/paid",
      orderPayload({ id: 503, customer: bob, lines: [{ price: 900 }] }),
      {
        shop,
      },
    );
    await expectExact({ pointsOutstanding: true, ordersCredited: true });

    await deliver(
      "refunds/create",
      refundPayload({
        id: 601,
        orderId: aliceOrder.id,
        lines: [{ lineId: lineIdFor(aliceOrder, 1), quantity: 1, subtotal: 2000 }],
      }),
      { shop },
    );
    await expectExact({ pointsOutstanding: true });
    await deliver(
      "orders/cancelled",
      orderPayload({
        ...aliceOrder,
        cancelledAt: "2026-06-03T10:00:00Z",
        financialStatus: "refunded",
      }),
      { shop },
    );
    await expectExact({ pointsOutstanding: true, ordersCredited: true });

    const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
    await adjustMemberPoints(
      getSql(),
      shop,
      (await memberOf(bob.id)).id,
      { points: reward.cost + 50, reason: "goodwill", nonce: "totals-1" },
      "staff:1",
      new Date(),
    );
    await expectExact({ pointsOutstanding: true });
    const token = await shopperToken({ shop, customerId: bob.id });
    const redeemed = await redeem(token, reward.id, "totals-redeem");
    expect(redeemed.status).toBe(201);
    await expectExact({ pointsOutstanding: true });
    const release = await releaseRedemption(token, (await redeemed.json()).redemptionId);
    expect(release.status).toBe(200);
    await expectExact({ pointsOutstanding: true });

    await changeProgram(shop, { expiry: { mode: "after_earning", days: 30 }, expiryNoticeDays: 7 });
    const expired = await expireShopPoints(getSql(), shop, new Date(Date.now() + 40 * 86_400_000));
    expect(expired.pointsExpired).toBeGreaterThan(0);
    await expectExact({ pointsOutstanding: true });

    adminApi.state.shop(shop).customers.push({ id: "gid://shopify/Customer/8103", email: null });
    const file = "shopify_customer_id,points_balance\n8103,640\n";
    const importId = await createImport(getDb(), shop, "balances", "totals.csv", file.length);
    await runImport(
      getDb(),
      getSql(),
      importId,
      shop,
      "balances",
      Readable.from([Buffer.from(file)]),
      {
        admin: createFetchAdminClient({ shop }),
      },
    );
    expect((await memberOf(8103)).balance).toBe(640);
    await expectExact({ members: true, pointsOutstanding: true });

    // customers/redact keeps the anonymous member and its balance; uninstalling keeps the data.
    await deliver(
      "customers/redact",
      { shop_id: 1, shop_domain: shop, customer: { ...bob, phone: null }, orders_to_redact: [503] },
      { shop },
    );
    await expectExact({});
    await deliver("app/uninstalled", { id: 1, domain: shop }, { shop });
    await expectExact({});

    await deliver("shop/redact", { shop_id: 1, shop_domain: shop }, { shop });
    await expectExact({ members: true, pointsOutstanding: true, ordersCredited: true });
    expect(await getDb().programTotals.count({ where: { shop } })).toBe(0);
    expect(await getDb().programTotals.count({ where: { shop: otherShop } })).toBeGreaterThan(0);
  });

  it("stays exact under concurrent deliveries for one shop", async () => {
    const orders = Array.from({ length: 24 }, (_, index) => ({
      id: 700 + index,
      customer: { id: 8200 + (index % 6) },
      lines: [{ price: 1000 + index * 100 }],
    }));
    const responses = await Promise.all(
      orders.map((order) => deliver("orders/paid", orderPayload(order), { shop })),
    );
    expect(responses.map((response) => response.status)).toEqual(orders.map(() => 200));
    await expectExact({ members: true, pointsOutstanding: true, ordersCredited: true });
    expect(previous).toMatchObject({ members: 6, ordersCredited: 24 });
  });
});

function memberOf(shopifyCustomerId: number) {
  return getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(shopifyCustomerId) } },
  });
}
