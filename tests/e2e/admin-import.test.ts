import Database from "better-sqlite3";
import { resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

describe("the import page in the local demo", () => {
  it("previews a CSV of balances (what it will do, rejected rows), then applies it on confirmation", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?path=/app/import`);
    await page.getByRole("heading", { name: "Import members and past orders" }).waitFor();
    const csv =
      "shopify_customer_id,email,points_balance,tier,VIP Tier Name\n800000,,250,Silver,Silver\nnot-an-id,,10,,\n"; // 800000: a seeded demo customer
    // Polaris DropZone's own file input: choosing a file there is what a drop does.
    await page
      .locator('.Polaris-DropZone input[type="file"]')
      .setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText("members.csv").first().waitFor();
    await page.getByRole("button", { name: "Preview import", exact: true }).click();

    // The dry run: nothing applied yet, what the file will do, and why a row is rejected.
    await page
      .getByText(/2 rows read: 1 to import, 0 already there, 0 with nothing to import, 1 rejected/)
      .waitFor({ timeout: 20_000 });
    await page.getByText("What this file will do").waitFor();
    await expect(page.getByText(/^1 members matched, 0 new members/).isVisible()).resolves.toBe(
      true,
    );
    await expect(page.getByText("Ignored columns: VIP Tier Name").isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole("button", { name: "Rejected rows (CSV)" }).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "admin-import-preview");

    await page.getByRole("button", { name: "Apply import", exact: true }).click();
    await page
      .getByText(/2 rows read: 1 imported, 0 already there, 0 with nothing to import, 1 rejected/)
      .waitFor({ timeout: 20_000 });
    await expect(page.getByText(/members\.csv \(balances, native format\)/).count()).resolves.toBe(
      2,
    );
    await expect(page.getByRole("button", { name: "Apply import" }).count()).resolves.toBe(0);
    await screenshot(page, "admin-import");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("a backfill that failed says why and offers a retry that keeps 'past orders earn points'", async () => {
    // As after Shopify's file could not be downloaded: the demo shop's latest backfill failed.
    const database = new Database(resolve("tmp/e2e/tally.sqlite"));
    const at = (date: Date) => date.toISOString().replace("Z", "+00:00");
    const now = new Date();
    database
      .prepare(`UPDATE "Backfill" SET status = 'done' WHERE shop = ? AND status <> 'failed'`)
      .run("tally-demo.myshopify.com");
    database
      .prepare(
        `INSERT INTO "Backfill" (id, shop, status, "awardPoints", since, until, "ordersProcessed", "ordersTotal", failure, "createdAt", "updatedAt", "finishedAt")
         VALUES ('e2e-failed-backfill', ?, 'failed', 1, ?, ?, 120, 400, ?, ?, ?, ?)`,
      )
      .run(
        "tally-demo.myshopify.com",
        at(new Date(now.getTime() - 365 * 86_400_000)),
        at(now),
        "Shopify's export file could not be downloaded (HTTP 404)",
        at(now),
        at(now),
        at(now),
      );
    database.close();

    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?path=/app/import`);
    await page
      .getByText(
        "Failed after 120 orders: Shopify's export file could not be downloaded (HTTP 404)",
        { exact: false },
      )
      .waitFor();
    // The past-orders checkbox is off; the retry still keeps the failed run's choice.
    await expect(page.getByLabel("Past orders earn points").isChecked()).resolves.toBe(false);
    await page
      .getByRole("button", { name: "Retry the backfill (past orders earn points)" })
      .click();
    // The new run (with points) goes through the demo's stand-in to the end: it has no orders, so
    // Shopify completes without a file and the backfill is done instead of "Applying orders: 0".
    await page
      .getByText(/\(with points\): (Waiting for Shopify|Shopify is preparing|Done)/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page
      .getByText(/\(with points\): Done: 0 orders applied/)
      .first()
      .waitFor({ timeout: 50_000 });
    await screenshot(page, "admin-import-backfill-retry");
    expect(failures).toEqual([]);
    await page.close();
  }, 120_000);

  it("offers a column mapping step when the headers are not recognised, then previews with it", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?path=/app/import`);
    await page.getByRole("heading", { name: "Import members and past orders" }).waitFor();
    await page.locator('.Polaris-DropZone input[type="file"]').setInputFiles({
      name: "renamed.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Client;Solde\r\n800000;300\r\n"),
    });
    await page.getByText("renamed.csv").first().waitFor();
    await page.getByRole("button", { name: "Preview import", exact: true }).click();
    await page
      .getByText(/Tally did not recognise this file's columns/)
      .waitFor({ timeout: 20_000 });
    await page.getByLabel("Shopify customer id").selectOption("Client");
    await page.getByLabel("Points balance").selectOption("Solde");
    await page.getByRole("button", { name: "Preview with these columns" }).click();
    await page
      .getByText(/1 rows read: 1 to import, 0 already there, 0 with nothing to import, 0 rejected/)
      .waitFor({ timeout: 20_000 });
    await screenshot(page, "admin-import-mapping");
    expect(failures).toEqual([]);
    await page.close();
  });
});
