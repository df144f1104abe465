import { describe, expect, inject, it } from "vitest";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

describe("the analytics page in the local demo", () => {
  it("shows the KPIs with their definitions, draws the charts and downloads a CSV", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const response = await page.goto(`${baseUrl}/local-dev/open?path=/app/analytics`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Analytics" }).waitFor();
    const members = await page
      .getByRole("heading", { name: "Members", exact: true })
      .first()
      .locator("xpath=following-sibling::*[1]")
      .textContent();
    expect(Number(members)).toBe(20);
    await expect(
      page.getByText(/Points redeemed ÷ points issued in the period/).isVisible(),
    ).resolves.toBe(true);
    // Each figure links to its formula and standard source; the days are the shop's.
    await expect(
      page.getByRole("link", { name: "Formula and source" }).first().getAttribute("href"),
    ).resolves.toMatch(/^\/app\/analytics\/definitions#/);
    await expect(page.getByText(/Days are the shop's days/).isVisible()).resolves.toBe(true);
    await page.getByRole("heading", { name: "New members", exact: true }).waitFor();
    // Refer a friend (decision 042): made, referred revenue and conversion, with their definitions.
    for (const name of ["Referrals made", "Referred revenue", "Referral conversion"])
      await page.getByRole("heading", { name, exact: true }).waitFor();
    await expect(
      page
        .getByText(/Of the friend codes issued in the period, the share whose referral/)
        .isVisible(),
    ).resolves.toBe(true);
    // polaris-viz draws SVG charts once mounted in the browser.
    await screenshot(page, "admin-analytics-30d");
    await page.locator('[data-chart="points"] svg').first().waitFor();
    await page.locator('[data-chart="revenue"] svg').first().waitFor();
    await page.getByRole("tab", { name: "Last 365 days" }).click();
    await screenshot(page, "admin-analytics");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Members (CSV)" }).click();
    const file = await download;
    const text = await new Response(
      (await file.createReadStream()) as unknown as ReadableStream,
    ).text();
    expect(text.split("\r\n")[0]).toMatch(/^shopify_customer_id,email,/);
    expect(text.trim().split("\r\n")).toHaveLength(21);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("explains each figure on the definitions page", async () => {
    const page = await newPage(browser());
    const response = await page.goto(
      `${baseUrl}/local-dev/open?path=${encodeURIComponent("/app/analytics/definitions")}`,
    );
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Customer retention rate (CRR)" }).waitFor();
    await expect(
      page.getByText(/\(\(E − N\) ÷ S\) × 100, as in the loyalty/).isVisible(),
    ).resolves.toBe(true);
    await page.close();
  });
});
