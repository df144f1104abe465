// The storefront theme app extension (decision 037) in real Chromium, on a local page shaped like
// Dawn's product page. The page is the extension's own Liquid rendered with liquidjs; this test's
// server plays the storefront: it serves the page and the extension's assets, and forwards
// /apps/tally/* to the running app's /proxy/* with a query signed as Shopify's App Proxy signs it.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { currentProgramVersion, saveProgramVersion } from "../../app/models/program.server";
import { DEFAULT_PROGRAM } from "../../app/loyalty/program";
import {
  programMetafieldValue,
  type ProgramMetafieldValue,
} from "../../app/loyalty/storefront-earn";
import type { Program } from "../../app/loyalty/types";
import { DEMO_SECRET } from "../../scripts/demo/demo-env";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { webhookRequest } from "../factories/webhook-request";
import { signedProxyQuery } from "../support/app-proxy";
import {
  renderBlock,
  storefrontGlobals,
  THEME_DIR,
  themeLiquid,
  type StorefrontCustomer,
} from "../support/theme-liquid";
import { newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const shop = "tally-demo.myshopify.com";
// A seeded member who has not earned yet (the demo's seed is deterministic), so the demo shop keeps the
// member count the other pages' tests expect; the order below makes them Silver with 1,230 points.
const memberId = 800_004;
const db = createPrismaClient(`file:${resolve("tmp/e2e/tally.sqlite")}`);
const fixture = readFileSync(join(import.meta.dirname, "fixtures", "dawn-product.html"), "utf8");

// The shop's $app:loyalty.program as Tally publishes it: 1 point per 1.00, and a referral gives the
// friend 10.00 off and the member 500 points (decision 042).
const PROGRAM: ProgramMetafieldValue = {
  v: 1,
  earn: { perUnit: 1, currency: "USD" },
  referral: {
    advocatePoints: 500,
    friendDiscount: { kind: "fixed_amount", value: 10, currency: "USD" },
  },
};

/** What the storefront serves: the page for this visitor, and who the proxy says is logged in. */
let visitor: {
  locale: "en" | "ru" | "pl";
  customerId: number | null;
  customer: StorefrontCustomer | null;
  /** The shop the App Proxy names (the demo shop unless a test needs another). */
  shop?: string;
} = {
  locale: "en",
  customerId: null,
  customer: null,
};
/** The shop's `$app:loyalty.program` as the page gets it (a test may publish another). */
let program = PROGRAM;
/** The page's product (Liquid's `product.id`). */
const PRODUCT_ID = 7_001_001;
let server: Server;
let storefront: string;

async function productPage(): Promise<string> {
  const engine = themeLiquid(visitor.locale);
  const globals = storefrontGlobals({
    customer: visitor.customer,
    program,
    priceCents: 4800,
    productId: PRODUCT_ID,
  });
  return fixture
    .replace("{{lang}}", visitor.locale)
    .replace("{{price}}", "$48.00 USD")
    .replace("{{earn_points_block}}", await renderBlock(engine, "earn-points", globals))
    .replace("{{launcher_embed}}", await renderBlock(engine, "launcher", globals));
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://storefront");
    if (url.pathname === "/products/linen-shirt") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(await productPage());
    } else if (url.pathname.startsWith("/assets/tally-launcher.")) {
      const type = url.pathname.endsWith(".js") ? "text/javascript" : "text/css";
      response.writeHead(200, { "Content-Type": type });
      response.end(readFileSync(join(THEME_DIR, url.pathname.slice(1))));
    } else if (url.pathname === "/media/shirt.svg") {
      response.writeHead(200, { "Content-Type": "image/svg+xml" });
      response.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#ddd"/></svg>',
      );
    } else if (url.pathname.startsWith("/apps/tally/")) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const query = signedProxyQuery({
        shop: visitor.shop ?? shop,
        customerId: visitor.customerId,
        secret: DEMO_SECRET,
      });
      const forwarded = await fetch(
        `${baseUrl}/proxy/${url.pathname.slice("/apps/tally/".length)}?${query}`,
        {
          method: request.method,
          headers: Object.fromEntries(
            ["content-type", "idempotency-key", "accept"]
              .filter((name) => request.headers[name])
              .map((name) => [name, String(request.headers[name])]),
          ),
          body: request.method === "POST" ? Buffer.concat(chunks) : undefined,
        },
      );
      response.writeHead(forwarded.status, {
        "Content-Type": forwarded.headers.get("Content-Type") ?? "application/json",
      });
      response.end(Buffer.from(await forwarded.arrayBuffer()));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  storefront = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // 1,230.00 spent: 1,230 points, Silver.
  const paid = await fetch(
    webhookRequest(
      baseUrl,
      orderPayload({ id: 990_001, customer: { id: memberId }, lines: [{ price: 123000 }] }),
      { shop, topic: "orders/paid", secret: DEMO_SECRET },
    ),
  );
  expect(paid.status).toBe(200);
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await db.$disconnect();
});

/** Opens the product page; returns the requests made before the load event and the layout shift. */
async function openProduct(page: Page) {
  const requests: { url: string; at: number }[] = [];
  page.on("request", (request) => requests.push({ url: request.url(), at: Date.now() }));
  await page.addInitScript(() => {
    // Cumulative Layout Shift as Chrome counts it: shifts within 500 ms of an input do not count.
    const w = window as unknown as { __cls: number; __shifts: unknown[] };
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: { node?: Node }[];
      })[]) {
        w.__shifts.push({
          value: entry.value,
          input: entry.hadRecentInput,
          nodes: entry.sources.map((s) => (s.node as Element | undefined)?.className ?? "?"),
        });
        if (!entry.hadRecentInput) w.__cls += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const response = await page.goto(`${storefront}/products/linen-shirt`, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  const loadedAt = Date.now();
  await page.locator(".tally__button").waitFor({ state: "visible" });
  const entries = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => ({
      name: entry.name,
      startTime: entry.startTime,
    })),
  );
  const loadEventStart = await page.evaluate(
    () =>
      (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
  );
  const tallyBeforeLoad = entries.filter(
    (entry) => /tally|apps\/tally/.test(entry.name) && entry.startTime < loadEventStart,
  );
  return { requests, loadedAt, tallyBeforeLoad };
}

const cls = async (page: Page) => {
  const { total, shifts } = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: unknown[] };
    return { total: w.__cls, shifts: w.__shifts };
  });
  if (total !== 0) console.warn("layout shifts", JSON.stringify(shifts));
  return total;
};

describe("the storefront launcher and product block on a Dawn-shaped product page", () => {
  it("shows a guest the pitch with join and log in, with no request before load and no layout shift", async () => {
    visitor = { locale: "en", customerId: null, customer: null };
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const { requests, tallyBeforeLoad } = await openProduct(page);
    expect(tallyBeforeLoad).toEqual([]);
    // A guest's line uses the program's entry rate from the shop metafield (1 point per 1.00).
    await expect(page.locator(".tally-earn").textContent()).resolves.toBe(
      "Earn from 48 points with this purchase",
    );
    await expect(page.locator(".tally__button").textContent()).resolves.toBe("Rewards");

    await page.locator(".tally__button").click();
    await page.getByRole("dialog", { name: "Rewards" }).waitFor();
    await expect(page.getByRole("link", { name: "Join" }).getAttribute("href")).resolves.toBe(
      "/account/register",
    );
    await expect(page.getByRole("link", { name: "Log in" }).getAttribute("href")).resolves.toBe(
      "/account/login",
    );
    // The referral pitch, from the shop metafield: what a friend gets, and joining gives a link.
    const dialog = page.getByRole("dialog", { name: "Rewards" });
    await dialog.getByRole("heading", { name: "Refer a friend" }).waitFor();
    await dialog
      .getByText(
        "Give a friend $10.00 off on their first order. You get 500 points when their order is complete.",
      )
      .waitFor();
    await dialog.getByText("Join to get your own referral link.").waitFor();
    // A guest's panel needs nothing from the app.
    expect(requests.filter((r) => r.url.includes("/apps/tally/"))).toEqual([]);
    await expect(cls(page)).resolves.toBe(0);
    await screenshot(page, "storefront-guest");
    expect(failures).toEqual([]);
    await page.context().close();
  });

  it("shows a member their points and earn line, then redeems a reward through the App Proxy", async () => {
    visitor = {
      locale: "en",
      customerId: memberId,
      customer: {
        status: {
          v: 1,
          balance: 1230,
          pending: 0,
          tier: "Silver",
          nextTier: "Gold",
          pointsToNextTier: 1270,
          earn: { perUnit: 1.25, currency: "USD" },
        },
      },
    };
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const { requests, loadedAt, tallyBeforeLoad } = await openProduct(page);
    expect(tallyBeforeLoad).toEqual([]);
    // 48.00 at 1.25 points per 1.00 → 60 points, rendered by Liquid with no request.
    await expect(page.locator(".tally-earn").textContent()).resolves.toBe(
      "Earn from 60 points with this purchase",
    );
    await expect(page.locator(".tally__button").textContent()).resolves.toBe("1230 points");
    expect(requests.filter((r) => r.url.includes("/apps/tally/"))).toEqual([]);

    await page.locator(".tally__button").click();
    const panel = page.getByRole("dialog", { name: "Rewards" });
    await panel.getByText("1270 points to Gold").waitFor();
    await panel.getByText("Ways to earn").waitFor();
    await panel.getByText("1.25 points per 1 USD spent").waitFor();
    expect(
      requests.filter((r) => r.url.includes("/apps/tally/")).every((r) => r.at >= loadedAt),
    ).toBe(true);
    // The demo's "5.00 off" (other tests may add rewards to the demo shop).
    await panel
      .getByRole("listitem")
      .filter({ hasText: "5.00 off" })
      .getByRole("button", { name: "Redeem" })
      .click();
    const code = panel.locator(".tally__code");
    await code.waitFor();
    const text = (await code.textContent()) ?? "";
    expect(text).toMatch(/^\S{6,}$/);
    await expect(panel.locator(".tally__balance").textContent()).resolves.toBe("730");
    await expect(
      panel.getByRole("link", { name: "Apply at checkout" }).getAttribute("href"),
    ).resolves.toBe(`/discount/${encodeURIComponent(text)}?redirect=%2Fcheckout`);
    await expect(cls(page)).resolves.toBe(0);
    await screenshot(page, "storefront-member");
    expect(failures).toEqual([]);
    await page.context().close();
  });

  it("speaks the shop's locale (Russian plural forms)", async () => {
    visitor = { ...visitor, locale: "ru" };
    const page = await newPage(browser());
    await openProduct(page);
    await expect(page.locator(".tally-earn").textContent()).resolves.toBe(
      "От 60 баллов за эту покупку",
    );
    await page.context().close();
  });

  it("shows a member of a shop running referrals their link to copy and the referral way to earn", async () => {
    // A shop of its own, so the demo's program and members stay as the other tests expect them.
    const referralShop = "storefront-referrals.myshopify.com";
    await installShop(db, referralShop, { currencyCode: "USD", timeZone: "UTC" });
    const { program } = await currentProgramVersion(db, referralShop);
    await saveProgramVersion(
      db,
      referralShop,
      { ...program, referrals: { ...program.referrals, enabled: true, advocatePoints: 500 } },
      "e2e",
    );
    await db.customer.create({
      data: { shop: referralShop, shopifyCustomerId: "700001", email: "sharer@example.com" },
    });
    visitor = {
      locale: "pl",
      shop: referralShop,
      customerId: 700_001,
      customer: {
        status: {
          v: 1,
          balance: 0,
          pending: 0,
          tier: "Member",
          nextTier: "Silver",
          pointsToNextTier: 1000,
          earn: { perUnit: 1, currency: "USD" },
        },
      },
    };
    const page = await newPage(browser());
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const { tallyBeforeLoad } = await openProduct(page);
    expect(tallyBeforeLoad).toEqual([]);
    await page.locator(".tally__button").click();
    const panel = page.getByRole("dialog", { name: "Nagrody" });
    await panel.getByRole("heading", { name: "Poleć znajomemu" }).waitFor();
    await panel.getByText("500 punktów za każdego poleconego znajomego").waitFor();
    await panel
      .getByText(
        "Podaruj znajomemu 10,00 USD zniżki na pierwsze zamówienie. Otrzymasz 500 punktów, gdy jego zamówienie zostanie zrealizowane.",
      )
      .waitFor();
    const link = (await panel.locator(".tally__share").textContent()) ?? "";
    expect(link).toMatch(new RegExp(`/r/${referralShop}/[A-Z2-9]{8}$`));
    const member = await db.customer.findFirstOrThrow({
      where: { shop: referralShop, shopifyCustomerId: "700001" },
    });
    expect(link.endsWith(`/${member.referralCode}`)).toBe(true);
    await panel.getByText(`Twój kod polecający: ${member.referralCode}`).waitFor();
    await panel.getByRole("button", { name: "Kopiuj link" }).click();
    await panel.getByRole("button", { name: "Skopiowano" }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await expect(cls(page)).resolves.toBe(0);
    await screenshot(page, "storefront-referral");
    expect(failures).toEqual([]);
    await page.context().close();
  });

  it("shows the exact figure for a product with a multiplier, from the metafield the app publishes (decision 043)", async () => {
    const doubled: Program = {
      ...DEFAULT_PROGRAM,
      purchase: {
        ...DEFAULT_PROGRAM.purchase,
        productMultipliers: [{ productId: String(PRODUCT_ID), multiplier: 200 }],
      },
    };
    program = programMetafieldValue(doubled, "USD", true);
    try {
      visitor = { locale: "en", customerId: null, customer: null };
      let page = await newPage(browser());
      await openProduct(page);
      // 48.00 × 1 point per 1.00 × 2 for this product.
      await expect(page.locator(".tally-earn").textContent()).resolves.toBe(
        "Earn 96 points with this purchase",
      );
      await expect(cls(page)).resolves.toBe(0);
      await screenshot(page, "storefront-product-multiplier");
      await page.context().close();

      // A campaign depends on the order's date: the block keeps saying "from".
      program = programMetafieldValue(
        {
          ...doubled,
          purchase: {
            ...doubled.purchase,
            campaigns: [
              {
                name: "Double points weekend",
                multiplier: 200,
                startsAt: new Date("2026-12-12T00:00:00Z"),
                endsAt: new Date("2026-12-14T00:00:00Z"),
              },
            ],
          },
        },
        "USD",
        true,
      );
      visitor = { ...visitor, locale: "pl" };
      page = await newPage(browser());
      await openProduct(page);
      await expect(page.locator(".tally-earn").textContent()).resolves.toBe(
        "Od 96 punktów za ten zakup",
      );
      await page.context().close();
    } finally {
      program = PROGRAM;
    }
  });
});
