// The members list and a member as a merchant works with them in real Chromium: a search by name
// whatever the accents, the total, a phone-sized layout that keeps the balance, and the frame
// around every page (titles, an unknown address, the favicon).
import { describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { foldForSearch } from "~/loyalty/search-key";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

async function open(
  path: string,
  page?: Page,
): Promise<{ page: Page; status: number | undefined; failures: string[] }> {
  const opened = page ?? (await newPage(browser()));
  const failures: string[] = [];
  opened.on("pageerror", (error) => failures.push(error.message));
  const response = await opened.goto(`${baseUrl}/local-dev/open?path=${encodeURIComponent(path)}`);
  return { page: opened, status: response?.status(), failures };
}

async function phone(from: Browser): Promise<Page> {
  const page = await newPage(from);
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

/** How far the page runs past the screen's right edge, and the outermost elements that do. */
const overflow = async (page: Page) => {
  const { by, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll("*")].filter(
      (element) => element.getBoundingClientRect().right > width + 1,
    );
    const outermost = wide.filter((element) => !wide.includes(element.parentElement!));
    return {
      by: document.documentElement.scrollWidth - width,
      culprits: outermost
        .slice(0, 5)
        .map(
          (element) =>
            `${element.tagName}.${element.className} ${element.textContent?.slice(0, 40)}`,
        ),
    };
  });
  if (by > 0) console.warn(culprits.join("\n"));
  return by;
};

describe("members list", () => {
  it("finds a member by full name without accents, and shows the total", async () => {
    const { page, failures } = await open("/app/members");
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await expect(page.getByTestId("members-total").textContent()).resolves.toBe("20 members");
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    // A member with an accented name if the demo has one: searched for without its accents.
    const names = (await rows.locator("td:first-child a").allTextContents()).map((n) => n.trim());
    const name = names.find((n) => n !== foldForSearch(n) && /[^\x20-\x7e]/.test(n)) ?? names[0];
    const typed = foldForSearch(name); // "chloe muller"
    await page.getByLabel("Search by email or name").fill(typed);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === typed);
    await rows.first().waitFor();
    const found = (await rows.locator("td:first-child a").allTextContents()).map((n) => n.trim());
    expect(found).toContain(name);
    for (const each of found) expect(foldForSearch(each)).toContain(typed);
    await expect(page.getByTestId("members-total").textContent()).resolves.toMatch(/^\d+ match/);
    await screenshot(page, "admin-members-search-accents");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("answers a search over 100 characters next to the field and leaves the list as it was", async () => {
    const { page, failures } = await open("/app/members");
    await page.getByRole("heading", { name: "Members" }).waitFor();
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    const listed = await rows.allTextContents();
    const search = page.getByLabel("Search by email or name");
    await search.fill("a".repeat(101));
    await page.getByRole("button", { name: "Search" }).click();
    await page
      .getByText("Search with at most 100 characters: the start of an email or a name is enough.")
      .waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBeNull();
    await expect(rows.allTextContents()).resolves.toEqual(listed);
    await expect(search.inputValue()).resolves.toBe("a".repeat(101));
    await screenshot(page, "admin-members-search-too-long");

    // An address with such a search (a bookmark) shows the same message over the unsearched list.
    await open(`/app/members?q=${"b".repeat(101)}`, page);
    await page
      .getByText("Search with at most 100 characters: the start of an email or a name is enough.")
      .waitFor();
    await expect(rows.count()).resolves.toBeGreaterThan(0);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("shows each member's balance on a 390 px screen, with nothing cut off", async () => {
    const { page, failures } = await open("/app/members", await phone(browser()));
    await page.getByRole("heading", { name: "Members" }).waitFor();
    const card = page.getByTestId("member-card").first();
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(/\d[\d,]*Balance$/);
    await screenshot(page, "admin-members-390");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("a member", () => {
  it("reads the history in plain words, links to Shopify and names each Explain link", async () => {
    const { page, failures } = await open("/app/members");
    await page.locator(".Polaris-IndexTable__TableRow a").first().click();
    await page.getByRole("heading", { name: "Points history" }).waitFor();
    await page.getByRole("heading", { name: "Redemptions" }).waitFor();
    await expect(
      page.getByRole("cell", { name: /^Order #\d+ paid$/ }).count(),
    ).resolves.toBeGreaterThan(0);
    const explain = await page.getByRole("link", { name: /^Explain order / }).all();
    const labels = await Promise.all(explain.map((link) => link.getAttribute("aria-label")));
    expect(new Set(labels).size).toBe(labels.length);
    await expect(
      page.getByRole("link", { name: "Open in Shopify" }).getAttribute("href"),
    ).resolves.toMatch(/^https:\/\/admin\.shopify\.com\/store\/tally-demo\/customers\/\d+$/);
    await expect(page.title()).resolves.toBe("Member · Tally");
    await screenshot(page, "admin-member");
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("the admin frame", () => {
  it("gives every page a title", async () => {
    const page = await newPage(browser());
    for (const [path, title] of [
      ["/app", "Home · Tally"],
      ["/app/members", "Members · Tally"],
      ["/app/analytics", "Analytics · Tally"],
      ["/app/import", "Import · Tally"],
      ["/app/jobs", "Background jobs · Tally"],
    ]) {
      await open(path, page);
      await page.waitForFunction((expected) => document.title === expected, title);
    }
    await page.close();
  });

  it("shows an unknown /app address as a 404 inside the admin, without hydration errors", async () => {
    const { page, status, failures } = await open("/app/no-such-page");
    expect(status).toBe(404);
    await page.getByRole("heading", { name: "Not found", level: 1 }).waitFor();
    await expect(page.getByText("There is no page at this address.").isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator(".Polaris-Banner").count()).resolves.toBe(1);
    await expect(page.title()).resolves.toBe("Not found · Tally");
    await screenshot(page, "admin-unknown-page");
    await page.waitForTimeout(500);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("answers /favicon.ico with the app's icon", async () => {
    const page = await newPage(browser());
    const response = await page.request.get(`${baseUrl}/favicon.ico`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/image\/svg\+xml/);
    await page.close();
  });

  it("keeps the home page and analytics within a 390 px screen", async () => {
    for (const [path, name] of [
      ["/app", "home"],
      ["/app/analytics", "analytics"],
    ]) {
      const { page, failures } = await open(path, await phone(browser()));
      await page.locator(".Polaris-Page").first().waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `admin-${name}-390`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(failures).toEqual([]);
      await page.close();
    }
  });
});
