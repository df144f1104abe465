import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listRewards } from "~/models/reward.server";
import { loader as listLoader } from "~/routes/app.rewards._index";
import { action, loader } from "~/routes/app.rewards.$id";
import { installShop } from "../factories/shop";
import { adminRequest, routeResult } from "../support/admin-request";

const shop = "admin-rewards.myshopify.com";
const otherShop = "other-rewards.myshopify.com";

const freeShipping = {
  title: "Free shipping",
  kind: "free_shipping",
  cost: 300,
  value: null,
  variantId: null,
  minimumSubtotal: 5000,
  tierNames: ["Gold"],
  codeLifetimeDays: 14,
  combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: false },
  enabled: true,
};

async function act(id: string, json: unknown, inShop = shop) {
  return routeResult<Record<string, unknown>>(async () =>
    action({
      request: await adminRequest(inShop, `/app/rewards/${id}`, { json }),
      params: { id },
      context: {},
    }),
  );
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

describe("rewards catalogue routes", () => {
  it("lists the default reward and loads a blank form for a new one", async () => {
    const list = await routeResult<{ rewards: { title: string; cost: number }[] }>(async () =>
      listLoader({ request: await adminRequest(shop, "/app/rewards"), params: {}, context: {} }),
    );
    expect(list.body.rewards).toEqual([expect.objectContaining({ title: "5.00 off", cost: 500 })]);
    const form = await routeResult<{ isNew: boolean; reward: Record<string, unknown> }>(async () =>
      loader({
        request: await adminRequest(shop, "/app/rewards/new"),
        params: { id: "new" },
        context: {},
      }),
    );
    expect(form.body).toMatchObject({
      isNew: true,
      reward: { kind: "fixed_amount", codeLifetimeDays: 30 },
    });
    expect(form.body.reward).not.toHaveProperty("id");
  });

  it("creates, then updates, a reward with tier restriction and combinability", async () => {
    const created = await act("new", { intent: "save", reward: freeShipping });
    expect(created.body.status).toBe("saved");
    const id = created.body.id as string;
    expect((await listRewards(getDb(), shop)).find((r) => r.id === id)).toMatchObject({
      kind: "free_shipping",
      tierNames: ["Gold"],
      minimumSubtotal: 5000,
      codeLifetimeDays: 14,
      combinesWith: { orderDiscounts: true },
    });
    await act(id, { intent: "save", reward: { ...freeShipping, tierNames: null, cost: 250 } });
    expect((await listRewards(getDb(), shop)).find((r) => r.id === id)).toMatchObject({
      cost: 250,
      tierNames: null,
    });
  });

  it("answers 422 with field messages for an invalid reward or an unknown tier", async () => {
    const invalid = await act("new", {
      intent: "save",
      reward: { ...freeShipping, kind: "percentage", value: 150 },
    });
    expect(invalid).toEqual({
      status: 422,
      body: { status: "invalid", errors: { value: "A percentage must be between 1 and 100" } },
    });
    const unknownTier = await act("new", {
      intent: "save",
      reward: { ...freeShipping, tierNames: ["Platinum"] },
    });
    expect(unknownTier.body.errors).toEqual({
      tierNames: 'The program has no tier named "Platinum"',
    });
    expect(await listRewards(getDb(), shop)).toHaveLength(1);
  });

  it("words what a merchant typed wrong in plain sentences, never zod's developer text", async () => {
    const typed = await act("new", {
      intent: "save",
      // What the form sends when the text does not parse: the text itself.
      reward: { ...freeShipping, kind: "fixed_amount", value: "abc", cost: "1,000" },
    });
    expect(typed).toEqual({
      status: 422,
      body: {
        status: "invalid",
        errors: {
          value: "Enter a number, using digits only (no commas or spaces)",
          cost: "Enter a point cost",
        },
      },
    });
    const days = await act("new", {
      intent: "save",
      reward: { ...freeShipping, codeLifetimeDays: "soon", minimumSubtotal: -5 },
    });
    expect(days.body.errors).toEqual({
      codeLifetimeDays: "Enter a number, using digits only (no commas or spaces)",
      minimumSubtotal: "Minimum subtotal cannot be negative",
    });
    expect(JSON.stringify([typed.body, days.body])).not.toMatch(/Invalid input|expected/);
  });

  it("caps what an amount-off or store-credit reward may be worth (1,000,000,000 USD for 500 points)", async () => {
    const reward = { ...freeShipping, kind: "fixed_amount", cost: 500, tierNames: null };
    const huge = await act("new", {
      intent: "save",
      reward: { ...reward, value: 100_000_000_000 },
    });
    expect(huge).toEqual({
      status: 422,
      body: {
        status: "invalid",
        errors: { value: "A reward can be worth at most 100,000 in your currency" },
      },
    });
    const credit = await act("new", {
      intent: "save",
      reward: { ...reward, kind: "store_credit", value: 10_000_001 },
    });
    expect(credit.status).toBe(422);
    expect(await listRewards(getDb(), shop)).toHaveLength(1);
    const atCap = await act("new", { intent: "save", reward: { ...reward, value: 10_000_000 } });
    expect(atCap.body).toMatchObject({ status: "saved" });
  });

  it("answers an unknown intent with 400 and changes nothing", async () => {
    const [reward] = await listRewards(getDb(), shop);
    const result = await act(reward.id, { intent: "archive" });
    expect(result).toMatchObject({ status: 400, body: { status: "bad_request" } });
    expect(await listRewards(getDb(), shop)).toEqual([reward]);
  });

  it("deletes an unredeemed reward and switches off one with redemptions", async () => {
    const [defaultReward] = await listRewards(getDb(), shop);
    const customer = await getDb().customer.create({ data: { shop, shopifyCustomerId: "9" } });
    await getDb().redemption.create({
      data: {
        id: "r1",
        shop,
        customerId: customer.id,
        rewardId: defaultReward.id,
        points: 500,
        status: "used",
        idempotencyKey: "k1",
        requestHash: "h",
      },
    });
    expect((await act(defaultReward.id, { intent: "delete" })).body).toEqual({
      status: "disabled",
    });
    expect((await listRewards(getDb(), shop))[0].enabled).toBe(false);
    const created = await act("new", { intent: "save", reward: freeShipping });
    expect((await act(created.body.id as string, { intent: "delete" })).body).toEqual({
      status: "deleted",
    });
    expect(await listRewards(getDb(), shop)).toHaveLength(1);
  });

  it("never edits or deletes another shop's reward", async () => {
    const [foreign] = await listRewards(getDb(), otherShop);
    expect((await act(foreign.id, { intent: "save", reward: freeShipping })).status).toBe(404);
    expect((await act(foreign.id, { intent: "delete" })).status).toBe(404);
    expect((await listRewards(getDb(), otherShop))[0]).toMatchObject({
      title: "5.00 off",
      enabled: true,
    });
  });
});
