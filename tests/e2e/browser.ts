// Real headless Chromium (Debian's package) driven by playwright-core; screenshots go to
// screenshots/ (git-ignored) for a person to review.
import { mkdirSync } from "node:fs";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = "screenshots";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(EXECUTABLE))
    throw new Error(
      `Chromium not found at ${EXECUTABLE}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One Chromium per test file, launched before its tests and closed after; call at the file's top level. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

// Shopify's library answers 410 to bots, and "HeadlessChrome" in the user agent counts as one.
const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    userAgent: DESKTOP_CHROME,
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Opens an admin page of the local demo (signed in through /local-dev/open); collects page errors. */
export async function openAdmin(
  browser: Browser,
  baseUrl: string,
  path: string,
): Promise<{ page: Page; failures: string[] }> {
  const page = await newPage(browser);
  const failures: string[] = [];
  page.on("pageerror", (error) => failures.push(error.message));
  const response = await page.goto(`${baseUrl}/local-dev/open?path=${encodeURIComponent(path)}`);
  expect(response?.status()).toBe(200);
  return { page, failures };
}

/**
 * What the page writes to the browser's console as an error, and its uncaught exceptions, from now
 * on: an admin page is expected to leave this empty.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error")
      errors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } })
      .axe;
    const results = await axe.run(document);
    return results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(" "))
            .join(" | ")}`,
      );
  });
  return violations;
}

interface AxeResults {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}
