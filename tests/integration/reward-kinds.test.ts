import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import type { Reward } from "~/loyalty/rewards";
import { shopContext } from "~/models/program.server";
import { createReward } from "~/models/reward.server";
import { redeemReward } from "~/services/redeem.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "kinds.myshopify.com";
const admin = createFetchAdminClient({ shop });
const base: Omit<Reward, "id" | "kind" | "title" | "value"> = {
  cost: 100,
  variantId: null,
  minimumSubtotal: null,
  tierNames: null,
  codeLifetimeDays: 7,
  combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: false },
  enabled: true,
};

async function redeemKind(reward: Omit<Reward, "id">) {
  const rewardId = await createReward(getDb(), shop, reward);
  const context = (await shopContext(getSql(), shop))!;
  const member = await getDb().customer.findFirstOrThrow({ where: { shop } });
  return redeemReward(getSql(), async () => admin, {
    shop: context,
    customerId: member.id,
    shopifyCustomerId: member.shopifyCustomerId,
    rewardId,
    idempotencyKey: crypto.randomUUID(),
    now: new Date(),
  });
}

beforeEach(async () => {
  await installShop(getDb(), shop, { currencyCode: "EUR", timeZone: "Europe/Warsaw" });
  adminApi.state.shop(shop).settings.currencyCode = "EUR";
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, currency: "EUR", customer: { id: 55 }, lines: [{ price: 50000 }] }),
    { shop },
  );
});

describe("each kind of reward becomes the right thing in Shopify", () => {
  it("percentage off: a 15% code with the reward's combinations and minimum subtotal", async () => {
    const outcome = await redeemKind({
      ...base,
      title: "15% off",
      kind: "percentage",
      value: 15,
      minimumSubtotal: 4000,
    });
    expect(outcome.ok).toBe(true);
    const discount = adminApi.state
      .shop(shop)
      .discountByCode(outcome.ok ? outcome.redemption.code! : "")!;
    expect(discount).toMatchObject({
      value: { kind: "percentage", percentage: 0.15 },
      combinesWith: { productDiscounts: true },
      usageLimit: 1,
    });
    expect(Number(discount.minimumSubtotal)).toBe(40);
  });

  it("free shipping: a free-shipping code", async () => {
    const outcome = await redeemKind({
      ...base,
      title: "Free shipping",
      kind: "free_shipping",
      value: null,
    });
    expect(
      adminApi.state.shop(shop).discountByCode(outcome.ok ? outcome.redemption.code! : ""),
    ).toMatchObject({ type: "DiscountCodeFreeShipping" });
  });

  it("free product: 100% off that variant only", async () => {
    const outcome = await redeemKind({
      ...base,
      title: "Free mug",
      kind: "free_product",
      value: null,
      variantId: "gid://shopify/ProductVariant/42",
    });
    const discount = adminApi.state
      .shop(shop)
      .discountByCode(outcome.ok ? outcome.redemption.code! : "")!;
    expect(discount.value).toMatchObject({ kind: "percentage", percentage: 1 });
    expect(JSON.stringify(discount.items)).toContain("gid://shopify/ProductVariant/42");
  });

  it("store credit: credited in the shop's currency, no code, and the redemption is used at once", async () => {
    const outcome = await redeemKind({
      ...base,
      title: "€7.50 credit",
      kind: "store_credit",
      value: 750,
    });
    expect(outcome).toMatchObject({
      ok: true,
      redemption: { status: "used", code: null },
      balance: 400,
    });
    expect(
      Number(adminApi.state.shop(shop).storeCreditBalance("gid://shopify/Customer/55", "EUR")),
    ).toBe(7.5);
  });
});
