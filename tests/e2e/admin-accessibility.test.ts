// Every admin page in real Chromium: no serious or critical accessibility violation by axe-core
// (labels, contrast, names) and nothing written to the browser console as an error.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { consoleErrors, newPage, seriousA11yViolations, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${baseUrl}/local-dev/open?path=${encodeURIComponent(path)}`);
  expect(response?.status()).toBe(200);
  await settle(page);
}

/** Loaded and hydrated: what a person looks at (some pages poll, so the network never idles). */
async function settle(page: Page): Promise<void> {
  await page.locator(".Polaris-Page").first().waitFor();
  await page.waitForLoadState("load");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.waitForTimeout(300);
}

/** The first link of a list page whose address matches, e.g. a reward or a member. */
async function firstLinkTo(page: Page, list: string, pattern: RegExp): Promise<string> {
  await open(page, list);
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((links) =>
      links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
    );
  const href = hrefs.find((path) => pattern.test(path));
  if (!href) throw new Error(`no link matching ${pattern} on ${list}`);
  return href;
}

const PAGES = [
  "/app",
  "/app/program",
  "/app/rewards",
  "/app/members",
  "/app/engagement",
  "/app/analytics",
  "/app/analytics/definitions",
  "/app/import",
  "/app/jobs",
  "/app/referrals",
];

describe("every admin page", () => {
  it("has no serious or critical accessibility violation and logs no console error", async () => {
    const page = await newPage(browser());
    const errors = consoleErrors(page);
    const reward = await firstLinkTo(page, "/app/rewards", /^\/app\/rewards\/(?!new$)[^/]+$/);
    const member = await firstLinkTo(page, "/app/members", /^\/app\/members\/[^/]+$/);
    const found: Record<string, string[]> = {};
    for (const path of [...PAGES, reward, member]) {
      await open(page, path);
      const violations = await seriousA11yViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
