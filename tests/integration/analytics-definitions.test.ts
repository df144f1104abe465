// The analytics KPIs by their standard definitions (issue 24, docs/analytics.md), from a shop in New
// York whose every figure is worked out by hand below: orders either side of window edges in the
// shop's time zone, a refund and a cancellation recorded in a later window than their orders, a
// released code and an open one, a member with no orders, guests and a backfilled customer. The
// incremental refresh must reach the same rollups as a rebuild.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { refreshShopAnalytics } from "~/models/analytics-rollup.server";
import { analyticsDashboard, dailyCsv, dashboardCsv } from "~/services/analytics.server";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload } from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "newyork.myshopify.com";
const timeZone = "America/New_York"; // UTC−5 in November and December, UTC−4 until 1 November
// 10:00 on Monday 7 December 2026 in New York. Window starts (local days): 30 → 2026-11-08
// (05:00Z), 90 → 2026-09-09, 365 → 2025-12-08.
const now = new Date("2026-12-07T15:00:00.000Z");

let seq = 0;
const ids: Record<string, string> = {};

async function member(name: string, enrolledAt: string, shopifyCreatedAt: string | null) {
  const row = await getDb().customer.create({
    data: {
      shop,
      shopifyCustomerId: name,
      email: `${name}@example.com`,
      enrolledAt: new Date(enrolledAt),
      shopifyCreatedAt: shopifyCreatedAt ? new Date(shopifyCreatedAt) : null,
      createdAt: new Date(enrolledAt),
    },
  });
  ids[name] = row.id;
}

async function order(
  name: string,
  customer: string | null,
  placedAt: string,
  subtotal: number,
  options: { cancelled?: boolean; earnsPoints?: boolean } = {},
) {
  const row = await getDb().order.create({
    data: {
      shop,
      shopifyOrderId: name,
      customerId: customer ? ids[customer] : null,
      currencyCode: "USD",
      placedAt: new Date(placedAt),
      factsUpdatedAt: new Date(placedAt),
      updatedAt: new Date(placedAt),
      lines: [],
      subtotal,
      paid: true,
      cancelled: options.cancelled ?? false,
      earnsPoints: options.earnsPoints ?? true,
    },
  });
  ids[name] = row.id;
}

async function entry(
  customer: string,
  kind: string,
  points: number,
  createdAt: string,
  options: { order?: string; key?: string } = {},
) {
  await getDb().ledgerEntry.create({
    data: {
      shop,
      customerId: ids[customer],
      kind,
      points,
      orderId: options.order ? ids[options.order] : null,
      idempotencyKey: options.key ?? `test:${++seq}`,
      createdAt: new Date(createdAt),
    },
  });
}

async function redemption(
  id: string,
  customer: string,
  points: number,
  status: string,
  usedBy?: string,
) {
  const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
  await getDb().redemption.create({
    data: {
      id,
      shop,
      customerId: ids[customer],
      rewardId: reward.id,
      points,
      status,
      code: `TALLY-${id}`,
      idempotencyKey: id,
      requestHash: "h",
      usedByOrderId: usedBy ?? null,
    },
  });
}

/** What happens after the first refresh in the incremental test: F's full refund, x1's release. */
async function lateEvents(recordedAt: { refund: string; release: string }) {
  await getDb().order.update({
    where: { id: ids.F },
    data: { subtotal: 0, updatedAt: new Date(recordedAt.refund) },
  });
  await getDb().orderRefund.create({
    data: {
      shop,
      orderId: ids.F,
      shopifyRefundId: "r-F",
      lines: [],
      createdAt: new Date(recordedAt.refund),
    },
  });
  await entry("m3", "reverse", -60, recordedAt.refund, { order: "F" });
  await entry("m1", "release", 500, recordedAt.release, { key: "redemption:x1:release" });
  await getDb().redemption.update({ where: { id: "x1" }, data: { status: "expired" } });
}

async function seed(options: { late: boolean }) {
  await installShop(getDb(), shop, { currencyCode: "USD", timeZone }); // 5.00 off for 500 points
  // m1: created by Shopify at 01:00 on 8 November in New York (inside the 30 days).
  await member("m1", "2026-11-08T06:00:00Z", "2026-11-08T06:00:00Z");
  // m2: created at 23:30 on 7 November in New York: 8 November in UTC, outside the 30 days here.
  await member("m2", "2026-11-08T04:30:00Z", "2026-11-08T04:30:00Z");
  // m3: a customer since 2025 whom the backfill enrolled on 1 December.
  await member("m3", "2026-12-01T12:00:00Z", "2025-06-01T12:00:00Z");
  // m4: no orders; stored before Tally kept Shopify's creation date (falls back to enrolment).
  await member("m4", "2026-10-01T12:00:00Z", null);

  await order("A", "m1", "2026-11-08T05:30:00Z", 5000); // 00:30 on 8 Nov local: inside 30 days
  await entry("m1", "earn", 50, "2026-11-08T05:30:00Z", { order: "A" });
  await order("B", "m1", "2026-11-20T15:00:00Z", 3000);
  await entry("m1", "earn", 30, "2026-11-20T15:00:00Z", { order: "B" });
  await entry("m1", "import", 1000, "2026-11-08T06:00:00Z");
  await entry("m1", "redeem", -500, "2026-11-21T15:00:00Z", { key: "redemption:x1:reserve" });
  await redemption("x1", "m1", 500, "issued");
  await entry("m1", "expire", -80, "2026-12-05T15:00:00Z");

  await order("C", "m2", "2026-11-08T04:30:00Z", 4000); // 23:30 on 7 Nov local: outside 30 days
  await entry("m2", "earn", 40, "2026-11-08T04:30:00Z", { order: "C" });
  await entry("m2", "redeem", -40, "2026-11-24T15:00:00Z", { key: "redemption:x2:reserve" });
  await order("D", "m2", "2026-11-25T15:00:00Z", 2000);
  await entry("m2", "earn", 20, "2026-11-25T15:00:00Z", { order: "D" });
  await redemption("x2", "m2", 40, "used", "D");

  await order("E", "m3", "2025-10-01T15:00:00Z", 10000, { earnsPoints: false }); // backfilled
  await order("F", "m3", "2026-10-15T15:00:00Z", 6000); // refunded in full on 15 Nov
  await entry("m3", "earn", 60, "2026-10-15T15:00:00Z", { order: "F" });
  await order("G", "m3", "2026-09-20T15:00:00Z", 1500, { cancelled: true }); // cancelled 12 Nov
  await entry("m3", "earn", 15, "2026-09-20T15:00:00Z", { order: "G" });
  await entry("m3", "reverse", -15, "2026-11-12T15:00:00Z", { order: "G" });

  await entry("m4", "adjust", 600, "2026-10-01T12:00:00Z");
  await entry("m4", "redeem", -500, "2026-11-10T15:00:00Z", { key: "redemption:x4:reserve" });
  await redemption("x4", "m4", 500, "issued"); // the code is still open

  await order("H", null, "2026-11-09T04:00:00Z", 1000); // 23:00 on 8 Nov local: inside
  await order("I", null, "2026-11-08T04:59:00Z", 7000); // 23:59 on 7 Nov local: outside

  if (options.late)
    await lateEvents({ refund: "2026-11-15T15:00:00Z", release: "2026-12-01T15:00:00Z" });
}

const byDays = <T extends { days: number }>(windows: T[], days: number) =>
  windows.find((window) => window.days === days)!;

/** The hand-computed figures; `view` from analyticsDashboard. */
function expectStandardFigures(view: Awaited<ReturnType<typeof analyticsDashboard>>) {
  const { dashboard } = view;
  // m2 and m4 kept a redemption; m1's came back (expired unused), so m1 is not a participating member.
  // Outstanding: m1 1000+50+30−500+500−80 = 1000, m2 20, m3 0, m4 100 → 1120, plus x4's open code
  // (500 points) at 1 cent a point → 16.20. Breakage: 80 expired, 540 redeemed (40 + 500; m1's 500
  // came back) → 1620 × 540/620 = 1410.97 → 1410.
  expect(dashboard).toMatchObject({
    members: 4,
    participatingMembers: 2,
    pointsOutstanding: 1120,
    openCodes: { count: 1, points: 500 },
    pointValue: { minor: 500, points: 500 },
    liability: 1620,
    breakageRate: { numerator: 80, denominator: 620 },
    estimatedLiability: 1410,
    memberClv: 6000, // m2: C 4000 + D 2000
    nonMemberClv: 9000, // m1 8000, m3 10000 (F refunded to nothing, G cancelled)
  });

  expect(byDays(dashboard.windows, 30)).toMatchObject({
    newMembers: 1, // m1 (m2 was created on 7 Nov in New York, m3 in 2025, m4 on 1 Oct)
    joinedMembers: 2, // m1 and the backfilled m3
    participants: 3, // m1 and m2 earned, m4 kept a redemption; m3 last earned on 15 Oct
    participationRate: { numerator: 3, denominator: 4 },
    // Import 1000 + A 50 + B 30 + D 20; C earned on 7 Nov local; G's and F's reversals count on
    // their orders' days (20 Sep, 15 Oct), not on 12 and 15 Nov when they were recorded.
    pointsIssued: 1100,
    pointsRedeemed: 540, // m2 40, m4 500, m1 500 − 500 released
    pointsExpired: 80,
    redemptionRate: { numerator: 540, denominator: 1100 },
    memberOrders: 1, // D
    memberAov: 2000,
    nonMemberOrders: 3, // A, B, H
    nonMemberAov: 3000,
    revenue: 11000,
    rewardOrders: 1,
    rewardRevenue: 2000,
    memberRepeatRate: { numerator: 0, denominator: 1 }, // m2 ordered once in the 30 days
    nonMemberRepeatRate: { numerator: 1, denominator: 1 }, // m1: A and B
    // m2 had ordered before (C, 7 Nov local) and ordered again: E − N = 1, S = 1.
    memberRetention: { numerator: 1, denominator: 1 },
    // m3 had ordered before (E) and not again (F refunded, G cancelled); m1 is new.
    nonMemberRetention: { numerator: 0, denominator: 1 },
  });

  expect(byDays(dashboard.windows, 90)).toMatchObject({
    newMembers: 3, // + m2 and m4 (by its enrolment day)
    joinedMembers: 4,
    participants: 4, // + m3 (earned on F, 15 Oct)
    participationRate: { numerator: 4, denominator: 4 },
    pointsIssued: 1740, // + C 40, m4's 600, F 60 − 60, G 15 − 15
    pointsRedeemed: 540,
    memberOrders: 2, // C, D
    memberAov: 3000,
    nonMemberOrders: 4, // A, B, H, I (F and G do not count)
    nonMemberAov: 4000,
    revenue: 22000,
    memberRepeatRate: { numerator: 1, denominator: 1 },
    nonMemberRepeatRate: { numerator: 1, denominator: 1 }, // m3 bought nothing that counts
    memberRetention: { numerator: 0, denominator: 0, value: null }, // m2 is new in the window
    nonMemberRetention: { numerator: 0, denominator: 1 },
  });

  expect(byDays(dashboard.windows, 365)).toMatchObject({
    newMembers: 3, // m3 was created before the year
    joinedMembers: 4,
    pointsIssued: 1740,
    memberOrders: 2,
    nonMemberOrders: 4, // E is older than the year
    revenue: 22000,
    nonMemberRetention: { numerator: 0, denominator: 1 },
  });

  // The days are New York's: C and I on 7 November, A and H on the 8th; F's and G's points net to
  // zero on their orders' days, and nothing is moved to the days the refund and cancellation came.
  const day = (date: string) => view.series.find((row) => row.day === date)!;
  expect(day("2026-11-07")).toMatchObject({ memberOrders: 1, guestOrders: 1, pointsIssued: 40 });
  expect(day("2026-11-08")).toMatchObject({ otherOrders: 1, guestOrders: 1, pointsIssued: 1050 });
  expect(day("2026-10-15")).toMatchObject({ pointsIssued: 0, otherOrders: 0 });
  expect(day("2026-11-12")).toMatchObject({ pointsIssued: 0 });
  expect(day("2026-11-15")).toMatchObject({ pointsIssued: 0 });
}

describe("KPIs by their standard definitions, in the shop's time zone", () => {
  beforeEach(async () => {
    seq = 0;
  });

  it("computes every figure of a hand-built shop", async () => {
    await seed({ late: true });
    expectStandardFigures(await analyticsDashboard(getSql(), shop, now));
  });

  it("names each CSV column's window and the shop's time zone", async () => {
    await seed({ late: true });
    const view = await analyticsDashboard(getSql(), shop, now);
    const lines = dashboardCsv(view).trim().split("\r\n");
    expect(lines[0]).toBe(
      "KPI,Now (lifetime),Last 30 days (America/New_York),Last 90 days (America/New_York),Last 365 days (America/New_York),Definition",
    );
    const row = (label: string) => lines.find((line) => line.startsWith(label))!.split(",");
    expect(row("Members,").slice(0, 5)).toEqual(["Members", "4", "", "", ""]);
    expect(row("New members,").slice(0, 5)).toEqual(["New members", "", "1", "3", "3"]);
    expect(row("Points in open reward codes,").slice(0, 5)).toEqual([
      "Points in open reward codes",
      "500",
      "",
      "",
      "",
    ]);
    expect(row("Outstanding liability (USD),").slice(0, 5)).toEqual([
      "Outstanding liability (USD)",
      "16.20",
      "",
      "",
      "",
    ]);
    expect(row("Participation rate (%),").slice(0, 5)).toEqual([
      "Participation rate (%)",
      "",
      "75.0",
      "100.0",
      "100.0",
    ]);
    const daily = dailyCsv(view, 30).trim().split("\r\n");
    expect(daily[0].startsWith("Day (America/New_York),")).toBe(true);
    expect(daily[1].startsWith("2026-11-08,")).toBe(true);
    expect(daily.at(-1)!.startsWith("2026-12-07,")).toBe(true);
  });

  it("an incremental refresh after a late refund and a release equals a rebuild, with the same figures", async () => {
    await seed({ late: false });
    const before = new Date("2026-12-07T14:00:00.000Z");
    await refreshShopAnalytics(getSql(), shop, before, { full: true });
    // The refund of F (placed 15 Oct) and x1's release are recorded today.
    await lateEvents({ refund: "2026-12-07T14:30:00Z", release: "2026-12-07T14:31:00Z" });
    expect(await refreshShopAnalytics(getSql(), shop, now)).toMatchObject({ full: 0 });
    const snapshot = async () => {
      const days = await getDb().analyticsDay.findMany({
        where: { shop },
        orderBy: { day: "asc" },
      });
      const customers = await getDb().analyticsCustomer.findMany({
        where: { shop },
        orderBy: { customerId: "asc" },
      });
      const nonZero = days.filter((row) =>
        Object.entries(row).some(
          ([key, value]) => key !== "shop" && key !== "day" && Number(value) !== 0,
        ),
      );
      return { days: nonZero, customers };
    };
    const incremental = await snapshot();
    expectStandardFigures(await analyticsDashboard(getSql(), shop, now));
    await refreshShopAnalytics(getSql(), shop, now, { full: true });
    expect(await snapshot()).toEqual(incremental);
  });

  it("rebuilds a shop whose time zone changed, and then cuts its days in the new zone", async () => {
    await seed({ late: true });
    await refreshShopAnalytics(getSql(), shop, now);
    await getDb().shop.update({ where: { shop }, data: { timeZone: "UTC" } });
    expect(await refreshShopAnalytics(getSql(), shop, now)).toMatchObject({ full: 1 });
    const { dashboard } = await analyticsDashboard(getSql(), shop, now);
    // In UTC, C (04:30Z) and I (04:59Z) fall on 8 November, inside the 30 days.
    expect(byDays(dashboard.windows, 30)).toMatchObject({ memberOrders: 2, nonMemberOrders: 4 });
  });

  it("counts members delivered by webhooks as new by Shopify's creation date, not by enrolment", async () => {
    await installShop(getDb(), shop, { currencyCode: "USD", timeZone });
    await deliver(
      "customers/create",
      customerPayload({ id: 31, createdAt: "2025-03-01T09:00:00-05:00" }),
      { shop },
    );
    // A member stored before Tally kept the date gets it from their next order's customer.
    await getDb().customer.create({
      data: { shop, shopifyCustomerId: "32", enrolledAt: new Date(), shopifyCreatedAt: null },
    });
    await deliver(
      "orders/paid",
      orderPayload({ id: 901, customer: { id: 32 }, lines: [{ price: 1000 }] }),
      { shop },
    );
    const created = await getDb().customer.findMany({
      where: { shop },
      orderBy: { shopifyCustomerId: "asc" },
      select: { shopifyCustomerId: true, shopifyCreatedAt: true },
    });
    expect(created).toEqual([
      { shopifyCustomerId: "31", shopifyCreatedAt: new Date("2025-03-01T14:00:00.000Z") },
      { shopifyCustomerId: "32", shopifyCreatedAt: new Date("2025-01-01T05:00:00.000Z") },
    ]);
    const { dashboard } = await analyticsDashboard(getSql(), shop, new Date());
    expect(byDays(dashboard.windows, 30)).toMatchObject({ newMembers: 0, joinedMembers: 2 });
  });
});
