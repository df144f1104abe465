// Refer a friend (issue 21 item 1, decision 036) through its real entry points: the advocate's code
// from GET /api/loyalty, the public landing route /r/{shop}/{CODE} (which makes the friend's code in
// the Admin API stand-in), the order webhooks, the referrals job, and the staff decision.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob } from "~/jobs/registry.server";
import { DEFAULT_REFERRALS } from "~/loyalty/program-schema";
import type { ReferralRule } from "~/loyalty/types";
import { loader as memberLoader } from "~/routes/app.members.$id";
import { action as referralsAction, loader as referralsLoader } from "~/routes/app.referrals";
import { loader as landing } from "~/routes/r.$shop.$code";
import { decideHeldReferral, hashIp, LINKS_PER_IP_PER_DAY } from "~/services/referrals.server";
import { installShop } from "../factories/shop";
import { orderPayload, refundPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { adminRequest, routeResult } from "../support/admin-request";
import { configureEngagement } from "../support/engagement";
import { declaredTriggerKeys } from "../support/flow";
import { changeProgram } from "../support/members";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, getOrderPoints } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "referrals.myshopify.com";
const ann = 7101; // the advocate
const bob = 7102; // a friend
const DAY = 86_400_000;
const referralsJob = JOBS.find((job) => job.name === "referrals")!;

async function enableReferrals(rule: Partial<ReferralRule> = {}, pendingDays = 0) {
  await changeProgram(shop, {
    pendingDays,
    referrals: { ...structuredClone(DEFAULT_REFERRALS), enabled: true, ...rule },
  });
}

/** The advocate joins with a paid order and reads their code as the Rewards page does. */
async function advocateCode(customerId = ann, street = "1 Advocate Road"): Promise<string> {
  await deliver(
    "orders/paid",
    orderPayload({
      id: customerId * 10,
      customer: { id: customerId },
      lines: [{ price: 1000 }],
      shippingStreet: street,
    }),
    { shop },
  );
  const response = await getLoyalty(await shopperToken({ shop, customerId }));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { referral: { code: string; link: string } | null };
  expect(body.referral).not.toBeNull();
  return body.referral!.code;
}

/** The friend opens the link; answers the landing route's response. */
async function openLink(code: string, ip = "198.51.100.20", domain = shop) {
  const request = new Request(`https://tally.example/r/${domain}/${code}`);
  return (await landing({
    request,
    params: { shop: domain, code },
    context: { peerAddress: ip },
  })) as Response;
}

async function friendCode(code: string, ip?: string): Promise<string> {
  const response = await openLink(code, ip);
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  expect(location).toMatch(new RegExp(`^https://${shop}/discount/FRIEND-[A-Z0-9]{8}$`));
  return decodeURIComponent(location.split("/discount/")[1]);
}

function friendOrder(
  id: number,
  code: string,
  options: { customer?: number; email?: string; street?: string; createdAt?: string } = {},
) {
  return orderPayload({
    id,
    customer: { id: options.customer ?? bob, email: options.email },
    lines: [{ price: 8000, lineId: id * 100 + 1 }],
    discountCodes: [code],
    shippingStreet: options.street ?? "9 Friend Street",
    createdAt: options.createdAt ?? new Date().toISOString(),
  });
}

const referrals = () =>
  getDb().referral.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
const awardsOf = async (customerId: number) => {
  const member = await getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
  });
  return getDb().ledgerEntry.findMany({
    where: { customerId: member.id, idempotencyKey: { startsWith: "referral:" } },
  });
};
const runReferralsJob = (now: Date) =>
  runJob(referralsJob, { db: getDb(), sql: getSql(), now, adminFor: async () => null });

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("the advocate's code and link", () => {
  it("is shown only while referrals are on, and stays the same", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: ann }, lines: [{ price: 1000 }] }),
      { shop },
    );
    const off = await (await getLoyalty(await shopperToken({ shop, customerId: ann }))).json();
    expect(off.referral).toBeNull();
    expect(off.waysToEarn.map((way: { kind: string }) => way.kind)).not.toContain("referral");
    await enableReferrals({
      advocatePoints: 700,
      friendDiscount: { kind: "percentage", value: 15 },
    });
    const first = await advocateCode();
    const again = await (await getLoyalty(await shopperToken({ shop, customerId: ann }))).json();
    expect(again.referral).toEqual({
      code: first,
      link: `https://tally.example/r/${shop}/${first}`.replace(
        "https://tally.example",
        new URL(again.referral.link).origin,
      ),
      advocatePoints: 700,
      friendDiscount: { kind: "percentage", value: 15, currency: "USD" },
    });
    expect(first).toMatch(/^[A-Z2-9]{8}$/);
    // Ways to earn lists the referral with the same link (decision 042).
    expect(again.waysToEarn).toContainEqual({
      kind: "referral",
      points: 700,
      friendDiscount: { kind: "percentage", value: 15, currency: "USD" },
      link: again.referral.link,
    });
  });

  it("is on the thank-you page's order answer while referrals are on (decision 042)", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: ann }, lines: [{ price: 1000 }] }),
      { shop },
    );
    const token = await shopperToken({ shop, customerId: ann });
    expect((await (await getOrderPoints(token, "1")).json()).referral).toBeNull();
    await enableReferrals({ friendDiscount: { kind: "fixed_amount", value: 1000 } });
    const order = await (await getOrderPoints(token, "1")).json();
    const code = await advocateCode();
    expect(order.referral).toMatchObject({
      code,
      link: expect.stringMatching(new RegExp(`/r/${shop}/${code}$`)),
      friendDiscount: { kind: "fixed_amount", value: 10, currency: "USD" },
    });
  });
});

describe("the landing link", () => {
  beforeEach(() => enableReferrals({ friendDiscount: { kind: "fixed_amount", value: 1250 } }));

  it("makes a single-use code for the friend in Shopify and redirects to the shop with it", async () => {
    const code = await advocateCode();
    const friend = await friendCode(code.toLowerCase());
    const discount = adminApi.state.shop(shop).discountByCode(friend)!;
    expect(discount).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      customerIds: [],
    });
    expect(discount.value).toMatchObject({ kind: "fixedAmount" });
    expect(await referrals()).toMatchObject([{ friendCode: friend, status: "pending" }]);
    // The same friend opening the link again gets the same code, not a second one.
    expect(await friendCode(code)).toBe(friend);
    expect(adminApi.state.shop(shop).discounts.size).toBe(1);
  });

  it("answers 404 for an unknown or malformed link and writes nothing", async () => {
    await advocateCode();
    expect((await openLink("ZZZZZZZZ")).status).toBe(404);
    expect((await openLink("not-a-code")).status).toBe(404);
    expect((await openLink("ABCDEFGH", undefined, "evil.example.com")).status).toBe(404);
    expect(await referrals()).toEqual([]);
  });

  it("sends the friend to the shop without a code while referrals are off", async () => {
    const code = await advocateCode();
    await changeProgram(shop, { referrals: { ...DEFAULT_REFERRALS, enabled: false } });
    const response = await openLink(code);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`https://${shop}`);
    expect(await referrals()).toEqual([]);
  });

  it("limits the codes one IP address makes in a day", async () => {
    const code = await advocateCode();
    const advocateId = (await getDb().customer.findFirstOrThrow({ where: { shop } })).id;
    const ip = "203.0.113.50";
    for (let i = 0; i < LINKS_PER_IP_PER_DAY - 1; i++)
      await getDb().referral.create({
        data: {
          shop,
          advocateId,
          friendCode: `FRIEND-SEED${String(i).padStart(4, "0")}`,
          ipHash: hashIp(shop, ip),
          status: "rejected",
        },
      });
    expect((await openLink(code, ip)).status).toBe(302);
    const other = await advocateCode(7150, "2 Other Road");
    const limited = await openLink(other, ip);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Too many referral links/);
    // Another address is not affected.
    expect((await openLink(other, "203.0.113.51")).status).toBe(302);
  });

  it("makes nothing when Shopify refuses the code, and says so", async () => {
    const code = await advocateCode();
    adminApi.failNext("ReferralCodeCreate", "USER_ERROR");
    const refused = await openLink(code);
    expect(refused.status).toBe(503);
    expect(await referrals()).toEqual([]);
  });
});

describe("the friend's first order and the advocate's award", () => {
  it("qualifies the friend's first paid order and pays the advocate once the return window has passed", async () => {
    await enableReferrals({ advocatePoints: 500 }, 14);
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, referral_completed: true },
    }));
    const friend = await friendCode(await advocateCode());
    const placed = new Date();
    await deliver("orders/paid", friendOrder(2001, friend, { createdAt: placed.toISOString() }), {
      shop,
    });
    await deliver("orders/paid", friendOrder(2001, friend, { createdAt: placed.toISOString() }), {
      shop,
    });
    expect(await referrals()).toMatchObject([
      { status: "qualified", shopifyOrderId: "2001", orderSubtotal: 8000n },
    ]);
    // Inside the window nothing is paid.
    await runReferralsJob(new Date(placed.getTime() + 13 * DAY));
    expect(await awardsOf(ann)).toEqual([]);
    await runReferralsJob(new Date(placed.getTime() + 14 * DAY + 1000));
    await runReferralsJob(new Date(placed.getTime() + 15 * DAY));
    const [award] = await awardsOf(ann);
    expect(award).toMatchObject({ kind: "earn", points: 500 });
    expect(award.idempotencyKey).toBe(`referral:${(await referrals())[0].id}:award`);
    expect(await awardsOf(ann)).toHaveLength(1);
    expect((await referrals())[0].status).toBe("completed");
    const events = await getDb().flowTriggerOutbox.findMany({
      where: { shop, handle: "tally-referral-completed" },
    });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      customer_id: ann,
      "friend customer id": bob,
      "order id": "2001",
      "bonus points": 500,
    });
    // Exactly the fields the trigger extension declares.
    expect(Object.keys(events[0].payload as object).sort()).toEqual(
      declaredTriggerKeys().get("tally-referral-completed"),
    );
  });

  it("pays at once when the program has no pending days", async () => {
    await enableReferrals({ advocatePoints: 300 });
    const friend = await friendCode(await advocateCode());
    await deliver("orders/paid", friendOrder(2002, friend), { shop });
    expect((await awardsOf(ann)).map((entry) => entry.points)).toEqual([300]);
  });

  it("reverses the referral when the order is refunded in full or cancelled inside the window", async () => {
    await enableReferrals({}, 14);
    const advocate = await advocateCode();
    const refunded = await friendCode(advocate, "198.51.100.1");
    const cancelled = await friendCode(advocate, "198.51.100.2");
    await deliver("orders/paid", friendOrder(2003, refunded), { shop });
    await deliver(
      "orders/paid",
      friendOrder(2004, cancelled, { customer: 7103, street: "5 Third Way" }),
      { shop },
    );
    await deliver(
      "refunds/create",
      refundPayload({
        id: 90,
        orderId: 2003,
        lines: [{ lineId: 200301, quantity: 1, subtotal: 8000 }],
      }),
      { shop },
    );
    const cancelledAt = new Date().toISOString();
    await deliver(
      "orders/cancelled",
      {
        ...friendOrder(2004, cancelled, { customer: 7103, street: "5 Third Way" }),
        cancelled_at: cancelledAt,
        updated_at: cancelledAt,
      },
      { shop },
    );
    expect((await referrals()).map((r) => [r.shopifyOrderId, r.status, r.reason])).toEqual([
      ["2003", "reversed", "order_refunded"],
      ["2004", "reversed", "order_cancelled"],
    ]);
    await runReferralsJob(new Date(Date.now() + 30 * DAY));
    expect(await awardsOf(ann)).toEqual([]);
  });

  it("keeps the referral on a partial refund, with the referred revenue reduced", async () => {
    await enableReferrals({}, 14);
    const friend = await friendCode(await advocateCode());
    const order = orderPayload({
      id: 2005,
      customer: { id: bob },
      lines: [
        { price: 6000, lineId: 200501 },
        { price: 2000, lineId: 200502 },
      ],
      discountCodes: [friend],
      shippingStreet: "9 Friend Street",
      createdAt: new Date().toISOString(),
    });
    await deliver("orders/paid", order, { shop });
    await deliver(
      "refunds/create",
      refundPayload({
        id: 91,
        orderId: 2005,
        lines: [{ lineId: 200502, quantity: 1, subtotal: 2000 }],
      }),
      { shop },
    );
    expect(await referrals()).toMatchObject([{ status: "qualified", orderSubtotal: 6000n }]);
  });
});

describe("fraud checks", () => {
  beforeEach(() => enableReferrals({ advocateWeeklyLimit: 2, ipWeeklyHold: 3 }));

  const outcome = async () => (await referrals()).map((r) => [r.status, r.reason]);

  it("rejects the advocate using their own code", async () => {
    const friend = await friendCode(await advocateCode());
    await deliver("orders/paid", friendOrder(3001, friend, { customer: ann }), { shop });
    expect(await outcome()).toEqual([["rejected", "same_customer"]]);
    expect(await awardsOf(ann)).toEqual([]);
  });

  it("rejects a friend with the advocate's mailbox under another spelling", async () => {
    const code = await advocateCode();
    await deliver(
      "orders/paid",
      orderPayload({
        id: 70,
        customer: { id: ann, email: "ann.lee@gmail.com" },
        lines: [{ price: 1000 }],
        shippingStreet: "1 Advocate Road",
      }),
      { shop },
    );
    const friend = await friendCode(code);
    await deliver(
      "orders/paid",
      friendOrder(3002, friend, { email: "AnnLee+friend@googlemail.com" }),
      { shop },
    );
    expect(await outcome()).toEqual([["rejected", "same_email"]]);
  });

  it("rejects a friend shipping to the advocate's address", async () => {
    const friend = await friendCode(await advocateCode(ann, "1 Advocate Road"));
    await deliver("orders/paid", friendOrder(3003, friend, { street: "1 ADVOCATE ROAD." }), {
      shop,
    });
    expect(await outcome()).toEqual([["rejected", "same_address"]]);
  });

  it("counts only the friend's first order", async () => {
    const friend = await friendCode(await advocateCode());
    await deliver(
      "orders/paid",
      orderPayload({
        id: 3004,
        customer: { id: bob },
        lines: [{ price: 500 }],
        shippingStreet: "9 Friend Street",
      }),
      { shop },
    );
    await deliver("orders/paid", friendOrder(3005, friend), { shop });
    expect(await outcome()).toEqual([["rejected", "not_first_order"]]);
  });

  it("rejects referrals beyond the advocate's weekly limit", async () => {
    const code = await advocateCode();
    for (const [i, friend] of [7301, 7302, 7303].entries()) {
      const friendDiscount = await friendCode(code, `198.51.100.${60 + i}`);
      await deliver(
        "orders/paid",
        friendOrder(3100 + i, friendDiscount, { customer: friend, street: `${i} Lane` }),
        { shop },
      );
    }
    expect(await outcome()).toEqual([
      ["completed", null],
      ["completed", null],
      ["rejected", "weekly_limit"],
    ]);
    expect(await awardsOf(ann)).toHaveLength(2);
  });

  it("holds a referral for review when many links came from one IP this week; staff approve or reject", async () => {
    const codes = [
      await advocateCode(),
      await advocateCode(7160, "3 Road"),
      await advocateCode(7161, "4 Road"),
      await advocateCode(7162, "5 Road"),
    ];
    const friends = [];
    for (const code of codes) friends.push(await friendCode(code, "198.51.100.99"));
    // The 4th link from the IP is past the hold threshold (3 before it).
    await deliver(
      "orders/paid",
      friendOrder(3201, friends[3], { customer: 7401, street: "8 Lane" }),
      { shop },
    );
    await deliver(
      "orders/paid",
      friendOrder(3202, friends[0], { customer: 7402, street: "9 Lane" }),
      { shop },
    );
    const rows = await referrals();
    const held = rows.find((r) => r.shopifyOrderId === "3201")!;
    expect(held).toMatchObject({ status: "held", reason: "ip_volume" });
    expect(rows.find((r) => r.shopifyOrderId === "3202")).toMatchObject({ status: "completed" });
    expect(await awardsOf(7162)).toEqual([]);

    const decide = (decision: "approve" | "reject", referralId = held.id) =>
      decideHeldReferral(getSql(), shop, { referralId, decision, staffId: "staff-1" }, new Date());
    expect(await decide("approve")).toEqual({ status: "decided", referralStatus: "completed" });
    expect((await awardsOf(7162)).map((entry) => entry.points)).toEqual([
      DEFAULT_REFERRALS.advocatePoints,
    ]);
    expect(await decide("reject")).toEqual({ status: "not_held", referralStatus: "completed" });
    expect(await decide("approve", "no-such-referral")).toEqual({ status: "not_found" });
  });
});

describe("the admin's Referrals page and member card", () => {
  const page = async (path = "/app/referrals") =>
    routeResult<{
      referrals: { id: string; status: string; reason: string | null }[];
      figures: Record<string, number>;
    }>(async () =>
      referralsLoader({ request: await adminRequest(shop, path), params: {}, context: {} }),
    );
  const decide = async (form: Record<string, string>) =>
    routeResult<{ status: string; message?: string }>(async () =>
      referralsAction({
        request: await adminRequest(shop, "/app/referrals", { form }),
        params: {},
        context: {},
      }),
    );

  it("lists referrals with their figures, filters by status, and lets staff decide a held one", async () => {
    await enableReferrals({ ipWeeklyHold: 1 });
    const code = await advocateCode();
    const first = await friendCode(code, "198.51.100.30");
    const second = await friendCode(await advocateCode(7170, "7 Road"), "198.51.100.30");
    await deliver("orders/paid", friendOrder(4001, first), { shop });
    await deliver("orders/paid", friendOrder(4002, second, { customer: 7501, street: "6 Lane" }), {
      shop,
    });
    const all = await page();
    expect(all.status).toBe(200);
    expect(all.body.referrals.map((r) => r.status).sort()).toEqual(["completed", "held"]);
    expect(all.body.figures).toMatchObject({
      links: 2,
      converted: 2,
      completed: 1,
      held: 1,
      referredRevenue: 16000,
      conversionPercent: 100,
    });
    const held = await page("/app/referrals?status=held");
    expect(held.body.referrals).toHaveLength(1);
    const heldId = held.body.referrals[0].id;

    expect((await decide({ referralId: heldId, decision: "maybe" })).status).toBe(422);
    expect(await decide({ referralId: heldId, decision: "reject" })).toEqual({
      status: 200,
      body: { status: "rejected", message: "Referral updated" },
    });
    expect((await decide({ referralId: heldId, decision: "approve" })).status).toBe(409);
    expect((await decide({ referralId: "missing", decision: "approve" })).status).toBe(404);
    expect(await awardsOf(7170)).toEqual([]);

    // The advocate's member page carries only their own referrals.
    const advocate = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(7170) } },
    });
    const member = await routeResult<{ referrals: { status: string; reason: string }[] }>(
      async () =>
        memberLoader({
          request: await adminRequest(shop, `/app/members/${advocate.id}`),
          params: { id: advocate.id },
          context: {},
        }),
    );
    expect(member.body.referrals).toMatchObject([{ status: "rejected", reason: "staff" }]);
  });
});
