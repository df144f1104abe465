import { describe, expect, inject, it } from "vitest";
import { useBrowser, newPage, screenshot } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

describe("the engagement page in the local demo", () => {
  it("renders the settings with Polaris, saves a change and shows it after a reload", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const response = await page.goto(`${baseUrl}/local-dev/open?path=/app/engagement`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Engagement" }).first().waitFor();
    await expect(page.getByRole("checkbox", { name: /^First order/ }).isChecked()).resolves.toBe(
      false,
    );
    await screenshot(page, "engagement");

    await page.getByRole("checkbox", { name: "Offer the leaderboard" }).check();
    await page.getByRole("checkbox", { name: /^First order/ }).check();
    await page.getByRole("button", { name: "Save" }).last().click();
    await page.getByText("Engagement settings saved").waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Engagement" }).first().waitFor();
    await expect(
      page.getByRole("checkbox", { name: "Offer the leaderboard" }).isChecked(),
    ).resolves.toBe(true);
    await expect(page.getByRole("checkbox", { name: /^First order/ }).isChecked()).resolves.toBe(
      true,
    );
    expect(failures).toEqual([]);
    await page.close();
  });
});
