// Collection multipliers on the Program page (decision 059), in real Chromium against the local demo:
// collections chosen by name from the synced membership, the last sync shown, an empty choice
// refused at its field, and a multiplier whose collection Shopify no longer has flagged.
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { openAdmin, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const shop = "tally-demo.myshopify.com";
const db = createPrismaClient(`file:${resolve("tmp/e2e/tally.sqlite")}`);
afterAll(() => db.$disconnect());

describe("collection multipliers in the admin", () => {
  it("chooses a collection by name, refuses an empty choice, and flags a collection that is gone", async () => {
    // Membership as a completed sync leaves it; seen in the future so the demo's own sync keeps it.
    const seenAt = new Date(Date.now() + 86_400_000);
    await db.collectionSync.upsert({
      where: { shop },
      create: { shop, status: "done", requestedAt: new Date(), syncedAt: new Date() },
      update: { status: "done", requestedAt: new Date(), syncedAt: new Date(), failure: null },
    });
    for (const [collectionId, title] of [
      ["9001", "Summer sale"],
      ["9002", "Winter"],
    ])
      await db.shopCollection.upsert({
        where: { shop_collectionId: { shop, collectionId } },
        create: { shop, collectionId, title, seenAt },
        update: { title, seenAt },
      });
    await db.productCollection.upsert({
      where: { shop_productId_collectionId: { shop, productId: "77", collectionId: "9001" } },
      create: { shop, productId: "77", collectionId: "9001", seenAt },
      update: { seenAt },
    });

    const { page, failures } = await openAdmin(browser(), baseUrl, "/app/program");
    await page.getByRole("heading", { name: "Program settings" }).waitFor();
    await page.getByRole("heading", { name: "Collection multipliers" }).waitFor();
    expect(await page.getByTestId("collections-synced").textContent()).toMatch(
      /^Collection membership last synced from Shopify /,
    );

    // An empty choice is refused at its field.
    await page.getByRole("button", { name: "Add collection multiplier" }).click();
    const choice = page.getByLabel("Collection", { exact: true });
    await page.getByRole("button", { name: "Save" }).click();
    // The message under the field (the placeholder option has the same words, hidden).
    await page
      .getByText("Choose a collection", { exact: true })
      .and(page.locator(":not(option)"))
      .first()
      .waitFor();
    await screenshot(page, "admin-program-collection-error");

    // Chosen by name: the product count says what it covers.
    await choice.selectOption({ label: "Summer sale (1 product)" });
    await page.getByRole("button", { name: "Save" }).click();
    const saved = page.getByRole("status").filter({ hasText: /^Program saved as version \d+$/ });
    await saved.waitFor();
    const program = await db.programVersion.findFirstOrThrow({
      where: { shop },
      orderBy: { version: "desc" },
    });
    expect(
      (program.config as { purchase: { collectionMultipliers: unknown } }).purchase
        .collectionMultipliers,
    ).toEqual([{ collectionId: "9001", multiplier: 200 }]);

    // Shopify deleted the collection: the multiplier is flagged.
    await db.productCollection.deleteMany({ where: { shop, collectionId: "9001" } });
    await db.shopCollection.deleteMany({ where: { shop, collectionId: "9001" } });
    await page.reload();
    await page.getByRole("heading", { name: "Collection multipliers" }).waitFor();
    await page.getByTestId("collection-gone").waitFor();
    expect(await choice.inputValue()).toBe("9001");
    await screenshot(page, "admin-program-collection-gone");

    // Back to the demo's program without collection multipliers, for the other browser tests.
    // The Remove of the flagged row (the innermost block holding both).
    await page
      .locator("div")
      .filter({ has: page.getByTestId("collection-gone") })
      .filter({ has: page.getByRole("button", { name: "Remove" }) })
      .last()
      .getByRole("button", { name: "Remove" })
      .click();
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Program saved as version \d+$/ })
      .last()
      .waitFor();
    await page.waitForFunction(() => !document.querySelector("[data-testid=collection-gone]"));
    expect(failures).toEqual([]);
    await page.close();
  });
});
