import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { maturePendingPoints } from "~/services/pending-maturation.server";
import { expireShopPoints } from "~/services/point-expiry.server";
import { installShop } from "../factories/shop";
import { aMember, changeProgram, entry } from "../support/members";

const shop = "expiry-test.myshopify.com";

const expire = (at: string) => expireShopPoints(getSql(), shop, new Date(at));
const customer = (id: string) => getDb().customer.findUniqueOrThrow({ where: { id } });
const expiries = (customerId: string) =>
  getDb().ledgerEntry.findMany({
    where: { customerId, kind: "expire" },
    orderBy: { createdAt: "asc" },
  });

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("expiry N days after earning (FIFO lots)", () => {
  beforeEach(async () => {
    await changeProgram(shop, {
      expiry: { mode: "after_earning", days: 365 },
      expiryNoticeDays: 14,
    });
  });

  it("expires what is left of a Feb 29 lot 365 days later as a ledger entry, once", async () => {
    const id = await aMember(shop, 1);
    await entry(shop, id, "earn", 100, "2024-02-29T10:00:00Z");
    await entry(shop, id, "redeem", -30, "2024-03-10T00:00:00Z");
    await entry(shop, id, "earn", 50, "2024-06-01T00:00:00Z");

    expect(await expire("2025-02-28T09:59:59Z")).toEqual({
      checked: 1,
      membersExpired: 0,
      pointsExpired: 0,
      noticesChanged: 1,
    });
    expect(await customer(id)).toMatchObject({
      balance: 120,
      expiringPoints: 70,
      expiringAt: new Date("2025-02-28T10:00:00Z"),
    });

    expect(await expire("2025-02-28T10:00:00Z")).toMatchObject({
      membersExpired: 1,
      pointsExpired: 70,
    });
    expect(await customer(id)).toMatchObject({ balance: 50, expiringPoints: 0, expiringAt: null });
    const [expired] = await expiries(id);
    expect(expired).toMatchObject({
      points: -70,
      idempotencyKey: `expire:${id}:fifo:70`,
      reason: "points older than 365 days",
    });

    expect(await expire("2025-02-28T10:00:00Z")).toMatchObject({
      membersExpired: 0,
      pointsExpired: 0,
    });
    expect(await expire("2025-05-20T00:00:00Z")).toMatchObject({
      pointsExpired: 0,
      noticesChanged: 1,
    });
    expect(await customer(id)).toMatchObject({
      expiringPoints: 50,
      expiringAt: new Date("2025-06-01T00:00:00Z"),
    });
    expect(await expire("2025-06-01T00:00:00Z")).toMatchObject({ pointsExpired: 50 });
    expect((await expiries(id)).map((row) => row.idempotencyKey)).toEqual([
      `expire:${id}:fifo:70`,
      `expire:${id}:fifo:120`,
    ]);
    expect(await customer(id)).toMatchObject({ balance: 0 });
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });

  it("clears the expiring-soon figures when the merchant switches expiry off", async () => {
    const id = await aMember(shop, 2);
    await entry(shop, id, "earn", 100, "2024-01-01T00:00:00Z");
    await expire("2024-12-25T00:00:00Z");
    expect(await customer(id)).toMatchObject({ expiringPoints: 100 });
    await changeProgram(shop, { expiry: { mode: "none" } });
    expect(await expire("2024-12-26T00:00:00Z")).toMatchObject({
      noticesChanged: 1,
      pointsExpired: 0,
    });
    expect(await customer(id)).toMatchObject({ expiringPoints: 0, expiringAt: null, balance: 100 });
  });
});

describe("which members a run visits", () => {
  it("skips members with nothing new until a lot nears its date, their ledger changes or the program does", async () => {
    await changeProgram(
      shop,
      { expiry: { mode: "after_earning", days: 365 }, expiryNoticeDays: 14 },
      "2025-01-01T00:00:00Z",
    );
    const id = await aMember(shop, 6);
    const other = await aMember(shop, 7);
    await entry(shop, id, "earn", 100, "2025-01-01T00:00:00Z");
    await entry(shop, other, "earn", 100, "2025-03-01T00:00:00Z");
    expect(await expire("2025-06-01T00:00:00Z")).toMatchObject({ checked: 2 });
    expect(await expire("2025-06-02T00:00:00Z")).toMatchObject({ checked: 0 });
    await entry(shop, other, "redeem", -10, "2025-06-03T00:00:00Z");
    expect(await expire("2025-06-04T00:00:00Z")).toMatchObject({ checked: 1 });
    // 2025-12-18: the first lot enters the 14-day notice window.
    expect(await expire("2025-12-17T23:59:59Z")).toMatchObject({ checked: 0 });
    expect(await expire("2025-12-18T00:00:00Z")).toMatchObject({ checked: 1, noticesChanged: 1 });
    expect(await customer(id)).toMatchObject({
      expiringPoints: 100,
      expiringAt: new Date("2026-01-01T00:00:00Z"),
    });
    expect(await expire("2026-01-01T00:00:00Z")).toMatchObject({ checked: 1, pointsExpired: 100 });
    await changeProgram(shop, { expiryNoticeDays: 30 }, "2026-01-01T12:00:00Z");
    expect(await expire("2026-01-02T00:00:00Z")).toMatchObject({ checked: 2 });
  });
});

describe("expiry after N days without activity", () => {
  it("expires the whole balance once, keyed by the inactive period, and starts over on new activity", async () => {
    await changeProgram(shop, { expiry: { mode: "after_inactivity", days: 180 } });
    const id = await aMember(shop, 3);
    await entry(shop, id, "earn", 200, "2025-01-01T00:00:00Z");
    await expire("2025-06-29T00:00:00Z");
    expect(await customer(id)).toMatchObject({
      expiringPoints: 200,
      expiringAt: new Date("2025-06-30T00:00:00Z"),
    });
    expect(await expire("2025-06-30T00:00:00Z")).toMatchObject({ pointsExpired: 200 });
    expect(await expire("2025-07-30T00:00:00Z")).toMatchObject({ pointsExpired: 0 });
    await entry(shop, id, "earn", 10, "2025-08-01T00:00:00Z");
    expect(await expire("2026-02-01T00:00:00Z")).toMatchObject({ pointsExpired: 10 });
    expect((await expiries(id)).map((row) => row.idempotencyKey)).toEqual([
      `expire:${id}:inactive:2025-01-01T00:00:00.000Z`,
      `expire:${id}:inactive:2025-08-01T00:00:00.000Z`,
    ]);
  });
});

describe("pending points maturing", () => {
  it("moves pending points into the balance once their availableAt passes, exactly once", async () => {
    const id = await aMember(shop, 4);
    await entry(shop, id, "earn", 100, "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z");
    await entry(shop, id, "reverse", -40, "2025-01-10T00:00:00Z", "2025-01-31T00:00:00Z"); // a refund while pending
    await entry(shop, id, "earn", 5, "2025-01-20T00:00:00Z");
    expect(await customer(id)).toMatchObject({ balance: 5, pending: 60 });

    expect(await maturePendingPoints(getSql(), shop, new Date("2025-01-30T23:59:59Z"))).toEqual({
      entries: 0,
      points: 0,
    });
    expect(await maturePendingPoints(getSql(), shop, new Date("2025-01-31T00:00:00Z"))).toEqual({
      entries: 2,
      points: 60,
    });
    expect(await customer(id)).toMatchObject({ balance: 65, pending: 0 });
    expect(await maturePendingPoints(getSql(), shop, new Date("2025-02-01T00:00:00Z"))).toEqual({
      entries: 0,
      points: 0,
    });
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
    expect(await getDb().metafieldOutbox.count({ where: { customerId: id } })).toBe(1);
  });

  it("is what verify expects before the job has run too", async () => {
    const id = await aMember(shop, 5);
    await entry(shop, id, "earn", 100, "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z");
    // Long past availableAt but not matured yet: the cached figures still say pending, and so does verify.
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
    expect(await customer(id)).toMatchObject({ balance: 0, pending: 100 });
  });
});
