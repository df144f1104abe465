import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { pushDueMetafields } from "~/services/metafield-sync.server";
import { loadProgramSettings, saveProgramSettings } from "~/services/program-settings.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "sync-test.myshopify.com";
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });

function status(customerId: number) {
  const stored = adminApi.state
    .shop(shop)
    .metafield(`gid://shopify/Customer/${customerId}`, "$app:loyalty", "status");
  return stored ? JSON.parse(stored.value) : undefined;
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("metafield sync", () => {
  it("mirrors balance and tier progress after an order, then empties the outbox", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 31 }, lines: [{ price: 68000 }] }),
      { shop },
    );
    expect(await getDb().metafieldOutbox.count()).toBe(1);
    expect(adminApi.calls).toEqual([]); // nothing on the webhook path
    const result = await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(result).toEqual({ pushed: 1, deferred: 0, dropped: 0 });
    expect(status(31)).toEqual({
      v: 1,
      balance: 680,
      pending: 0,
      tier: "Member",
      nextTier: "Silver",
      pointsToNextTier: 320,
      earn: { perUnit: 1, currency: "USD" },
    });
    expect(await getDb().metafieldOutbox.count()).toBe(0);
  });

  it("publishes the earn rate per one unit when the program earns per 100 JPY, and the order credits per 100", async () => {
    const jpy = "sync-jpy.myshopify.com";
    await installShop(getDb(), jpy, { currencyCode: "JPY", timeZone: "Asia/Tokyo" });
    const { program } = await currentProgramVersion(getDb(), jpy);
    await saveProgramVersion(
      getDb(),
      jpy,
      {
        ...structuredClone(program),
        currencyExponent: 0,
        purchase: { ...program.purchase, pointsPerUnit: 2, spendUnit: 100 },
      },
      "test",
    );
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: 32 }, currency: "JPY", lines: [{ price: 12_345 }] }),
      { shop: jpy },
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    const stored = adminApi.state
      .shop(jpy)
      .metafield("gid://shopify/Customer/32", "$app:loyalty", "status");
    // 2 points per 100 JPY on 12,345 JPY: 246 points; the extensions estimate with 0.02 per 1 JPY.
    expect(JSON.parse(stored!.value)).toMatchObject({
      balance: 246,
      earn: { perUnit: 0.02, currency: "JPY" },
    });
  });

  it("coalesces changes per customer and sends at most 25 customers per call", async () => {
    for (let index = 0; index < 30; index++) {
      await deliver(
        "orders/paid",
        orderPayload({ id: 100 + index, customer: { id: 500 + index }, lines: [{ price: 1000 }] }),
        { shop },
      );
      await deliver(
        "orders/paid",
        orderPayload({ id: 200 + index, customer: { id: 500 + index }, lines: [{ price: 2000 }] }),
        { shop },
      );
    }
    expect(await getDb().metafieldOutbox.count()).toBe(30);
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    const sets = adminApi.calls.filter((call) => call.operationName === "MetafieldsSet");
    expect(sets.map((call) => (call.variables.metafields as unknown[]).length)).toEqual([25, 5]);
    expect(status(529)).toMatchObject({ balance: 30 });
  });

  it("backs off when Shopify throttles and pushes on a later run", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 31 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    adminApi.failNext("MetafieldsSet", "THROTTLED");
    const now = new Date();
    expect(await pushDueMetafields(getDb(), getSql(), adminFor, now)).toEqual({
      pushed: 0,
      deferred: 1,
      dropped: 0,
    });
    const row = await getDb().metafieldOutbox.findFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await pushDueMetafields(getDb(), getSql(), adminFor, now)).toEqual({
      pushed: 0,
      deferred: 0,
      dropped: 0,
    });
    expect(
      await pushDueMetafields(getDb(), getSql(), adminFor, new Date(now.getTime() + 60_000)),
    ).toMatchObject({ pushed: 1 });
    expect(status(31)).toMatchObject({ balance: 50 });
  });

  it("drops the work of a shop that has no session any more", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 31 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    expect(await pushDueMetafields(getDb(), getSql(), async () => null, new Date())).toEqual({
      pushed: 0,
      deferred: 0,
      dropped: 1,
    });
    expect(await getDb().metafieldOutbox.count()).toBe(0);
  });

  it("tags the customer with their tier for segments, swapping the tag when the tier changes", async () => {
    const tags = () => [...(adminApi.state.shop(shop).tags.get("gid://shopify/Customer/31") ?? [])];
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 31 }, lines: [{ price: 50000 }] }),
      { shop },
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(tags()).toEqual([]); // the entry tier carries no tag
    expect(adminApi.calls.filter((call) => call.operationName?.startsWith("CustomerTags"))).toEqual(
      [],
    );

    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: 31 }, lines: [{ price: 60000 }] }),
      { shop },
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(tags()).toEqual(["Tally Silver"]);

    await getDb().shop.update({ where: { shop }, data: { tierTagPrefix: "VIP: " } });
    await deliver(
      "orders/paid",
      orderPayload({ id: 3, customer: { id: 31 }, lines: [{ price: 200000 }] }),
      { shop },
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(tags()).toEqual(["VIP: Gold"]);
    expect(status(31)).toMatchObject({ tier: "Gold" });
    expect(
      await getDb().customer.findFirstOrThrow({ where: { shopifyCustomerId: "31" } }),
    ).toMatchObject({ tierTag: "VIP: Gold" });
  });

  it("retries a tag change Shopify refused, with the metafields", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 31 }, lines: [{ price: 150000 }] }),
      { shop },
    );
    adminApi.failNext("CustomerTagsAdd", "THROTTLED");
    expect(await pushDueMetafields(getDb(), getSql(), adminFor, new Date())).toEqual({
      pushed: 0,
      deferred: 1,
      dropped: 0,
    });
    expect(
      await pushDueMetafields(getDb(), getSql(), adminFor, new Date(Date.now() + 60_000)),
    ).toMatchObject({ pushed: 1 });
    expect([...(adminApi.state.shop(shop).tags.get("gid://shopify/Customer/31") ?? [])]).toEqual([
      "Tally Silver",
    ]);
  });
});

describe("the shop's $app:loyalty.program metafield (storefront product block, decision 037)", () => {
  function programMetafield(domain: string) {
    const shopGid = adminApi.state.shop(domain).metafields.values();
    for (const metafield of shopGid)
      if (metafield.ownerId.startsWith("gid://shopify/Shop/") && metafield.key === "program")
        return { ownerId: metafield.ownerId, value: JSON.parse(metafield.value) };
    return undefined;
  }

  it("publishes the entry tier's earn rate and product multipliers when the program is saved, through the outbox", async () => {
    const { program, version } = await loadProgramSettings(getDb(), shop);
    const saved = await saveProgramSettings(
      getDb(),
      getSql(),
      shop,
      {
        program: {
          ...structuredClone(program),
          purchase: {
            ...program.purchase,
            pointsPerUnit: 3,
            productMultipliers: [{ productId: "7101", multiplier: 200 }],
          },
        },
        enabled: true,
        baseVersion: version,
      },
      "staff-1",
      new Date(),
    );
    expect(saved.status).toBe("saved");
    expect(adminApi.calls).toEqual([]); // nothing sent while saving
    expect(await getDb().metafieldOutbox.count()).toBe(1);

    const result = await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(result).toEqual({ pushed: 1, deferred: 0, dropped: 0 });
    // The product block shows "Earn N" for product 7101 at 2× (decision 043).
    expect(programMetafield(shop)?.value).toEqual({
      v: 1,
      earn: { perUnit: 3, currency: "USD" },
      products: { "7101": 200 },
      exact: true,
      referral: null,
    });
    expect(programMetafield(shop)?.ownerId).toMatch(/^gid:\/\/shopify\/Shop\/\d+$/);
    expect(await getDb().metafieldOutbox.count()).toBe(0);
  });

  it("publishes no rate while the program is switched off", async () => {
    const { program, version } = await loadProgramSettings(getDb(), shop);
    await saveProgramSettings(
      getDb(),
      getSql(),
      shop,
      { program: structuredClone(program), enabled: false, baseVersion: version },
      "staff-1",
      new Date(),
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(programMetafield(shop)?.value).toEqual({ v: 1, earn: null, referral: null });
  });

  it("publishes what a referral gives while referrals are on, for the storefront's guests (decision 042)", async () => {
    const { program, version } = await loadProgramSettings(getDb(), shop);
    await saveProgramSettings(
      getDb(),
      getSql(),
      shop,
      {
        program: {
          ...structuredClone(program),
          referrals: {
            ...program.referrals,
            enabled: true,
            advocatePoints: 300,
            friendDiscount: { kind: "fixed_amount", value: 1250 },
          },
        },
        enabled: true,
        baseVersion: version,
      },
      "staff-1",
      new Date(),
    );
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    expect(programMetafield(shop)?.value.referral).toEqual({
      advocatePoints: 300,
      friendDiscount: { kind: "fixed_amount", value: 12.5, currency: "USD" },
    });
  });
});
