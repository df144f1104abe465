// Birthday and first-login bonuses (issue 21, decision 032) through their real entry points: the
// shopper API (POST /api/loyalty/birthday, GET /api/loyalty) and the periodic job as JOBS runs it.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql, openSql } from "~/db.server";
import { databaseKind } from "~/db/database-url";
import type { SqlDatabase } from "~/db/sql.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob } from "~/jobs/registry.server";
import { FLOW_TRIGGERS } from "~/loyalty/engagement";
import { pushDueMetafields } from "~/services/metafield-sync.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { configureEngagement } from "../support/engagement";
import { declaredTriggerKeys } from "../support/flow";
import { changeProgram } from "../support/members";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, setBirthday } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "birthdays.myshopify.com";
const alice = 5101;
const bob = 5102;
const DAY = 86_400_000;
const birthdayJob = JOBS.find((job) => job.name === "birthdays")!;

const token = (customerId: number | null, domain = shop) =>
  shopperToken({ shop: domain, customerId });
const memberOf = (customerId: number, domain = shop) =>
  getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop: domain, shopifyCustomerId: String(customerId) } },
  });
const entriesOf = async (customerId: number, domain = shop) =>
  getDb().ledgerEntry.findMany({
    where: { customerId: (await memberOf(customerId, domain)).id },
    orderBy: { createdAt: "asc" },
  });
const bonuses = async (customerId: number, prefix: string, domain = shop) =>
  (await entriesOf(customerId, domain)).filter((e) => e.idempotencyKey.startsWith(prefix));

async function celebrate(at: Date, sql: SqlDatabase = getSql()) {
  const outcome = await runJob(birthdayJob, {
    db: getDb(),
    sql,
    now: at,
    adminFor: async () => null,
  });
  expect(outcome).toMatchObject({ ran: true, status: "ok" });
}

/** Month and day of `at` in UTC (the test shops' time zone). */
const monthDay = (at: Date) => ({ month: at.getUTCMonth() + 1, day: at.getUTCDate() });
const stored = (at: Date) =>
  `${String(at.getUTCMonth() + 1).padStart(2, "0")}-${String(at.getUTCDate()).padStart(2, "0")}`;

async function join(domain: string, customerId: number, orderId: number, currency = "USD") {
  await deliver(
    "orders/paid",
    orderPayload({ id: orderId, customer: { id: customerId }, lines: [{ price: 1000 }], currency }),
    { shop: domain },
  );
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await join(shop, alice, 1);
  await join(shop, bob, 2);
});

describe("POST /api/loyalty/birthday", () => {
  it("stores the shopper's own birthday as MM-DD, shows it, and locks changes for 365 days", async () => {
    const before = Date.now();
    const response = await setBirthday(await token(alice), { month: 2, day: 29 });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await response.json();
    expect(body).toMatchObject({ month: 2, day: 29 });
    const from = Date.parse(body.changeableFrom);
    expect(from).toBeGreaterThanOrEqual(before + 365 * DAY);
    expect(from).toBeLessThanOrEqual(Date.now() + 365 * DAY);
    expect(await memberOf(alice)).toMatchObject({ birthday: "02-29" });
    expect((await memberOf(bob)).birthday).toBeNull();

    const overview = await (await getLoyalty(await token(alice))).json();
    expect(overview.birthday).toEqual({ month: 2, day: 29, changeableFrom: body.changeableFrom });

    // The same date again is fine (a retry); another date is refused until a year has passed.
    expect((await setBirthday(await token(alice), { month: 2, day: 29 })).status).toBe(200);
    const locked = await setBirthday(await token(alice), { month: 3, day: 1 });
    expect(locked.status).toBe(409);
    expect((await locked.json()).error.code).toBe("BIRTHDAY_LOCKED");
    expect((await memberOf(alice)).birthday).toBe("02-29");
  });

  it("lets a shopper change it again once 365 days have passed", async () => {
    await setBirthday(await token(alice), { month: 5, day: 5 });
    const longAgo = new Date(Date.now() - 366 * DAY);
    await getDb().customer.update({
      where: { id: (await memberOf(alice)).id },
      data: { birthdaySetAt: longAgo },
    });
    expect((await setBirthday(await token(alice), { month: 6, day: 6 })).status).toBe(200);
    expect((await memberOf(alice)).birthday).toBe("06-06");
  });

  it("refuses impossible dates and malformed bodies with 422, guests and strangers clearly, and stores nothing", async () => {
    const aliceToken = await token(alice);
    for (const body of [
      { month: 2, day: 30 },
      { month: 4, day: 31 },
      { month: 13, day: 1 },
      { month: 0, day: 1 },
      { month: "3", day: 1 },
      { month: 3.5, day: 1 },
      { month: 3 },
      { month: 3, day: 1, year: 1990 },
      "not json",
      null,
    ]) {
      const response = await setBirthday(aliceToken, body);
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await setBirthday(aliceToken, { month: 1, day: 1 }, "PUT")).status).toBe(405);
    expect((await setBirthday(null, { month: 1, day: 1 })).status).toBe(401);
    const guest = await setBirthday(await token(null), { month: 1, day: 1 });
    expect((await guest.json()).error.code).toBe("LOGIN_REQUIRED");
    const stranger = await setBirthday(await token(9999), { month: 1, day: 1 });
    expect(stranger.status).toBe(409);
    expect((await stranger.json()).error.code).toBe("NOT_A_MEMBER");
    expect(await getDb().customer.count({ where: { birthday: { not: null } } })).toBe(0);
  });

  it("pushes the birthday to the app-owned $app:loyalty.birthday metafield through the outbox", async () => {
    await setBirthday(await token(alice), { month: 3, day: 14 });
    const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });
    await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
    const metafield = adminApi.state
      .shop(shop)
      .metafield(`gid://shopify/Customer/${alice}`, "$app:loyalty", "birthday");
    expect(metafield).toMatchObject({ type: "single_line_text_field", value: "03-14" });
    expect((await memberOf(alice)).birthdaySyncedAt).not.toBeNull();
  });
});

describe("the birthday job", () => {
  beforeEach(async () => {
    await changeProgram(shop, { birthday: { enabled: true, points: 120 } });
  });

  it("pays the bonus once on the day, however often it runs", async () => {
    const now = new Date();
    await setBirthday(await token(alice), monthDay(now));
    await celebrate(now);
    await celebrate(new Date(now.getTime() + 60_000));
    const alices = await bonuses(alice, "birthday:");
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({
      kind: "earn",
      points: 120,
      reason: "Birthday bonus",
      idempotencyKey: `birthday:${(await memberOf(alice)).id}:${now.getUTCFullYear()}`,
    });
    expect(await bonuses(bob, "birthday:")).toEqual([]);
    expect((await memberOf(alice)).balance).toBe(10 + 120);
    const history = (await (await getLoyalty(await token(alice))).json()).history;
    expect(history[0]).toMatchObject({ points: 120, description: "Birthday bonus" });
  });

  it("moves the member up at once when the bonus reaches a tier, like any other credit", async () => {
    await changeProgram(shop, {
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 100, multiplier: 125 },
      ],
    });
    const now = new Date();
    await setBirthday(await token(alice), monthDay(now));
    expect((await memberOf(alice)).tierName).not.toBe("Silver");
    await celebrate(now);
    const member = await memberOf(alice);
    expect(member.balance).toBe(10 + 120);
    expect(member.tierName).toBe("Silver");
    const moves = await getDb().tierChange.findMany({ where: { customerId: member.id } });
    expect(moves).toEqual([expect.objectContaining({ toTier: "Silver" })]);
    expect((await memberOf(bob)).tierName).not.toBe("Silver");
  });

  it("pays once when several instances run the job at the same moment", async () => {
    const now = new Date();
    await setBirthday(await token(alice), monthDay(now));
    await setBirthday(await token(bob), monthDay(now));
    const postgres = databaseKind(process.env.DATABASE_URL!) === "postgresql";
    const instances = Array.from({ length: 3 }, () =>
      postgres ? openSql(process.env.DATABASE_URL!) : getSql(),
    );
    try {
      // Straight to the work, past the job lock, so the runners really overlap.
      await Promise.all(
        instances.map((sql) =>
          birthdayJob.run({ db: getDb(), sql, now, adminFor: async () => null }),
        ),
      );
    } finally {
      for (const instance of instances) if (instance !== getSql()) await instance.close();
    }
    expect(await bonuses(alice, "birthday:")).toHaveLength(1);
    expect(await bonuses(bob, "birthday:")).toHaveLength(1);
  });

  it("catches up a birthday missed while the job was down, for up to 7 days", async () => {
    const now = new Date();
    await setBirthday(await token(alice), monthDay(now));
    await setBirthday(await token(bob), monthDay(new Date(now.getTime() - 9 * DAY)));
    // Bob's birthday was 9 days ago, but he set it today: it waits for next year in any case.
    await celebrate(new Date(now.getTime() + 5 * DAY));
    expect(await bonuses(alice, "birthday:")).toHaveLength(1);
    expect(await bonuses(bob, "birthday:")).toEqual([]);
    // Eight days after: out of the window.
    const carol = 5103;
    await join(shop, carol, 3);
    await getDb().customer.update({
      where: { id: (await memberOf(carol)).id },
      data: { birthday: stored(now) },
    });
    await celebrate(new Date(now.getTime() + 8 * DAY));
    expect(await bonuses(carol, "birthday:")).toEqual([]);
  });

  it("does not pay a birthday entered after its day, and pays it on the day next year", async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - DAY);
    await setBirthday(await token(alice), monthDay(yesterday));
    await celebrate(now);
    expect(await bonuses(alice, "birthday:")).toEqual([]);
    const nextYear = new Date(yesterday);
    nextYear.setUTCFullYear(yesterday.getUTCFullYear() + 1);
    // 29 Feb yesterday would be 28 Feb next year: monthDay stays a real date either way.
    await celebrate(nextYear);
    const paid = await bonuses(alice, "birthday:");
    expect(paid.map((e) => e.idempotencyKey)).toEqual([
      `birthday:${(await memberOf(alice)).id}:${nextYear.getUTCFullYear()}`,
    ]);
  });

  it("celebrates 29 February on 28 February in common years, once per year", async () => {
    // As staff or an import store it: no "set at", known from before.
    await getDb().customer.update({
      where: { id: (await memberOf(alice)).id },
      data: { birthday: "02-29" },
    });
    await celebrate(new Date("2027-02-27T12:00:00Z"));
    expect(await bonuses(alice, "birthday:")).toEqual([]);
    await celebrate(new Date("2027-02-28T12:00:00Z"));
    await celebrate(new Date("2027-03-01T12:00:00Z"));
    await celebrate(new Date("2028-02-28T12:00:00Z"));
    expect((await bonuses(alice, "birthday:")).map((e) => e.idempotencyKey.split(":")[2])).toEqual([
      "2027",
    ]);
    await celebrate(new Date("2028-02-29T12:00:00Z"));
    expect((await bonuses(alice, "birthday:")).map((e) => e.idempotencyKey.split(":")[2])).toEqual([
      "2027",
      "2028",
    ]);
  });

  it("goes by the shop's time zone", async () => {
    const nz = "birthdays-nz.myshopify.com";
    await installShop(getDb(), nz, { currencyCode: "NZD", timeZone: "Pacific/Auckland" });
    await changeProgram(nz, { birthday: { enabled: true, points: 120 } });
    await join(nz, alice, 11, "NZD");
    await getDb().customer.update({
      where: { id: (await memberOf(alice, nz)).id },
      data: { birthday: "01-01" },
    });
    // Auckland is UTC+13 in December: 10:59 UTC is 23:59 on 31 December, 11:30 UTC is 1 January.
    await celebrate(new Date("2026-12-31T10:59:00Z"));
    expect(await bonuses(alice, "birthday:", nz)).toEqual([]);
    await celebrate(new Date("2026-12-31T11:30:00Z"));
    expect((await bonuses(alice, "birthday:", nz))[0].idempotencyKey).toMatch(/:2027$/);
  });

  it("sends the Customer birthday Flow trigger with the declared fields, also without a bonus", async () => {
    await changeProgram(shop, { birthday: { enabled: false, points: 120 } });
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, birthday: true },
    }));
    const now = new Date();
    await setBirthday(await token(alice), monthDay(now));
    await celebrate(now);
    await celebrate(now);
    expect(await bonuses(alice, "birthday:")).toEqual([]);
    const events = await getDb().flowTriggerOutbox.findMany();
    expect(events).toHaveLength(1);
    expect(events[0].handle).toBe(FLOW_TRIGGERS.birthday);
    const payload = events[0].payload as Record<string, unknown>;
    const date = now.toISOString().slice(0, 10);
    expect(payload).toEqual({
      customer_id: alice,
      birthday: stored(now),
      date,
      "bonus points": 0,
      balance: 10,
      tier: "Member",
    });
    expect(Object.keys(payload).sort()).toEqual(declaredTriggerKeys().get(FLOW_TRIGGERS.birthday));
  });
});

describe("first login", () => {
  it("pays the bonus on the member's first signed-in call only, also under concurrent calls", async () => {
    await changeProgram(shop, { accountActivation: { enabled: true, points: 75 } });
    const aliceToken = await token(alice);
    const responses = await Promise.all([getLoyalty(aliceToken), getLoyalty(aliceToken)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const third = await (await getLoyalty(aliceToken)).json();
    expect(third.balance).toBe(10 + 75);
    const paid = await bonuses(alice, "activation:");
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({
      points: 75,
      reason: "First login bonus",
      idempotencyKey: `activation:${(await memberOf(alice)).id}`,
    });
    expect(third.waysToEarn).toContainEqual({ kind: "first_login", points: 75, done: true });
    expect(await bonuses(bob, "activation:")).toEqual([]);
  });

  it("pays a customer who signed in before joining on their first call as a member", async () => {
    await changeProgram(shop, { accountActivation: { enabled: true, points: 75 } });
    const dave = 5104;
    await getLoyalty(await token(dave));
    expect(
      await getDb().ledgerEntry.count({ where: { idempotencyKey: { startsWith: "activation:" } } }),
    ).toBe(0);
    await join(shop, dave, 4);
    await getLoyalty(await token(dave));
    expect(await bonuses(dave, "activation:")).toHaveLength(1);
  });

  it("lists every enabled rule as a way to earn, and none while the program is switched off", async () => {
    await changeProgram(shop, {
      accountActivation: { enabled: true, points: 75 },
      birthday: { enabled: true, points: 120 },
      everyNthOrder: { enabled: true, points: 300, every: 3 },
    });
    const body = await (await getLoyalty(await token(alice))).json();
    expect(body.waysToEarn.map((way: { kind: string }) => way.kind)).toEqual([
      "purchase",
      "first_login",
      "birthday",
      "every_nth_order",
    ]);
    expect(body.waysToEarn).toContainEqual({
      kind: "every_nth_order",
      points: 300,
      every: 3,
      ordersSoFar: 1,
      ordersToNext: 2,
    });
    await getDb().shop.update({ where: { shop }, data: { programEnabled: false } });
    expect((await (await getLoyalty(await token(alice))).json()).waysToEarn).toEqual([]);
  });

  it("pays nothing while the rule is off, and the first login stays spent", async () => {
    await getLoyalty(await token(alice));
    expect((await memberOf(alice)).firstLoginAt).not.toBeNull();
    await changeProgram(shop, { accountActivation: { enabled: true, points: 75 } });
    await getLoyalty(await token(alice));
    expect(await bonuses(alice, "activation:")).toEqual([]);
  });
});
