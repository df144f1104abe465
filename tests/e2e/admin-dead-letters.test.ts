// Deliveries needing attention (docs/decisions/029) in real Chromium against the production server:
// a JPY order sent to the USD demo shop over HTTP is kept (admitted on the HTTP thread, stored by the
// webhook thread), Home shows a banner, the Background jobs page lists it; one letter is replayed
// (a delivery an earlier version failed on, applied by today's code) and the other dismissed.
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { DEMO_SECRET } from "../../scripts/demo/demo-env";
import { orderPayload } from "../factories/webhook-payloads";
import { webhookHeaders } from "../factories/webhook-request";
import { newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const shop = "tally-demo.myshopify.com";
const db = createPrismaClient(`file:${resolve("tmp/e2e/tally.sqlite")}`);
afterAll(() => db.$disconnect());

// A seeded member, so the demo shop's member count stays what the other pages' tests expect.
const member = { id: 800_001 };

describe("deliveries needing attention", () => {
  it("shows kept deliveries on Home and Background jobs, replays one and dismisses the other", async () => {
    const yen = orderPayload({ id: 995_001, customer: member, lines: [{ price: 100 }] });
    yen.line_items[0].price_set.shop_money = { amount: "1000", currency_code: "JPY" };
    yen.total_price_set.shop_money = { amount: "1000", currency_code: "JPY" };
    const body = JSON.stringify(yen);
    const sent = await fetch(`${baseUrl}/webhooks/orders/paid`, {
      method: "POST",
      headers: webhookHeaders(body, { shop, topic: "orders/paid", secret: DEMO_SECRET }),
      body,
    });
    expect(sent.status).toBe(200);
    expect((await sent.json()).deadLetter.code).toBe("CURRENCY_MISMATCH");

    // A delivery an earlier version of Tally failed on (an unexpected error): today's code applies it.
    const fixed = JSON.stringify(
      orderPayload({ id: 995_002, customer: member, lines: [{ price: 4_200 }] }),
    );
    const webhookId = randomUUID();
    await db.deadLetter.create({
      data: {
        shop,
        webhookId,
        topic: "orders/paid",
        apiVersion: "2026-10",
        headers: webhookHeaders(fixed, {
          shop,
          topic: "orders/paid",
          secret: DEMO_SECRET,
          webhookId,
        }),
        body: fixed,
        reasonCode: "HANDLER_ERROR",
        reasonMessage: "Cannot read properties of undefined (reading 'id')",
        shopifyOrderId: "995002",
        shopifyCustomerId: String(member.id),
      },
    });
    const balanceBefore = (
      await db.customer.findFirstOrThrow({ where: { shop, shopifyCustomerId: String(member.id) } })
    ).balance;

    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open`);
    await page.getByRole("heading", { name: "Tally loyalty" }).waitFor();
    // The two above, and those the demo's seeded year keeps.
    const open = await db.deadLetter.count({ where: { shop, status: "open" } });
    expect(open).toBeGreaterThan(2);
    await page.getByText(`${open} updates from Shopify need your attention`).waitFor();
    await page.getByRole("link", { name: "Review deliveries" }).click();
    await page.getByRole("heading", { name: "Deliveries needing attention" }).waitFor();
    await page.getByText("Order paid · Order 995001 · Customer 800001").waitFor();
    const yenRow = page.locator("[data-dead-letter]").filter({ hasText: "Order 995001" });
    await expect(
      yenRow.getByText(/amounts are in another currency than your shop's/).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "admin-dead-letters");

    const fixedRow = page.locator("[data-dead-letter]").filter({ hasText: "Order 995002" });
    await fixedRow.getByRole("button", { name: "Replay" }).click();
    await page.getByRole("status").filter({ hasText: "Delivery applied" }).waitFor();
    await fixedRow.waitFor({ state: "detached" });
    const after = await db.customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: String(member.id) },
    });
    expect(after.balance).toBeGreaterThan(balanceBefore);
    expect(await db.deadLetter.findFirstOrThrow({ where: { shop, webhookId } })).toMatchObject({
      status: "replayed",
      resolvedBy: expect.any(String),
    });

    await yenRow.getByRole("button", { name: "Dismiss" }).click();
    await yenRow.getByLabel("Why dismiss it?").fill("Test order placed in yen");
    await yenRow.getByRole("button", { name: "Dismiss delivery" }).click();
    await page.getByRole("status").filter({ hasText: "Delivery dismissed" }).waitFor();
    // The seeded year's dead letters stay for the merchant; this one leaves the list.
    await yenRow.waitFor({ state: "detached" });
    await expect(page.locator("[data-dead-letter]").count()).resolves.toBe(open - 2);
    expect(
      await db.deadLetter.findFirstOrThrow({ where: { shop, shopifyOrderId: "995001" } }),
    ).toMatchObject({ status: "dismissed", dismissReason: "Test order placed in yen" });
    expect(failures).toEqual([]);
    await page.close();
  });
});
