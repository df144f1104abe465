// What GET /api/loyalty costs the database (issue #23): on PostgreSQL one round trip for the shop's
// context and everything about the member, and a cost that does not grow with the member's
// history — a 10,000-entry ledger is read no more than a one-entry one — while the expiry line
// stays exactly what the whole ledger says (nextExpiry).
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { nextExpiry } from "~/loyalty/expiry";
import type { ExpiryPolicy } from "~/loyalty/types";
import { expireShopPoints, movementsOf } from "~/services/point-expiry.server";
import { orderPayload } from "../factories/webhook-payloads";
import { appendHistory, threeYears, type Entry } from "../support/long-history";
import { changeProgram } from "../support/members";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty } from "../support/shopper-api";
import { installWithTwoMembers } from "../support/shopper-shops";
import { deliver } from "../support/webhooks";

const shop = "shopper-reads.myshopify.com";
const otherShop = "other-shopper-reads.myshopify.com";
const alice = 4201;
const bob = 4202;
const longHistory = 4203;
const manyLots = 4204;
const postgres = getSql().dialect === "postgresql";
const DAY = 86_400_000;
const afterEarning: ExpiryPolicy = { mode: "after_earning", days: 365 };

/** A member made by a real order, whose ledger then gets `entries` more. */
async function withHistory(shopifyCustomerId: number, entries: Entry[]): Promise<string> {
  await deliver(
    "orders/paid",
    orderPayload({
      id: 90_000 + shopifyCustomerId,
      customer: { id: shopifyCustomerId },
      lines: [{ price: 1000 }],
    }),
    { shop },
  );
  const member = await getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(shopifyCustomerId) } },
  });
  await appendHistory(getDb(), getSql(), shop, member.id, entries);
  return member.id;
}

/** The answer's expiry line, and what the request cost the SQL port. */
async function measured(customerId: number) {
  const before = getSql().traffic();
  const response = await getLoyalty(await shopperToken({ shop, customerId }));
  const after = getSql().traffic();
  expect(response.status).toBe(200);
  const body = (await response.json()) as { expiring: unknown; history: unknown[] };
  return {
    body,
    roundTrips: after.roundTrips - before.roundTrips,
    statements: after.statements - before.statements,
  };
}

/** What nextExpiry says from the member's whole ledger, as the answer writes it. */
async function fromWholeLedger(memberId: string, now: Date) {
  const movements = (await movementsOf(getSql(), [memberId])).get(memberId) ?? [];
  const next = nextExpiry(movements, afterEarning, now);
  return next && { points: next.points, at: next.at.toISOString() };
}

beforeEach(async () => {
  await installWithTwoMembers(shop, otherShop, alice, bob);
  await changeProgram(shop, { expiry: afterEarning });
  // Signed in before, and the caches of a running server warm (program version, engagement).
  await getLoyalty(await shopperToken({ shop, customerId: alice }));
  await getLoyalty(await shopperToken({ shop, customerId: bob }));
});

describe("GET /api/loyalty reads", () => {
  it("reads the shop and everything about the member in one round trip on PostgreSQL", async () => {
    await changeProgram(shop, { tierPeriod: "calendar_year" });
    await getLoyalty(await shopperToken({ shop, customerId: alice }));
    const cost = await measured(alice);
    expect(cost.body.expiring).toMatchObject({ points: 1230 });
    // The shop's context with the member; tier value, rewards, history, badges and live lots.
    if (postgres) expect(cost.roundTrips).toBe(1);
    expect(cost.statements).toBe(6);
  });

  it("answers with a program changed elsewhere at once: the context read with the member says so", async () => {
    const before = await measured(alice);
    expect(before.body.expiring).toMatchObject({ points: 1230 });
    // Saved straight to the database, as another instance would: this process holds the old one.
    await changeProgram(shop, { expiry: { mode: "none" } });
    const changed = await measured(alice);
    expect(changed.body.expiring).toBeNull();
    // The reads shaped by the old program, then again by the new one (parsed when it was saved).
    if (postgres) expect(changed.roundTrips).toBe(2);
    await changeProgram(shop, { expiry: { mode: "after_inactivity", days: 30 } });
    expect((await measured(alice)).body.expiring).toMatchObject({ points: 1230 });
    if (postgres) expect((await measured(alice)).roundTrips).toBe(1);
  });

  it("says no browser or proxy may keep the answer", async () => {
    const response = await getLoyalty(await shopperToken({ shop, customerId: alice }));
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("costs the same for a member with 10,000 ledger entries, and tells the same expiry as the whole ledger", async () => {
    const now = new Date();
    const memberId = await withHistory(longHistory, threeYears(10_000, now));
    // The expiry job has been running: what fell due over the years is expired (one entry now).
    await expireShopPoints(getSql(), shop, now);
    await getLoyalty(await shopperToken({ shop, customerId: longHistory }));

    const short = await measured(bob);
    const long = await measured(longHistory);
    expect(long.statements).toBe(short.statements);
    expect(long.roundTrips).toBe(short.roundTrips);
    expect(long.body.history).toHaveLength(20);
    const expected = await fromWholeLedger(memberId, new Date());
    expect(expected).not.toBeNull();
    expect(long.body.expiring).toEqual(expected);
  });

  it("reads one more page of lots for a member with more live lots than the first, and still tells the truth", async () => {
    const now = Date.now();
    const lots: Entry[] = Array.from({ length: 100 }, (_, index) => ({
      kind: "earn",
      points: 7 + (index % 5),
      createdAt: new Date(now - (300 - index) * DAY),
    }));
    // Spent from the oldest lots first: the line is about the first lot left.
    lots.push({ kind: "redeem", points: -50, createdAt: new Date(now - DAY) });
    const memberId = await withHistory(manyLots, lots);
    await getLoyalty(await shopperToken({ shop, customerId: manyLots }));

    const short = await measured(bob);
    const many = await measured(manyLots);
    expect(many.statements).toBe(short.statements + 1);
    expect(many.body.expiring).toEqual(await fromWholeLedger(memberId, new Date()));
  });
});
