// The admin's main paths in real Chromium against the local demo: program settings (preview,
// save, field errors, simulation), members search and a points adjustment.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openAdmin, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

const open = (path: string) => openAdmin(browser(), baseUrl, path);

describe("program settings", () => {
  it("previews an edited rule live, saves it with a toast, and shows a validation error at its field", async () => {
    const { page, failures } = await open("/app/program");
    await page.getByRole("heading", { name: "Program settings" }).waitFor();
    const sentence = page.getByTestId("preview-sentence");
    await expect(sentence.textContent()).resolves.toBe("An order of $123.45 earns 123 points");
    await expect(page.getByText("154 points for Silver").isVisible()).resolves.toBe(true);
    await expect(page.getByText("185 points for Gold").isVisible()).resolves.toBe(true);

    const perUnit = page.getByLabel("Points earned");
    await perUnit.fill("2");
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=preview-sentence]")?.textContent ===
        "An order of $123.45 earns 246 points",
    );
    await expect(page.getByText("370 points for Gold").isVisible()).resolves.toBe(true);
    // 2 points for every 10 USD: 123.45 USD → 24 points; back to every 1 USD.
    const spendUnit = page.getByLabel("For every … USD spent");
    await spendUnit.fill("10");
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=preview-sentence]")?.textContent ===
        "An order of $123.45 earns 24 points",
    );
    await spendUnit.fill("1");
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=preview-sentence]")?.textContent ===
        "An order of $123.45 earns 246 points",
    );

    await page.getByRole("button", { name: "Simulate on the last 90 days" }).click();
    await page.getByTestId("simulation-points").waitFor();
    expect(await page.getByTestId("simulation-points").textContent()).toMatch(
      /^Points issued: [\d,]+ → [\d,]+$/,
    );

    await page.getByRole("button", { name: "Save" }).click();
    // The demo's program is already a later version than the install's (its year's rules are on).
    const saved = page.getByRole("status").filter({ hasText: /^Program saved as version \d+$/ });
    await saved.waitFor();
    const version = Number(/\d+$/.exec((await saved.textContent())!)![0]);
    expect(version).toBeGreaterThan(1);
    // The saved version is the edited one (the simulation's revalidation did not reset the form).
    await expect(perUnit.inputValue()).resolves.toBe("2");
    await expect(sentence.textContent()).resolves.toBe("An order of $123.45 earns 246 points");
    await screenshot(page, "admin-program-saved");

    await perUnit.fill("two");
    await page.getByRole("button", { name: "Save" }).click();
    // Polaris renders the message under the field and links it to the input for screen readers.
    const describedBy = await perUnit.getAttribute("aria-describedby");
    await page.waitForFunction(
      (id) =>
        Boolean(
          id &&
          document
            .getElementById(id.split(" ")[0])
            ?.textContent?.includes("Enter a whole number from 0 to 100,000"),
        ),
      describedBy ?? (await perUnit.getAttribute("id")) + "Error",
    );
    await expect(
      page.getByText(/^Enter a whole number from 0 to 100,000/).isVisible(),
    ).resolves.toBe(true);
    await expect(perUnit.inputValue()).resolves.toBe("two");
    await screenshot(page, "admin-program-field-error");
    // Back to the seeded rate, so the other browser tests see the demo's default program.
    await perUnit.fill("1");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Program saved as version ${version + 1}` })
      .waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });
});

/** The message Polaris shows under a field (linked by aria-describedby), or null. */
const fieldError = (page: Page, name: string) =>
  page.evaluate((field) => {
    const input = document.querySelector<HTMLInputElement>(`input[name="${field}"]`);
    const ids = input?.getAttribute("aria-describedby")?.split(" ") ?? [];
    const error = ids
      .map((id) => document.getElementById(id))
      .find((el) => el?.id.endsWith("Error"));
    return error?.textContent ?? null;
  }, name);

describe("program field messages", () => {
  it("answers abc, -1, 1.5 and an empty value in every number field in plain words, and saves nothing", async () => {
    const { page, failures } = await open("/app/program");
    await page.getByRole("heading", { name: "Program settings" }).waitFor();
    const version = await page
      .getByText(/^Version \d+$/)
      .first()
      .textContent();
    // The program's fields are named by their path; the preview's sample order is not one of them.
    const named = (selector: string) =>
      page
        .locator(`${selector}[name]:not([name=""])`)
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name));
    const whole = await named("input[inputmode=numeric]");
    const money = await named("input[inputmode=decimal]");
    const texts = await named("input[type=text]:not([inputmode])");
    expect(texts).toEqual(expect.arrayContaining(["name", "pointsName", "tiers.0.name"]));
    expect(whole.length).toBeGreaterThan(5);
    // Money accepts 1.5 (1.50); the minimum subtotal may be left empty (no minimum).
    const cases: [string, string[]][] = [
      ["abc", [...whole, ...money]],
      ["-1", [...whole, ...money]],
      ["1.5", whole],
      ["", [...whole, ...money, ...texts].filter((name) => name !== "purchase.minimumSubtotal")],
    ];
    for (const [typed, fields] of cases) {
      for (const name of fields) await page.locator(`input[name="${name}"]`).fill(typed);
      await Promise.all([
        page.waitForResponse(
          (response) =>
            response.request().method() === "POST" &&
            new URL(response.url()).pathname === "/app/program",
        ),
        page.getByRole("button", { name: "Save" }).click(),
      ]);
      await page.getByText("Some fields need attention").first().waitFor();
      for (const name of fields) {
        const message = await fieldError(page, name);
        expect(message, `${name} = "${typed}"`).toMatch(
          /^(Enter (a|an) .+|This field is required)/,
        );
        expect(message).not.toMatch(/Must be|Invalid input|expected/);
      }
      await screenshot(page, `admin-program-invalid-${typed || "empty"}`);
    }
    await page.getByRole("button", { name: "Discard" }).click();
    await page.reload();
    await page.getByRole("heading", { name: "Program settings" }).waitFor();
    await expect(
      page
        .getByText(/^Version \d+$/)
        .first()
        .textContent(),
    ).resolves.toBe(version);
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("a tier change", () => {
  it("runs as a job whose outcome the Program page shows", async () => {
    const { page, failures } = await open("/app/program");
    await page.getByRole("heading", { name: "Program settings" }).waitFor();
    const gold = page.locator('input[name="tiers.2.threshold"]');
    const before = await gold.inputValue();
    // Raising Gold's threshold moves nobody up; the run still checks every member.
    await gold.fill(String(Number(before.replace(/,/g, "")) + 100));
    await page.getByRole("button", { name: "Save" }).click();
    const run = page.getByTestId("tier-run");
    await run.and(page.locator("[data-status=done]")).waitFor();
    await expect(run.textContent()).resolves.toMatch(
      /^Done: [\d,]+ members checked, 0 moved up to the tier they now reach\.$/,
    );
    await screenshot(page, "admin-program-tier-run");
    await gold.fill(before);
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /Program saved as version/ })
      .last()
      .waitFor();
    await run.and(page.locator("[data-status=done]")).waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("members", () => {
  it("searches members by the start of their email", async () => {
    const { page, failures } = await open("/app/members");
    await page.getByRole("heading", { name: "Members" }).waitFor();
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    const email = (await rows.first().locator("td").nth(1).textContent())!.trim();
    const prefix = email.slice(0, 4);
    await page.getByLabel("Search by email or name").fill(prefix);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === prefix);
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    // Each row matches by email or by name prefix.
    for (const text of texts) expect(text.toLowerCase()).toContain(prefix.toLowerCase());
    await screenshot(page, "admin-members-search");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("adjusts a member's points and shows the ledger entry", async () => {
    const { page, failures } = await open("/app/members");
    await page.locator(".Polaris-IndexTable__TableRow a").first().click();
    await page.getByRole("heading", { name: "Adjust points" }).waitFor();
    const balance = page.getByTestId("figure-Balance");
    const before = Number((await balance.textContent())!.replace(/,/g, ""));
    await page.getByLabel("Points (negative to remove)").fill("25");
    await page.getByLabel("Reason (kept in the member's history)").fill("E2E goodwill gesture");
    await page.getByRole("button", { name: "Adjust" }).click();
    await page.getByRole("status").filter({ hasText: "Added 25 points" }).waitFor();
    await page
      .getByRole("cell", { name: "Adjusted by staff: E2E goodwill gesture (staff 1)" })
      .waitFor();
    await page.waitForFunction(
      (expected) =>
        document.querySelector("[data-testid='figure-Balance']")?.textContent === expected,
      (before + 25).toLocaleString("en"),
    );
    await screenshot(page, "admin-member-adjusted");
    // Why did an order earn what it did: the explanation of the member's latest order.
    // (The demo's latest order of a member may be a cancelled one that earns nothing.)
    await page
      .getByRole("listitem")
      .filter({ hasText: /· [1-9][\d,]* points/ })
      .first()
      .getByRole("link", { name: "Explain" })
      .click();
    await page.getByRole("heading", { name: /^Why .+ earned what it did$/ }).waitFor();
    await page
      .getByText(/^Purchase: 1 point\(s\) per 1 USD on [\d,.]+ USD/)
      .first()
      .waitFor();
    // Seeded orders earn under the demo's program (version 2: its year's rules switched on).
    await expect(page.getByText("Earned under program version 2").isVisible()).resolves.toBe(true);
    expect(failures).toEqual([]);
    await page.close();
  });
});
