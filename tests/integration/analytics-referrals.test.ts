// Referral KPIs on the Analytics page (decision 042, docs/analytics.md) from a hand-built shop in New
// York: referrals either side of the window edges in the shop's time zone (a completion at 23:30 on
// 7 November local is 8 November in UTC), a reversed referral with an order, a qualified and a held
// one not completed yet, and another shop's referral that must not count.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { analyticsDashboard, dashboardCsv } from "~/services/analytics.server";
import { installShop } from "../factories/shop";

const shop = "referral-kpis.myshopify.com";
const otherShop = "other-referral-kpis.myshopify.com";
const timeZone = "America/New_York";
// 10:00 on 7 December 2026 in New York. Window starts: 30 days → 2026-11-08 05:00Z (EST),
// 90 days → 2026-09-09 04:00Z (EDT), 365 days → 2025-12-08 05:00Z.
const now = new Date("2026-12-07T15:00:00.000Z");

let seq = 0;

async function referral(
  domain: string,
  advocateId: string,
  createdAt: string,
  status: string,
  order: { subtotal: number; completedAt?: string } | null = null,
) {
  seq++;
  await getDb().referral.create({
    data: {
      shop: domain,
      advocateId,
      friendCode: `FRIEND-TEST${String(seq).padStart(4, "0")}`,
      ipHash: "h",
      status,
      shopifyOrderId: order ? String(9000 + seq) : null,
      orderSubtotal: order?.subtotal ?? null,
      completedAt: order?.completedAt ? new Date(order.completedAt) : null,
      createdAt: new Date(createdAt),
    },
  });
}

async function seed() {
  await installShop(getDb(), shop, { currencyCode: "USD", timeZone });
  await installShop(getDb(), otherShop, { currencyCode: "USD", timeZone });
  const advocate = await getDb().customer.create({
    data: { shop, shopifyCustomerId: "1", email: "ann@example.com" },
  });
  const elsewhere = await getDb().customer.create({
    data: { shop: otherShop, shopifyCustomerId: "1", email: "ann@example.com" },
  });
  const a = advocate.id;
  // r1: issued at local midnight of 8 November (the 30 days' first instant), completed on the 20th.
  await referral(shop, a, "2026-11-08T05:00:00Z", "completed", {
    subtotal: 8000,
    completedAt: "2026-11-20T12:00:00Z",
  });
  // r2: issued 20 October, completed at 23:30 on 7 November local (8 November in UTC): not in 30 days.
  await referral(shop, a, "2026-10-20T12:00:00Z", "completed", {
    subtotal: 5000,
    completedAt: "2026-11-08T04:30:00Z",
  });
  // r3: issued one second before the 30 days, still pending.
  await referral(shop, a, "2026-11-08T04:59:59Z", "pending");
  // r4: the friend's order was refunded inside the return window: reversed, never completed.
  await referral(shop, a, "2026-11-25T12:00:00Z", "reversed", { subtotal: 9000 });
  // r5: qualified, waiting for the return window; r6: held for review.
  await referral(shop, a, "2026-11-30T12:00:00Z", "qualified", { subtotal: 4000 });
  await referral(shop, a, "2026-11-10T12:00:00Z", "held", { subtotal: 1500 });
  // r7: issued one second before the 90 days (local midnight, EDT), completed inside them.
  await referral(shop, a, "2026-09-09T03:59:59Z", "completed", {
    subtotal: 3000,
    completedAt: "2026-09-20T12:00:00Z",
  });
  // r8: issued at the 90 days' first instant, completed an hour ago.
  await referral(shop, a, "2026-09-09T04:00:00Z", "completed", {
    subtotal: 2500,
    completedAt: "2026-12-07T14:00:00Z",
  });
  await referral(otherShop, elsewhere.id, "2026-12-01T12:00:00Z", "completed", {
    subtotal: 99_900,
    completedAt: "2026-12-02T12:00:00Z",
  });
}

const byDays = <T extends { days: number }>(windows: T[], days: number) =>
  windows.find((window) => window.days === days)!;

describe("referral KPIs, in the shop's time zone", () => {
  beforeEach(async () => {
    seq = 0;
    await seed();
  });

  it("counts codes issued, referrals completed, referred revenue and conversion per window", async () => {
    const { dashboard } = await analyticsDashboard(getSql(), shop, now);
    expect(byDays(dashboard.windows, 30)).toMatchObject({
      referralsMade: 4, // r1, r4, r5, r6 (r3 was issued on 7 November local)
      referralsCompleted: 2, // r1, r8 (r2 completed on 7 November local)
      referredRevenue: 10_500, // 8000 + 2500; the reversed r4's 9000 never counts
      referralConversion: { numerator: 1, denominator: 4 }, // r1 of the 4
    });
    expect(byDays(dashboard.windows, 90)).toMatchObject({
      referralsMade: 7, // + r2, r3, r8 (r7 came a second before the window)
      referralsCompleted: 4, // r1, r2, r7, r8
      referredRevenue: 18_500,
      referralConversion: { numerator: 3, denominator: 7 }, // r1, r2, r8
    });
    expect(byDays(dashboard.windows, 365)).toMatchObject({
      referralsMade: 8,
      referralsCompleted: 4,
      referredRevenue: 18_500,
      referralConversion: { numerator: 4, denominator: 8 },
    });
  });

  it("puts them in the KPI CSV under headers that name their window", async () => {
    const lines = dashboardCsv(await analyticsDashboard(getSql(), shop, now))
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "KPI,Now (lifetime),Last 30 days (America/New_York),Last 90 days (America/New_York),Last 365 days (America/New_York),Definition",
    );
    const row = (label: string) =>
      lines
        .find((line) => line.startsWith(`${label},`))!
        .split(",")
        .slice(0, 5);
    expect(row("Referrals made (friend codes issued)")).toEqual([
      "Referrals made (friend codes issued)",
      "",
      "4",
      "7",
      "8",
    ]);
    expect(row("Referrals completed")).toEqual(["Referrals completed", "", "2", "4", "4"]);
    expect(row("Referred revenue (USD)")).toEqual([
      "Referred revenue (USD)",
      "",
      "105.00",
      "185.00",
      "185.00",
    ]);
    expect(row("Referral conversion (%)")).toEqual([
      "Referral conversion (%)",
      "",
      "25.0",
      "42.9",
      "50.0",
    ]);
  });
});
