// The Shopify Flow action "Award points" (issue #9): HMAC-verified, validated, idempotent per
// action run or (customer, event key).
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { installShop } from "../factories/shop";
import { signBody } from "../factories/webhook-request";
import { TEST_API_SECRET } from "../setup/test-env";
import { configureEngagement } from "../support/engagement";
import { flowActionBody, rowCounts, sendFlowAction } from "../support/flow";

const shop = "flow-action.myshopify.com";
const otherShop = "flow-other.myshopify.com";

async function member(customerId: string, domain = shop) {
  return getDb().customer.findUnique({
    where: { shop_shopifyCustomerId: { shop: domain, shopifyCustomerId: customerId } },
  });
}

const flowEntries = () =>
  getDb().ledgerEntry.findMany({
    where: { idempotencyKey: { startsWith: "flow:" } },
    orderBy: { createdAt: "asc" },
  });

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

describe("POST /flow/actions/award-points", () => {
  it("credits the points to the customer (enrolling them) as a positive adjustment with the reason", async () => {
    const response = await sendFlowAction(
      flowActionBody(shop, { customer_id: "8001", points: 150, reason: "Product review" }, "run-1"),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "applied", points: 150 });
    expect((await member("8001"))?.balance).toBe(150);
    const [entry] = await flowEntries();
    expect(entry).toMatchObject({
      shop,
      kind: "adjust",
      points: 150,
      reason: "Product review",
      staffId: "shopify-flow",
      idempotencyKey: "flow:run:run-1",
    });
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });

  it("credits a customer id above 2^53 sent as a JSON number to exactly that customer", async () => {
    // JSON.parse would read 115310627314723954 as 115310627314723950: another customer.
    const raw = JSON.stringify(
      flowActionBody(shop, { customer_id: "@id@", points: 30, reason: "Review" }),
    ).replace('"@id@"', "115310627314723954");
    const response = await sendFlowAction(raw);
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await member("115310627314723954"))?.balance).toBe(30);
    expect(await member("115310627314723950")).toBeNull();
  });

  it("accepts the customer as a number or a GID, and points as a numeric string (Flow sends text for some fields)", async () => {
    expect(
      (
        await sendFlowAction(
          flowActionBody(shop, { customer_id: 8002, points: "20", reason: "Survey" }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await sendFlowAction(
          flowActionBody(shop, {
            customer_id: "gid://shopify/Customer/8002",
            points: 5,
            reason: "Survey",
          }),
        )
      ).status,
    ).toBe(200);
    expect((await member("8002"))?.balance).toBe(25);
  });

  it("applies a replayed action run once", async () => {
    const body = flowActionBody(
      shop,
      { customer_id: "8001", points: 40, reason: "App sign-up" },
      "run-replayed",
    );
    const answers = await Promise.all([
      sendFlowAction(body),
      sendFlowAction(body),
      sendFlowAction(body),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const statuses = await Promise.all(answers.map(async (answer) => (await answer.json()).status));
    expect(statuses.sort()).toEqual(["applied", "duplicate", "duplicate"]);
    expect((await member("8001"))?.balance).toBe(40);
    expect(await flowEntries()).toHaveLength(1);
  });

  it("awards once per customer and event key across different workflow runs", async () => {
    const first = await sendFlowAction(
      flowActionBody(
        shop,
        { customer_id: "8001", points: 30, reason: "Review", event_key: "review-77" },
        "run-a",
      ),
    );
    const again = await sendFlowAction(
      flowActionBody(
        shop,
        { customer_id: "8001", points: 30, reason: "Review", event_key: "review-77" },
        "run-b",
      ),
    );
    const otherCustomer = await sendFlowAction(
      flowActionBody(
        shop,
        { customer_id: "8003", points: 30, reason: "Review", event_key: "review-77" },
        "run-c",
      ),
    );
    expect([
      (await first.json()).status,
      (await again.json()).status,
      (await otherCustomer.json()).status,
    ]).toEqual(["applied", "duplicate", "applied"]);
    expect((await member("8001"))?.balance).toBe(30);
    expect((await member("8003"))?.balance).toBe(30);
  });

  it("refuses the same event key with a different amount (409) and applies nothing", async () => {
    await sendFlowAction(
      flowActionBody(shop, {
        customer_id: "8001",
        points: 30,
        reason: "Review",
        event_key: "review-78",
      }),
    );
    const conflicting = await sendFlowAction(
      flowActionBody(shop, {
        customer_id: "8001",
        points: 300,
        reason: "Review",
        event_key: "review-78",
      }),
    );
    expect(conflicting.status).toBe(409);
    expect((await conflicting.json()).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((await member("8001"))?.balance).toBe(30);
  });

  it("answers 401 to a forged, missing or wrong-secret signature and writes nothing", async () => {
    const body = flowActionBody(shop, { customer_id: "8001", points: 1000, reason: "Free points" });
    const before = await rowCounts();
    const raw = JSON.stringify(body);
    for (const response of [
      await sendFlowAction(raw, { hmac: "bm90LXRoZS1yZWFsLWhtYWM=" }),
      await sendFlowAction(raw, { hmac: null }),
      await sendFlowAction(raw, { secret: "another-apps-secret" }),
    ]) {
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("INVALID_HMAC");
    }
    // A body changed after signing is forged too.
    const signedFor = await sendFlowAction(raw.replace("1000", "9999"), {
      hmac: signBody(raw, TEST_API_SECRET),
    });
    expect(signedFor.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it("validates the body: 422 with the field, nothing written", async () => {
    const before = await rowCounts();
    for (const properties of [
      { customer_id: "8001", points: 0, reason: "Zero" },
      { customer_id: "8001", points: 2.5, reason: "Fraction" },
      { customer_id: "8001", points: 10 },
      { customer_id: "not-a-customer", points: 10, reason: "Bad id" },
      { points: 10, reason: "No customer" },
    ]) {
      const response = await sendFlowAction(flowActionBody(shop, properties));
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await sendFlowAction("{not json")).status).toBe(422);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 404 for a shop that does not run Tally and keeps shops apart", async () => {
    const response = await sendFlowAction(
      flowActionBody("unknown-shop.myshopify.com", {
        customer_id: "8001",
        points: 10,
        reason: "X",
      }),
    );
    expect(response.status).toBe(404);
    await sendFlowAction(
      flowActionBody(otherShop, { customer_id: "8001", points: 10, reason: "X" }, "run-other"),
    );
    expect(await member("8001")).toBeNull();
    expect((await member("8001", otherShop))?.balance).toBe(10);
  });
});

describe("POST /flow/actions/award-badge", () => {
  const reviewer = {
    id: "custom-reviewer",
    name: "Reviewer",
    description: "Wrote a review",
    enabled: true,
    bonusPoints: 20,
    rule: { kind: "custom" as const },
  };
  const award = (
    properties: { customer_id?: unknown; badge_id?: unknown },
    options: { hmac?: string | null } = {},
  ) => sendFlowAction(flowActionBody(shop, properties), { ...options, action: "award-badge" });

  it("awards a switched-on custom badge once, with its bonus, however often Flow asks", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      badges: [...settings.badges, reviewer],
    }));
    const answers = await Promise.all([
      award({ customer_id: "8001", badge_id: "custom-reviewer" }),
      award({ customer_id: "8001", badge_id: "custom-reviewer" }),
    ]);
    expect(
      (
        await Promise.all(
          answers.map(async (answer) => [answer.status, (await answer.json()).status]),
        )
      ).sort(),
    ).toEqual([
      [200, "already_held"],
      [200, "awarded"],
    ]);
    const customer = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "8001" },
      include: { badges: true },
    });
    expect(customer.badges.map((badge) => badge.badgeId)).toEqual(["custom-reviewer"]);
    expect(customer.balance).toBe(20);
  });

  it("refuses unknown, switched-off and automatic badges (422) and forged requests (401), writing nothing", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      badges: [
        ...settings.badges.map((badge) => ({ ...badge, enabled: true })),
        { ...reviewer, id: "custom-off", enabled: false },
      ],
    }));
    const before = await rowCounts();
    for (const badgeId of ["custom-nope", "custom-off", "first-order"]) {
      const response = await award({ customer_id: "8001", badge_id: badgeId });
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBe("UNKNOWN_BADGE");
    }
    expect(
      (await award({ customer_id: "8001", badge_id: "first-order" }, { hmac: "Zm9yZ2Vk" })).status,
    ).toBe(401);
    expect((await award({ customer_id: "8001" })).status).toBe(422);
    expect(await rowCounts()).toEqual(before);
  });
});
