// Every analytics KPI against a small shop whose numbers are worked out by hand below, and the
// rollup refresh: incremental equals a rebuild, segment switches, the real webhook path.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob } from "~/jobs/registry.server";
import { refreshShopAnalytics } from "~/models/analytics-rollup.server";
import { createReward } from "~/models/reward.server";
import { analyticsDashboard, dashboardCsv } from "~/services/analytics.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { expectConsoleError } from "../setup/fail-on-console-error";
import { deliver } from "../support/webhooks";

const shop = "numbers.myshopify.com";
const now = new Date("2026-11-23T12:00:00.000Z");
// Window starts (UTC days): 30 → 2026-10-25, 90 → 2026-08-26, 365 → 2025-11-24.

const rollupJob = JOBS.find((job) => job.name === "analytics-rollups")!;
/** The periodic job as the scheduler runs it (every installed shop). */
const runRollupJob = (at: Date) =>
  runJob(rollupJob, { db: getDb(), sql: getSql(), now: at, adminFor: async () => null });

const at = (day: string) => new Date(`${day}T10:00:00.000Z`);
let seq = 0;

async function customer(name: string, enrolled: string) {
  const row = await getDb().customer.create({
    data: {
      shop,
      shopifyCustomerId: name,
      email: `${name}@example.com`,
      enrolledAt: at(enrolled),
      createdAt: at(enrolled),
    },
  });
  return row.id;
}

async function order(
  customerId: string | null,
  day: string,
  subtotal: number,
  options: { cancelled?: boolean; shopifyOrderId?: string } = {},
) {
  const shopifyOrderId = options.shopifyOrderId ?? String(1000 + ++seq);
  await getDb().order.create({
    data: {
      shop,
      shopifyOrderId,
      customerId,
      currencyCode: "USD",
      placedAt: at(day),
      factsUpdatedAt: at(day),
      lines: [],
      subtotal,
      paid: true,
      cancelled: options.cancelled ?? false,
    },
  });
  return shopifyOrderId;
}

/** A ledger entry; a redemption's reserve and release carry the keys the app gives them. */
async function entry(
  customerId: string,
  kind: string,
  points: number,
  day: string,
  idempotencyKey = `test:${++seq}`,
) {
  await getDb().ledgerEntry.create({
    data: { shop, customerId, kind, points, idempotencyKey, createdAt: at(day) },
  });
}

let a = "",
  b = "",
  c = "",
  d = "";

beforeEach(async () => {
  await installShop(getDb(), shop); // the default reward: 5.00 off for 500 points (1 cent a point)
  await createReward(getDb(), shop, {
    title: "10.00 credit",
    kind: "store_credit",
    cost: 800,
    value: 1000,
    variantId: null,
    minimumSubtotal: null,
    tierNames: null,
    codeLifetimeDays: 30,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
    enabled: true,
  });
  a = await customer("a", "2025-01-10"); // participating member: redeemed, then used the code on an order
  b = await customer("b", "2026-11-01"); // new, two orders, never redeemed
  c = await customer("c", "2025-03-01"); // one order a year ago, a cancelled one, some points expired
  d = await customer("d", "2026-09-01"); // redeemed, the code expired unused: not a participating member

  await entry(a, "import", 1000, "2025-02-01");
  await order(a, "2025-06-01", 10000);
  await entry(a, "earn", 100, "2025-06-01");
  await entry(a, "redeem", -500, "2026-11-05", "redemption:r1:reserve");
  const rewardOrder = await order(a, "2026-11-10", 6000);
  await entry(a, "earn", 60, "2026-11-10");
  const rewardId = (
    await getDb().reward.findFirstOrThrow({ where: { shop, kind: "fixed_amount" } })
  ).id;
  await getDb().redemption.create({
    data: {
      id: "r1",
      shop,
      customerId: a,
      rewardId,
      points: 500,
      status: "used",
      code: "TALLY-1",
      idempotencyKey: "k1",
      requestHash: "h",
      usedByOrderId: rewardOrder,
    },
  });

  await order(b, "2026-11-02", 4000);
  await entry(b, "earn", 40, "2026-11-02");
  await order(b, "2026-11-20", 2000);
  await entry(b, "earn", 20, "2026-11-20");

  await order(c, "2025-12-01", 3000);
  await entry(c, "earn", 30, "2025-12-01");
  await order(c, "2026-10-01", 5000, { cancelled: true });
  await entry(c, "expire", -10, "2026-11-15");

  await entry(d, "adjust", 600, "2026-09-01");
  await entry(d, "redeem", -500, "2026-09-02", "redemption:rd:reserve");
  await entry(d, "release", 500, "2026-10-02", "redemption:rd:release");

  await order(null, "2026-11-21", 1000);
  await order(null, "2026-09-15", 9000);
});

const byDays = <T extends { days: number }>(windows: T[], days: number) =>
  windows.find((window) => window.days === days)!;

describe("the dashboard's KPIs, hand-computed", () => {
  it("members, points, liability, redemption, repeat, retention, AOV, CLV and reward revenue", async () => {
    const { dashboard } = await analyticsDashboard(getSql(), shop, now);

    // 4 members; a and d redeemed, but d's points came back: only a kept a redemption.
    expect(dashboard).toMatchObject({ members: 4, participatingMembers: 1 });
    // a 1000+100−500+60 = 660, b 60, c 20, d 600 → 1340; the store credit pays 1000 for 800 points → 1340 × 1.25 = 1675.
    // Breakage: 10 expired, 500 redeemed (d's 500 came back) → 1675 × 500/510 = 1642.15 → 1642.
    expect(dashboard).toMatchObject({
      pointsOutstanding: 1340,
      openCodes: { count: 0, points: 0 },
      pointValue: { minor: 1000, points: 800 },
      liability: 1675,
      breakageRate: { numerator: 10, denominator: 510 },
      estimatedLiability: 1642,
    });
    // Lifetime value: members {a: 16000} → 16000; non-members {b: 6000, c: 3000 (the cancelled order does not count)} → 4500.
    expect(dashboard).toMatchObject({ memberClv: 16000, nonMemberClv: 4500 });

    const w30 = byDays(dashboard.windows, 30);
    expect(w30).toMatchObject({
      newMembers: 1, // b
      participants: 2, // a earned and redeemed, b earned; c and d did neither (d's redemption came back)
      participationRate: { numerator: 2, denominator: 4 },
      pointsIssued: 120,
      pointsRedeemed: 500,
      pointsExpired: 10, // a +60, b +40 +20; a −500; c −10
      redemptionRate: { numerator: 500, denominator: 120 },
      memberRepeatRate: { numerator: 0, denominator: 1 }, // a ordered once in the window (2 in a lifetime)
      nonMemberRepeatRate: { numerator: 1, denominator: 1 }, // b
      memberRetention: { numerator: 1, denominator: 1 }, // a had ordered before and ordered again
      nonMemberRetention: { numerator: 0, denominator: 1 }, // c had ordered before, not again; b is new
      memberOrders: 1,
      memberAov: 6000,
      nonMemberOrders: 3,
      nonMemberAov: 2333, // b 4000 + 2000, guest 1000 → 7000 / 3
      revenue: 13000,
      rewardOrders: 1,
      rewardRevenue: 6000,
    });

    const w90 = byDays(dashboard.windows, 90);
    expect(w90).toMatchObject({
      newMembers: 2, // b, d
      pointsIssued: 720,
      pointsRedeemed: 500,
      pointsExpired: 10, // + d's +600; d's −500 came back (+500)
      nonMemberOrders: 4,
      nonMemberAov: 4000, // + the guest's 9000
      memberOrders: 1,
      memberAov: 6000,
      nonMemberRetention: { numerator: 0, denominator: 1 },
    });

    const w365 = byDays(dashboard.windows, 365);
    expect(w365).toMatchObject({
      newMembers: 2,
      participationRate: { numerator: 3, denominator: 4 }, // + c's earn of 2025-12-01
      pointsIssued: 750, // + c's 30
      memberOrders: 1, // a's 2025-06-01 order is older than a year
      nonMemberOrders: 5,
      nonMemberAov: 3800, // + c's 3000 → 19000 / 5
      nonMemberRepeatRate: { numerator: 1, denominator: 2 }, // b and c ordered; only b has 2 orders
      nonMemberRetention: { numerator: 0, denominator: 0, value: null }, // both first ordered within the year
      memberRetention: { numerator: 1, denominator: 1 },
      revenue: 25000,
    });
  });

  it("downloads the KPIs as CSV with their definitions", async () => {
    const csv = dashboardCsv(await analyticsDashboard(getSql(), shop, now));
    const lines = csv.trim().split("\r\n");
    // Each column names its window; a figure of now sits under "Now (lifetime)" only.
    expect(lines[0]).toBe(
      "KPI,Now (lifetime),Last 30 days (UTC),Last 90 days (UTC),Last 365 days (UTC),Definition",
    );
    expect(
      lines.find((line) => line.startsWith('"Average order value, non-members (USD)",')),
    ).toMatch(/^"Average order value, non-members \(USD\)",,23\.33,40\.00,38\.00,"Revenue ÷ /);
    expect(lines.find((line) => line.startsWith("Outstanding liability"))).toMatch(
      /^Outstanding liability \(USD\),16\.75,,,,/,
    );
    expect(lines.find((line) => line.startsWith("Members,"))).toMatch(/^Members,4,,,,/);
    expect(lines.find((line) => line.startsWith("Participation rate"))).toMatch(
      /^Participation rate \(%\),,50\.0,50\.0,75\.0,/,
    );
    expect(lines.find((line) => line.startsWith("Estimated liability"))).toMatch(
      /^Estimated liability after breakage \(USD\),16\.42,,,,/,
    );
  });
});

describe("a shop whose rollups were never built", () => {
  it("is built during the page load when small; when big it is left to the job and the view says so", async () => {
    // The seed has 4 members and 6 orders: above a limit of 3, so "big" here.
    const first = await analyticsDashboard(getSql(), shop, now, { inlineFirstBuildRows: 3 });
    expect(first).toMatchObject({ refreshedAt: null });
    expect(await getDb().analyticsCustomer.count({ where: { shop } })).toBe(0);

    expect(await runRollupJob(now)).toMatchObject({ status: "ok" });
    const built = await analyticsDashboard(getSql(), shop, now, { inlineFirstBuildRows: 3 });
    expect(built).toMatchObject({ refreshedAt: now.toISOString() });
    expect(built.dashboard.members).toBe(4);
  });

  it("is built for the other shops when one shop's time zone is unknown; that shop's run fails", async () => {
    // "0broken" sorts before the seeded shop, so the job meets it first.
    const broken = "0broken.myshopify.com";
    await installShop(getDb(), broken, { currencyCode: "USD", timeZone: "Mars/Olympus_Mons" });
    expectConsoleError(/job failed/);

    const outcome = await runRollupJob(now);
    expect(outcome).toMatchObject({ ran: true, status: "failed" });
    expect((await analyticsDashboard(getSql(), shop, now)).dashboard.members).toBe(4);
    expect(await getDb().analyticsCustomer.count({ where: { shop } })).toBe(4);
    const statuses = await getDb().jobStatus.findMany({ where: { job: "analytics-rollups" } });
    expect(statuses.find((row) => row.shop === broken)).toMatchObject({
      lastStatus: "failed",
      lastError: expect.stringContaining("Mars/Olympus_Mons"),
    });
    expect(statuses.find((row) => row.shop === shop)).toMatchObject({ lastStatus: "ok" });
  });

  it("takes a first build still under way (its watermark at the epoch) for no build", async () => {
    await getDb().analyticsWatermark.create({
      data: { shop, syncedTo: new Date(0), refreshedAt: new Date(0) },
    });
    expect(
      await analyticsDashboard(getSql(), shop, now, { inlineFirstBuildRows: 3 }),
    ).toMatchObject({ refreshedAt: null });
    // Small enough: built at once, whatever the other build is doing (each recomputes from the source rows).
    const view = await analyticsDashboard(getSql(), shop, now);
    expect(view).toMatchObject({ refreshedAt: now.toISOString() });
    expect(view.dashboard.pointsOutstanding).toBe(1340);
  });
});

describe("the rollup refresh", () => {
  const snapshot = async () => {
    const days = await getDb().analyticsDay.findMany({ where: { shop }, orderBy: { day: "asc" } });
    const customers = await getDb().analyticsCustomer.findMany({
      where: { shop },
      orderBy: { customerId: "asc" },
    });
    // Days left at zero by a recompute and days never written are the same thing.
    const nonZero = days.filter((day) =>
      Object.entries(day).some(
        ([key, value]) => key !== "shop" && key !== "day" && Number(value) !== 0,
      ),
    );
    return { days: nonZero, customers };
  };

  it("an incremental refresh after new activity equals a rebuild from scratch, and repeating it changes nothing", async () => {
    await refreshShopAnalytics(getSql(), shop, now);
    const later = new Date(now.getTime() + 3_600_000);
    // b redeems (becomes a participating member: both orders move segment), c's old order is refunded down.
    await entry(b, "redeem", -50, "2026-11-23");
    await getDb().ledgerEntry.updateMany({
      where: { customerId: b, kind: "redeem" },
      data: { createdAt: later },
    });
    await getDb().order.updateMany({
      where: { customerId: c, cancelled: false },
      data: { subtotal: 2500, updatedAt: later },
    });
    await getDb().order.updateMany({ where: { customerId: b }, data: { updatedAt: now } });

    const counts = await refreshShopAnalytics(getSql(), shop, later);
    expect(counts).toMatchObject({ full: 0 });
    const incremental = await snapshot();
    expect(await refreshShopAnalytics(getSql(), shop, later)).toMatchObject({ full: 0 });
    expect(await snapshot()).toEqual(incremental);
    await refreshShopAnalytics(getSql(), shop, later, { full: true });
    expect(await snapshot()).toEqual(incremental);

    const { dashboard } = await analyticsDashboard(getSql(), shop, later);
    expect(dashboard.participatingMembers).toBe(2); // a and b; d's redemption came back
    expect(byDays(dashboard.windows, 30)).toMatchObject({
      memberOrders: 3,
      memberAov: 4000,
      nonMemberOrders: 1,
    }); // a 6000, b 4000 + 2000
    expect(dashboard.nonMemberClv).toBe(2500); // c alone, refunded to 2500
  });

  it("a rebuild in one-member, one-day steps equals one in the default steps, and drops rollups of rows gone since", async () => {
    await refreshShopAnalytics(getSql(), shop, now, { full: true });
    const defaultSteps = await snapshot();
    expect(defaultSteps.customers).toHaveLength(4);
    await refreshShopAnalytics(getSql(), shop, now, {
      full: true,
      steps: { customers: 1, days: 1 },
    });
    expect(await snapshot()).toEqual(defaultSteps);

    // d leaves (shop data is kept, this is the row going), and the oldest day's rows with it.
    await getDb().ledgerEntry.deleteMany({ where: { customerId: d } });
    await getDb().customer.delete({ where: { id: d } });
    await getDb().ledgerEntry.deleteMany({ where: { customerId: a, kind: "import" } });
    await getDb().customer.update({ where: { id: a }, data: { enrolledAt: at("2025-06-01") } });
    await refreshShopAnalytics(getSql(), shop, now, {
      full: true,
      steps: { customers: 3, days: 30 },
    });
    const after = await snapshot();
    expect(after.customers.map((row) => row.customerId).sort()).toEqual([a, b, c].sort());
    const allDays = await getDb().analyticsDay.findMany({
      where: { shop },
      orderBy: { day: "asc" },
    });
    expect(allDays[0].day >= "2025-03-01").toBe(true); // c's enrolment is now the first row of any kind
    expect(after.days.find((day) => day.day === "2025-02-01")).toBeUndefined();
  }, 90_000); // ~400 one-day steps: 33 s on PostgreSQL at load 21, 20 s would time out

  it("picks up an order credited through the real webhook path", async () => {
    expect(await runRollupJob(new Date())).toMatchObject({ status: "ok" });
    const before = byDays(
      (await analyticsDashboard(getSql(), shop, new Date())).dashboard.windows,
      30,
    );
    await deliver(
      "orders/paid",
      orderPayload({
        id: 77,
        customer: { id: 9 },
        lines: [{ price: 12345 }],
        createdAt: new Date().toISOString(),
      }),
      { shop },
    );
    // Incremental (rows of the last WATERMARK_LAG_MS are looked at again, so counts include the seed's).
    expect(await runRollupJob(new Date())).toMatchObject({
      status: "ok",
      counts: { shops: 1, full: 0 },
    });
    const { dashboard } = await analyticsDashboard(getSql(), shop, new Date());
    const after = byDays(dashboard.windows, 30);
    expect(after.nonMemberOrders).toBe(before.nonMemberOrders + 1);
    expect(after.revenue).toBe(before.revenue + 12345);
    expect(after.pointsIssued).toBe(before.pointsIssued + 123);
    expect(dashboard.members).toBe(5);
  });

  it("sums a day past 2^31 points (a large program's import lands on one day)", async () => {
    // 25 members imported with 100M points each on one day: 2.5 billion, beyond a 32-bit column.
    for (let index = 0; index < 25; index++)
      await entry(await customer(`big${index}`, "2026-11-22"), "import", 100_000_000, "2026-11-22");
    await refreshShopAnalytics(getSql(), shop, now, { full: true });
    const day = await getDb().analyticsDay.findUniqueOrThrow({
      where: { shop_day: { shop, day: "2026-11-22" } },
    });
    expect(day).toMatchObject({ pointsIssued: 2_500_000_000n, pointsNet: 2_500_000_000n });
    const { dashboard } = await analyticsDashboard(getSql(), shop, now);
    expect(byDays(dashboard.windows, 30).pointsIssued).toBe(2_500_000_000 + 60 + 40 + 20);
    expect(dashboard.pointsOutstanding).toBe(2_500_000_000 + 1340); // the seed's 1340 (first test)
  });

  it("keeps each shop's numbers to itself", async () => {
    const other = "other.myshopify.com";
    await installShop(getDb(), other);
    const { dashboard } = await analyticsDashboard(getSql(), other, now);
    expect(dashboard).toMatchObject({ members: 0, pointsOutstanding: 0, memberClv: null });
    expect(byDays(dashboard.windows, 365)).toMatchObject({
      revenue: 0,
      pointsIssued: 0,
      redemptionRate: { value: null },
    });
  });

  it("shop/redact erases the shop's rollups too", async () => {
    await refreshShopAnalytics(getSql(), shop, now);
    expect(await getDb().analyticsCustomer.count({ where: { shop } })).toBe(4);
    await deliver("shop/redact", { shop_id: 1, shop_domain: shop }, { shop });
    expect(await getDb().analyticsDay.count({ where: { shop } })).toBe(0);
    expect(await getDb().analyticsCustomer.count({ where: { shop } })).toBe(0);
    expect(await getDb().analyticsWatermark.count({ where: { shop } })).toBe(0);
  });
});
