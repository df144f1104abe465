// What the merchant sees in real Chromium when a page cannot be shown (an unknown member, an unknown
// address) and while the next page loads (the frame's skeleton).
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

async function open(
  path: string,
): Promise<{ page: Page; status: number | undefined; failures: string[] }> {
  const page = await newPage(browser());
  const failures: string[] = [];
  page.on("pageerror", (error) => failures.push(error.message));
  const response = await page.goto(`${baseUrl}/local-dev/open?path=${encodeURIComponent(path)}`);
  return { page, status: response?.status(), failures };
}

describe("error pages", () => {
  it("a member that does not exist: a 404 'Not found' page in the admin, and the way back home works", async () => {
    const { page, status, failures } = await open("/app/members/no-such-member");
    expect(status).toBe(404);
    await page.getByRole("heading", { name: "Not found", level: 1 }).waitFor();
    await expect(
      page.getByText("This member does not exist in this shop.").isVisible(),
    ).resolves.toBe(true);
    // Inside the admin frame: Polaris is applied, and nothing of Remix's default error page shows.
    await expect(page.locator(".Polaris-Banner").count()).resolves.toBe(1);
    await expect(page.getByText(/Unexpected Server Error|Application Error/).count()).resolves.toBe(
      0,
    );
    await screenshot(page, "admin-member-not-found");
    await page.getByRole("link", { name: "Back to home" }).click();
    await page.getByRole("heading", { name: "Tally loyalty" }).waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });

  it("an address with no page: the root's plain 'not found' page, not Remix's default", async () => {
    const page = await newPage(browser());
    const response = await page.goto(`${baseUrl}/no/such/page`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    await expect(page.getByText("There is no page at this address.").isVisible()).resolves.toBe(
      true,
    );
    await expect(page.getByText(/No route matches|404 Not Found/).count()).resolves.toBe(0);
    await screenshot(page, "root-not-found");
    await page.close();
  });
});

describe("loading", () => {
  it("shows a skeleton while the next page's data is on its way", async () => {
    const { page, failures } = await open("/app/members");
    await page.locator(".Polaris-IndexTable__TableRow a").first().waitFor();
    // Hold the member page's data request until the skeleton has been seen.
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route(
      (url) => url.pathname.startsWith("/app/members/") && url.searchParams.has("_data"),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.locator(".Polaris-IndexTable__TableRow a").first().click();
    // Polaris's SkeletonPage: a status region labelled for screen readers, with skeleton text.
    await page.getByRole("status", { name: "Page loading" }).waitFor();
    await expect(page.locator(".Polaris-SkeletonBodyText").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator(".Polaris-IndexTable").count()).resolves.toBe(0);
    await screenshot(page, "admin-navigation-skeleton");
    release();
    await page.getByRole("heading", { name: "Adjust points" }).waitFor();
    await expect(page.getByRole("status", { name: "Page loading" }).count()).resolves.toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("on the members list, a search in progress replaces the table with a skeleton", async () => {
    const { page, failures } = await open("/app/members");
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route(
      (url) =>
        url.pathname === "/app/members" &&
        url.searchParams.has("_data") &&
        url.searchParams.has("q"),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.getByLabel("Search by email or name").fill("a");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("status", { name: "Loading members" }).waitFor();
    await expect(rows.count()).resolves.toBe(0);
    await screenshot(page, "admin-members-search-skeleton");
    release();
    await page.waitForURL((url) => url.searchParams.get("q") === "a");
    await rows.first().waitFor();
    await expect(page.getByRole("status", { name: "Loading members" }).count()).resolves.toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });
});
