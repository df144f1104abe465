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
      page.getByText(/Customers earn 1 point per 1\.00 USD spent/).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "admin-home");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("shows the background jobs page with every job and its last run", async () => {
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
    await screenshot(page, "admin-jobs");
    expect(failures).toEqual([]);
    await page.close();
  });
});
