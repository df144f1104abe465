import Database from "better-sqlite3";
import { resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

describe("the embedded admin in the local demo", () => {
  it("opens the home page rendered with Polaris and the demo shop's numbers", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const response = await page.goto(`${baseUrl}/local-dev/open`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Tally loyalty" }).waitFor();
    // Polaris styles are applied (not a bare HTML page): its card surface has a border radius.
    const radius = await page
      .locator(".Polaris-ShadowBevel")
      .first()
      .evaluate((node) =>
        getComputedStyle(node).getPropertyValue("--pc-shadow-bevel-border-radius"),
      );
    expect(radius.trim()).not.toBe("");
    const members = await page
      .getByRole("heading", { name: "Members", exact: true })
      .locator("xpath=following-sibling::*[1]")
      .textContent();
    expect(Number(members)).toBe(20);
    await expect(
      page.getByText(/Customers earn 1 point per \$1\.00 spent/).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "admin-home");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("shows the background jobs page with every job and its last run", async () => {
    // A reconciliation pass that found an order it could not apply (the demo's own job may run
    // meanwhile and replace the counts: the assertions below hold for either).
    const database = new Database(resolve("tmp/e2e/tally.sqlite"));
    const at = new Date().toISOString().replace("Z", "+00:00");
    database
      .prepare(
        `INSERT OR REPLACE INTO "OrderReconciliation" (shop, watermark, checked, applied, failed, failures, "passFinishedAt", "updatedAt")
         VALUES ('tally-demo.myshopify.com', ?, 1204, 3, 1, ?, ?, ?)`,
      )
      .run(
        at,
        JSON.stringify([{ orderId: "901", reason: "amount 10.005 has too many decimals" }]),
        at,
        at,
      );
    database.close();
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open`);
    await page.getByRole("heading", { name: "Tally loyalty" }).waitFor();
    // The embedded session's query (shop, host, id_token) carries over to the jobs page.
    const url = new URL(page.url());
    url.pathname = "/app/jobs";
    const response = await page.goto(url.toString());
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Background jobs" }).waitFor();
    for (const label of [
      "Metafield and tag sync",
      "Point expiry and expiring-soon notices",
      "Tier re-evaluation",
      "Ledger verification",
    ]) {
      await expect(page.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await page.getByRole("heading", { name: "Orders checked against Shopify" }).waitFor();
    await expect(
      page.getByText(/Every order updated before .* has been checked\./).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page
        .getByText(/(Last check|Check in progress): checked [\d,]+ orders, applied \d+/)
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "admin-jobs");
    expect(failures).toEqual([]);
    await page.close();
  });
});
