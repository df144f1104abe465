// The admin in Polish (Shopify's `locale=pl`) and in Russian (Tally's own "Admin language"
// setting, since Shopify's admin has no Russian), in real Chromium: Home, Program and Members show
// their real text in that language, the language survives client-side navigation (whose requests
// carry no `locale`), and <html lang> follows. Screenshots: screenshots/admin-*-pl.png, -ru.png.
import Database from "better-sqlite3";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { consoleErrors, newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();

// The demo's one staff member must read English again in the browser tests that follow.
afterAll(() => {
  const database = new Database(resolve("tmp/e2e/tally.sqlite"));
  database.prepare(`DELETE FROM "StaffLanguage"`).run();
  database.close();
});

/** The embedded session (shop, host, id_token) of `opened` on another page, without `locale`. */
async function openWithoutLocale(page: Page, pathname: string, opened = page.url()) {
  const url = new URL(opened);
  url.pathname = pathname;
  url.searchParams.delete("locale");
  const response = await page.goto(url.toString());
  expect(response?.status()).toBe(200);
}

async function textOf(page: Page): Promise<string> {
  return (await page.locator("body").innerText()).replace(/\u00a0|\u202f/g, " ");
}

describe("the admin's languages", () => {
  it("follows Shopify's locale=pl on Home, Program and Members, also after navigating", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const response = await page.goto(`${baseUrl}/local-dev/open?locale=pl-PL`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Program lojalnościowy Tally" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("pl");
    const home = await textOf(page);
    expect(home).toContain("Ostatnie 30 dni");
    expect(home).toContain("Punkty do wykorzystania");
    expect(home).not.toContain("Points outstanding");
    await screenshot(page, "admin-home-pl");
    const opened = page.url();

    // Client-side navigation: Remix fetches the page's data with the session token only.
    await page.getByRole("link", { name: "Cała analityka" }).click();
    await page.getByRole("heading", { name: "Analityka", exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get("locale")).toBeNull();

    await openWithoutLocale(page, "/app/program", opened);
    await page.getByRole("heading", { name: "Ustawienia programu" }).waitFor();
    const program = await textOf(page);
    expect(program).toContain("Punkty za zakupy");
    expect(program).toContain("Poziomy VIP");
    expect(program).toContain("Jak w panelu Shopify (teraz: Polski)");
    await screenshot(page, "admin-program-pl");

    await openWithoutLocale(page, "/app/members");
    await page.getByRole("heading", { name: "Uczestnicy", exact: true }).waitFor();
    const members = await textOf(page);
    expect(members).toContain("20 uczestników");
    expect(members).toContain("Szukaj po e-mailu lub imieniu i nazwisku");
    expect(await page.locator("html").getAttribute("lang")).toBe("pl");
    await screenshot(page, "admin-members-pl");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("switches to Russian with the Admin language setting, over Shopify's Polish, and back", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(
      `${baseUrl}/local-dev/open?locale=pl&path=${encodeURIComponent("/app/program")}`,
    );
    await page.getByRole("heading", { name: "Ustawienia programu" }).waitFor();
    // Hydrated (after the Polish catalogue loaded): a choice made before would go unheard.
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByLabel("Język", { exact: true }).selectOption("ru");
    await page.getByRole("heading", { name: "Настройки программы" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    const program = await textOf(page);
    expect(program).toContain("Баллы за покупки");
    expect(program).toContain("Язык интерфейса");
    await screenshot(page, "admin-program-ru");

    // A full load with Shopify's locale=pl again: the setting still wins.
    await page.goto(`${baseUrl}/local-dev/open?locale=pl`);
    await page.getByRole("heading", { name: "Программа лояльности Tally" }).waitFor();
    expect(await textOf(page)).toContain("Последние 30 дней");
    await screenshot(page, "admin-home-ru");

    await openWithoutLocale(page, "/app/members");
    await page.getByRole("heading", { name: "Участники", exact: true }).waitFor();
    const members = await textOf(page);
    expect(members).toContain("20 участников");
    expect(members).toContain("Поиск по email или имени");
    await screenshot(page, "admin-members-ru");

    // Back to following Shopify's admin: Polish again.
    await openWithoutLocale(page, "/app/program");
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByLabel("Язык", { exact: true }).selectOption("shopify");
    await page.getByRole("heading", { name: "Ustawienia programu" }).waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });

  it("downloads only the language it shows, and a new one before showing it", async () => {
    const page = await newPage(browser());
    const errors = consoleErrors(page);
    // The Polish and Russian catalogues are chunks of their own (app/i18n/languages.ts).
    const languageChunks: string[] = [];
    page.on("request", (request) => {
      const chunk = /\/(language-(?:pl|ru))-[\w-]+\.js$/.exec(request.url())?.[1];
      if (chunk) languageChunks.push(chunk);
    });
    await page.goto(`${baseUrl}/local-dev/open?locale=en`);
    await page.getByRole("heading", { name: "Tally loyalty", exact: true }).waitFor();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    expect(languageChunks).toEqual([]);

    // Shopify's locale changes without a document load: Polish is fetched, then rendered whole.
    const polish = new URL(page.url());
    polish.searchParams.set("locale", "pl");
    await page.evaluate(
      (href) =>
        (
          window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }
        ).__remixRouter.navigate(href),
      polish.pathname + polish.search,
    );
    await page.getByRole("heading", { name: "Program lojalnościowy Tally" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("pl");
    expect(await textOf(page)).toContain("Punkty do wykorzystania");
    expect(languageChunks).toEqual(["language-pl"]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
