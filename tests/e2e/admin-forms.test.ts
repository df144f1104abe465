// Merchant-grade admin forms in real Chromium (local demo, decision 034): what a merchant types
// wrong is answered under its field in plain words on every form, the contextual save bar shows on
// a change and Discard goes back, leaving with unsaved changes asks first, and deleting asks first.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openAdmin, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

const open = (path: string) => openAdmin(browser(), baseUrl, path);

const saveBar = (page: Page) => page.locator("ui-save-bar[data-open]");
const NOT_A_NUMBER = "Enter a number, using digits only (no commas or spaces)";

describe("member adjustment", () => {
  it("keeps what was typed and says under the field what is wrong, for each bad input", async () => {
    const { page, failures } = await open("/app/members");
    await page.locator(".Polaris-IndexTable__TableRow a").first().click();
    await page.getByRole("heading", { name: "Adjust points" }).waitFor();
    const points = page.getByLabel("Points (negative to remove)");
    const reason = page.getByLabel("Reason (kept in the member's history)");
    const cases: [string, string, string][] = [
      ["abc", "Goodwill", "Enter a number"],
      ["0", "Goodwill", "Enter a number other than 0"],
      ["1.5", "Goodwill", "Enter a whole number of points"],
      ["1,000", "Goodwill", "Enter a number"],
      ["-99999999", "Goodwill", "Adjust at most 1,000,000 points at a time"],
      ["25", "", "Say why"],
    ];
    for (const [typed, why, message] of cases) {
      await points.fill(typed);
      await reason.fill(why);
      await page.getByRole("button", { name: "Adjust", exact: true }).click();
      await page.getByText(message).first().waitFor();
      // Nothing cleared: the merchant fixes the field instead of typing everything again.
      await expect(points.inputValue()).resolves.toBe(typed);
      await expect(reason.inputValue()).resolves.toBe(why);
    }
    await screenshot(page, "admin-forms-member-adjust-error");
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("rewards", () => {
  it("shows what a point is worth, warns on an outlier, caps the amount, and has a save bar with Discard", async () => {
    const { page, failures } = await open("/app/rewards");
    await page.getByRole("link", { name: "5.00 off" }).first().click();
    await page.getByRole("heading", { name: "5.00 off" }).waitFor();
    await page.getByTestId("reward-value").waitFor();
    expect(await page.getByTestId("reward-value").textContent()).toMatch(
      /^1 point ≈ 0\.01 USD; this reward returns [\d.]+% of the spend/,
    );
    await expect(saveBar(page).count()).resolves.toBe(0);

    const amount = page.getByLabel("Amount (USD)");
    await amount.fill("abc");
    await saveBar(page).waitFor();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText(NOT_A_NUMBER).waitFor();
    await expect(page.getByText(/Invalid input|expected number/).count()).resolves.toBe(0);

    await amount.fill("1000000000");
    await page.getByText(/gives back more than 20%/).waitFor();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("A reward can be worth at most 100,000 in your currency").waitFor();
    await screenshot(page, "admin-forms-reward-cap");

    await saveBar(page).getByRole("button", { name: "Discard" }).click();
    await expect(amount.inputValue()).resolves.toBe("5.00");
    await expect(saveBar(page).count()).resolves.toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("asks before deleting a reward, and before leaving with unsaved changes", async () => {
    const { page, failures } = await open("/app/rewards");
    await page.getByRole("link", { name: "5.00 off" }).first().click();
    await page.getByRole("heading", { name: "5.00 off" }).waitFor();
    await page.getByRole("button", { name: "Delete reward" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Members can no longer redeem it.", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: "5.00 off", exact: true }).waitFor();

    await page.getByLabel("Cost in points").fill("600");
    await saveBar(page).waitFor();
    const asked: string[] = [];
    page.once("dialog", (prompt) => {
      asked.push(prompt.message());
      void prompt.dismiss();
    });
    await page.getByRole("link", { name: "Rewards" }).first().click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/unsaved changes/);
    // Stayed, with the edit.
    await expect(page.getByLabel("Cost in points").inputValue()).resolves.toBe("600");
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("engagement", () => {
  it("answers a bad number at its field (no zod paths in a banner) and asks before removing a badge", async () => {
    const { page, failures } = await open("/app/engagement");
    await page.getByRole("heading", { name: "Engagement" }).first().waitFor();
    const bonus = page.getByLabel("Bonus points").first();
    await bonus.fill("-5");
    await saveBar(page).waitFor();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("Enter 0 or more").waitFor();
    await expect(page.getByText(/badges\.0/).count()).resolves.toBe(0);

    await page.getByLabel("Order of at least (USD)").fill("1.005");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText(NOT_A_NUMBER).waitFor();
    await expect(page.getByLabel("Order of at least (USD)").inputValue()).resolves.toBe("1.005");
    await screenshot(page, "admin-forms-engagement-errors");

    await saveBar(page).getByRole("button", { name: "Discard" }).click();
    await page.getByRole("button", { name: "Add a custom badge" }).click();
    await page.getByRole("button", { name: "Remove badge" }).click();
    await page
      .getByRole("dialog")
      .getByText("Shopify Flow can no longer award it", { exact: false })
      .waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Remove badge" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => page.getByRole("button", { name: "Remove badge" }).count()).toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });
});
