// A reward code is worth its points once (design §7, decision 027): its points come back only when
// Shopify has deactivated it and counts no use, and no order Tally has seen carries it; a code that
// lands on an order after its points came back has them taken back, with an entry that says why.
// Issue 17, item 2: release → 200 and then orders/paid with the code credited the points twice.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { loader as memberLoader } from "~/routes/app.members.$id";
import { sweepExpiredRedemptions } from "~/services/redemption-release.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload, type OrderSpec } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { adminRequest, routeResult } from "../support/admin-request";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, redeem, releaseRedemption } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "code-once.myshopify.com";
const alice = 5101;
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });

// 10.00 at Silver (×1.25): 12 points.
const order: OrderSpec = { id: 77, customer: { id: alice }, lines: [{ price: 1000 }] };
const withCode = (spec: OrderSpec, code: string) => ({
  ...orderPayload(spec),
  discount_codes: [{ code, amount: "5.00", type: "fixed_amount" }],
});
const pending = { ...order, financialStatus: "pending" };
const paidLater = { ...order, updatedAt: "2026-06-01T13:00:00-04:00" };

async function member() {
  return getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(alice) } },
  });
}
const redemption = (id: string) => getDb().redemption.findUniqueOrThrow({ where: { id } });
const entries = async () =>
  getDb().ledgerEntry.findMany({
    where: { customerId: (await member()).id },
    orderBy: [{ createdAt: "asc" }],
  });

async function issued() {
  const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
  const response = await redeem(await shopperToken({ shop, customerId: alice }), rewardId);
  expect(response.status).toBe(201);
  return (await response.json()) as { redemptionId: string; code: string };
}

async function release(redemptionId: string) {
  const response = await releaseRedemption(
    await shopperToken({ shop, customerId: alice }),
    redemptionId,
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const CODE_USED = {
  error: {
    code: "CODE_USED",
    message: "This reward code was used on an order, so its points stay spent.",
  },
};

beforeEach(async () => {
  await installShop(getDb(), shop);
  // Alice: 1,230.00 spent → 1,230 points (Silver).
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 123000 }] }),
    { shop },
  );
});

describe("releasing a code an order is using", () => {
  it("refuses with 409 CODE_USED after orders/updated (pending) carried it, and orders/paid then credits only the order", async () => {
    const { redemptionId, code } = await issued();
    expect((await member()).balance).toBe(730);
    expect((await deliver("orders/updated", withCode(pending, code), { shop })).status).toBe(200);
    expect(await release(redemptionId)).toEqual({ status: 409, body: CODE_USED });
    expect((await member()).balance).toBe(730);

    await deliver("orders/paid", withCode(paidLater, code), { shop });
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: "77" });
    expect((await member()).balance).toBe(730 + 12);
    expect((await entries()).filter((entry) => entry.kind === "release")).toEqual([]);
  });

  it("sees the code on orders/create, credits nothing for the unpaid order, and refuses the release", async () => {
    const { redemptionId, code } = await issued();
    expect((await deliver("orders/create", withCode(pending, code), { shop })).status).toBe(200);
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: "77" });
    expect(
      await getDb().order.findFirstOrThrow({ where: { shop, shopifyOrderId: "77" } }),
    ).toMatchObject({ paid: false, pointsCredited: 0 });
    expect(await release(redemptionId)).toEqual({ status: 409, body: CODE_USED });
    expect((await member()).balance).toBe(730);
  });

  it("refuses when Shopify counts a use Tally has not seen yet; the code is deactivated and its order, when it comes, is the one that used it", async () => {
    const { redemptionId, code } = await issued();
    adminApi.state.shop(shop).discountByCode(code)!.usageCount = 1;
    expect(await release(redemptionId)).toEqual({ status: 409, body: CODE_USED });
    const discount = adminApi.state.shop(shop).discountByCode(code)!;
    expect(Date.parse(discount.endsAt!)).toBeLessThanOrEqual(Date.now());
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: null });
    expect((await member()).balance).toBe(730);

    await deliver("orders/paid", withCode(order, code), { shop });
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: "77" });
    // Cancelling the order that used the code still gives its points back.
    await deliver(
      "orders/cancelled",
      withCode(
        { ...order, cancelledAt: "2026-06-02T00:00:00Z", updatedAt: "2026-06-02T00:00:00Z" },
        code,
      ),
      { shop },
    );
    expect(await redemption(redemptionId)).toMatchObject({ status: "refunded" });
    expect((await member()).balance).toBe(1230);
  });
});

describe("a released code that lands on an order anyway (Shopify had not counted the use yet)", () => {
  it("takes the points back with an entry the member page shows in plain words; paid and cancelled then settle as usual", async () => {
    const { redemptionId, code } = await issued();
    expect(await release(redemptionId)).toEqual({
      status: 200,
      body: { released: true, balance: 1230 },
    });
    await deliver("orders/create", withCode(pending, code), { shop });
    expect((await member()).balance).toBe(730);
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: "77" });
    const takenBack = (await entries()).find(
      (entry) => entry.idempotencyKey === `redemption:${redemptionId}:taken-back`,
    );
    const releaseEntry = (await entries()).find((entry) => entry.kind === "release")!;
    expect(takenBack).toMatchObject({
      kind: "redeem",
      points: -500,
      idempotencyKey: `redemption:${redemptionId}:taken-back`,
      correctsId: releaseEntry.id,
      reason: `Points taken back because the released reward code ${code} was used on order #77`,
    });

    const id = (await member()).id;
    const page = await routeResult<{ entries: { kind: string; points: number; reason: string }[] }>(
      async () =>
        memberLoader({
          request: await adminRequest(shop, `/app/members/${id}`),
          params: { id },
          context: {},
        }),
    );
    expect(page.body.entries).toContainEqual(
      expect.objectContaining({
        kind: "redeem",
        points: -500,
        reason: `Points taken back because the released reward code ${code} was used on order #77`,
      }),
    );

    // The shopper's history says it in the same words.
    const history = (await (
      await getLoyalty(await shopperToken({ shop, customerId: alice }))
    ).json()) as { history: { points: number; description: string }[] };
    expect(history.history).toContainEqual(
      expect.objectContaining({
        points: -500,
        description: `Points taken back because the released reward code ${code} was used on order #77`,
      }),
    );

    // Duplicates and the paid event take nothing more.
    await deliver("orders/create", withCode(pending, code), { shop });
    await deliver("orders/paid", withCode(paidLater, code), { shop });
    expect((await member()).balance).toBe(730 + 12);
    await deliver(
      "orders/cancelled",
      withCode(
        { ...order, cancelledAt: "2026-06-02T00:00:00Z", updatedAt: "2026-06-02T00:00:00Z" },
        code,
      ),
      { shop },
    );
    expect(await redemption(redemptionId)).toMatchObject({ status: "refunded" });
    expect((await member()).balance).toBe(1230);
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });

  it("ends the same when the release and the order's webhook run at the same moment", async () => {
    const { redemptionId, code } = await issued();
    const [released] = await Promise.all([
      release(redemptionId),
      deliver("orders/paid", withCode(order, code), { shop }),
    ]);
    expect([200, 409]).toContain(released.status);
    expect(await redemption(redemptionId)).toMatchObject({ status: "used", usedByOrderId: "77" });
    expect((await member()).balance).toBe(730 + 12);
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });
});

describe("expired codes", () => {
  const later = () => new Date(Date.now() + 31 * 86_400_000);

  it("keeps the points of an expired code Shopify counts as used", async () => {
    const { redemptionId, code } = await issued();
    adminApi.state.shop(shop).discountByCode(code)!.usageCount = 1;
    expect(await sweepExpiredRedemptions(getSql(), adminFor, later())).toEqual({
      released: 0,
      used: 1,
      deferred: 0,
    });
    expect(await redemption(redemptionId)).toMatchObject({ status: "used" });
    expect((await member()).balance).toBe(730);
  });

  it("defers while Shopify can't be asked, and takes the points back if the expired code was used after all", async () => {
    const { redemptionId, code } = await issued();
    adminApi.failNext("DiscountCodeDeactivate", "HTTP_500");
    expect(await sweepExpiredRedemptions(getSql(), adminFor, later())).toMatchObject({
      released: 0,
      deferred: 1,
    });
    expect((await member()).balance).toBe(730);
    expect(await sweepExpiredRedemptions(getSql(), adminFor, later())).toMatchObject({
      released: 1,
    });
    expect(await redemption(redemptionId)).toMatchObject({ status: "expired" });
    expect((await member()).balance).toBe(1230);

    await deliver("orders/paid", withCode(order, code), { shop });
    expect(await redemption(redemptionId)).toMatchObject({ status: "used" });
    expect((await member()).balance).toBe(730 + 12);
    expect(
      (await entries()).find(
        (entry) => entry.idempotencyKey === `redemption:${redemptionId}:taken-back`,
      ),
    ).toMatchObject({
      kind: "redeem",
      points: -500,
      reason: `Points taken back because the released reward code ${code} was used on order #77`,
    });
  });
});
