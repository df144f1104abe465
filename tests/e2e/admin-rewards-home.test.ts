// Rewards catalogue and the home page's first-run checklist in real Chromium (local demo).
import { describe, expect, inject, it } from "vitest";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

describe("rewards", () => {
  it("creates a reward after a validation error at its field, and lists it", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?path=/app/rewards`);
    await page.getByRole("heading", { name: "Rewards" }).waitFor();
    await page.getByRole("link", { name: "5.00 off" }).waitFor();
    await page.getByRole("link", { name: "Add reward" }).first().click();
    await page.getByRole("heading", { name: "New reward" }).waitFor();
    await page.getByLabel("Name shoppers see").fill("Ten percent off");
    await page.getByLabel("Type").selectOption("percentage");
    await page.getByLabel("Percentage off").fill("150");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("A percentage must be between 1 and 100").waitFor();
    await page.getByLabel("Percentage off").fill("10");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Reward saved" }).waitFor();
    await page.getByRole("link", { name: "Rewards" }).first().click();
    await page.getByRole("link", { name: "Ten percent off" }).waitFor();
    await screenshot(page, "admin-rewards");
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("home checklist", () => {
  it("shows detected steps as done and keeps a placement the merchant marks", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?path=/app`);
    await page.getByRole("heading", { name: "Get your program live" }).waitFor();
    // The seeded demo is switched on and has paid orders: 2 of 4 detected.
    await page.getByText("2 of 4 steps done").waitFor();
    const editorLink = page.getByRole("link", { name: "Open the checkout editor" });
    expect(await editorLink.getAttribute("href")).toBe(
      "https://tally-demo.myshopify.com/admin/settings/checkout/editor",
    );
    await page.getByRole("button", { name: "Mark as done" }).first().click();
    await page.getByText("3 of 4 steps done").waitFor();
    await screenshot(page, "admin-home-checklist");
    expect(failures).toEqual([]);
    await page.close();
  });
});
