// The local demo looks like a program that has run for a year (issue 20 item 8, issue 21): its
// ledger is spread over the year at the orders' own times, members redeemed, points expired, tiers
// moved, badges were earned, a referral paid its advocate, a member's birthday is paid today, and a
// few deliveries wait for the merchant. Checked in the database the seed wrote and on the pages a
// merchant opens (screenshots in screenshots/demo-*.png for a person to review).
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { openAdmin, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const shop = "tally-demo.myshopify.com";
const db = createPrismaClient(`file:${resolve("tmp/e2e/tally.sqlite")}`);
afterAll(() => db.$disconnect());
const DAY_MS = 86_400_000;

const open = (path: string) => openAdmin(browser(), baseUrl, path);

describe("the demo's seeded year", () => {
  it("is stamped at the events' own times, over the whole year", async () => {
    const entries = await db.ledgerEntry.findMany({
      where: { shop },
      select: { createdAt: true, kind: true },
    });
    const days = new Set(entries.map((entry) => entry.createdAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThan(40);
    const times = entries.map((entry) => entry.createdAt.getTime());
    expect(Date.now() - Math.min(...times)).toBeGreaterThan(300 * DAY_MS);
    const kinds = new Set(entries.map((entry) => entry.kind));
    for (const kind of ["earn", "redeem", "reverse", "expire"]) expect(kinds).toContain(kind);
    // The deliveries were recorded when they happened, not when the demo started.
    const oldest = await db.webhookDelivery.findFirstOrThrow({
      where: { shop },
      orderBy: { receivedAt: "asc" },
    });
    expect(Date.now() - oldest.receivedAt.getTime()).toBeGreaterThan(300 * DAY_MS);
  });

  it("awards every rule end to end: a referral, a birthday today, first logins, badges, tiers", async () => {
    const reasons = await db.ledgerEntry.groupBy({
      by: ["reason"],
      where: { shop, reason: { in: ["Referral bonus", "Birthday bonus", "First login bonus"] } },
      _count: true,
    });
    expect(reasons.map((row) => row.reason).sort()).toEqual([
      "Birthday bonus",
      "First login bonus",
      "Referral bonus",
    ]);
    const birthday = await db.ledgerEntry.findFirstOrThrow({
      where: { shop, reason: "Birthday bonus" },
    });
    expect(Date.now() - birthday.createdAt.getTime()).toBeLessThan(DAY_MS);
    const referrals = await db.referral.findMany({ where: { shop, ipHash: { not: "e2e" } } });
    expect(referrals.map((referral) => referral.status).sort()).toEqual(
      expect.arrayContaining(["completed", "qualified"]),
    );
    expect(await db.customerBadge.count({ where: { shop } })).toBeGreaterThan(0);
    expect(await db.tierChange.count({ where: { shop } })).toBeGreaterThan(0);
    const kept = await db.deadLetter.findMany({
      where: { shop, webhookId: { startsWith: "tally-demo-" } },
    });
    expect(kept.map((letter) => letter.reasonCode).sort()).toEqual([
      "CURRENCY_MISMATCH",
      "INVALID_PAYLOAD",
      "WRONG_TOPIC",
    ]);
    for (const letter of kept)
      expect(Date.now() - letter.receivedAt.getTime()).toBeGreaterThan(DAY_MS);
  });

  it("shows a running program on Home, Analytics, Members, a member, Jobs and Referrals", async () => {
    const home = await open("/app");
    await home.page.getByRole("heading", { name: "Tally loyalty" }).waitFor();
    await home.page.getByText(/updates? from Shopify need your attention/).waitFor();
    await screenshot(home.page, "demo-home");
    expect(home.failures).toEqual([]);
    await home.page.close();

    const analytics = await open("/app/analytics");
    await analytics.page.getByRole("heading", { name: "Analytics" }).waitFor();
    await analytics.page.getByRole("tab", { name: "Last 365 days" }).click();
    await analytics.page.locator('[data-chart="points"] svg').first().waitFor();
    await analytics.page.locator('[data-chart="revenue"] svg').first().waitFor();
    const participation = await analytics.page.getByTestId("kpi-participationRate").textContent();
    expect(Number.parseFloat(participation!)).toBeGreaterThan(0);
    // Redeemers are compared with the others: a figure under "Redeemers", not a dash.
    const lifetimeValue = analytics.page
      .locator(".Polaris-ShadowBevel")
      .filter({ has: analytics.page.getByRole("heading", { name: "Customer lifetime value" }) })
      .last();
    await expect(lifetimeValue.textContent()).resolves.toMatch(/\$[\d,.]+Redeemers/);
    await screenshot(analytics.page, "demo-analytics");
    expect(analytics.failures).toEqual([]);
    await analytics.page.close();

    const members = await open("/app/members");
    await members.page.getByTestId("members-total").waitFor();
    await screenshot(members.page, "demo-members");
    expect(members.failures).toEqual([]);
    await members.page.close();

    const advocate = await db.referral.findFirstOrThrow({
      where: { shop, status: "completed", ipHash: { not: "e2e" } },
    });
    const member = await open(`/app/members/${advocate.advocateId}`);
    await member.page.getByRole("heading", { name: "Referrals" }).waitFor();
    await member.page.getByText("Rewarded").first().waitFor();
    await screenshot(member.page, "demo-member");
    expect(member.failures).toEqual([]);
    await member.page.close();

    const jobs = await open("/app/jobs");
    await jobs.page.getByRole("heading", { name: "Background jobs" }).waitFor();
    await jobs.page.getByRole("heading", { name: "Deliveries needing attention" }).waitFor();
    await screenshot(jobs.page, "demo-jobs");
    expect(jobs.failures).toEqual([]);
    await jobs.page.close();

    const referrals = await open("/app/referrals");
    await referrals.page.getByRole("heading", { name: "Referrals" }).first().waitFor();
    await referrals.page
      .locator("td")
      .filter({ hasText: "Waiting for return window" })
      .first()
      .waitFor();
    await screenshot(referrals.page, "demo-referrals");
    expect(referrals.failures).toEqual([]);
    await referrals.page.close();
  });
});
