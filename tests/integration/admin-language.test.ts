// The admin's language end to end through the routes: Shopify's `locale` on the first load is
// remembered per staff member for the requests that follow (client-side navigation carries no
// `locale`), a language Tally lacks gives English, and the "Admin language" setting (Russian,
// which Shopify's admin does not offer) overrides Shopify's locale.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { pl } from "~/i18n/pl";
import { ru } from "~/i18n/ru";
import { withRequestLocale } from "~/i18n/request-locale.server";
import { loader as frameLoader } from "~/routes/app";
import { loader as unknownAdminPage } from "~/routes/app.$";
import { action as chooseLanguage } from "~/routes/app.language";
import { loader as programLoader } from "~/routes/app.program";
import { installShop } from "../factories/shop";
import { adminRequest, routeResult } from "../support/admin-request";

const shop = "admin-language.myshopify.com";
const staffUserId = "777";

beforeEach(async () => {
  await installShop(getDb(), shop);
});

/** The language the admin frame is rendered in for this request (as the server serves it). */
async function frameLanguage(path: string, staff = staffUserId) {
  const request = await adminRequest(shop, path, { staffUserId: staff });
  return withRequestLocale(
    async () => (await frameLoader({ request, params: {}, context: {} })).locale,
  );
}

async function choose(choice: string, staff = staffUserId) {
  const request = await adminRequest(shop, "/app/language", {
    form: { choice },
    staffUserId: staff,
  });
  return withRequestLocale(() =>
    routeResult<{ status: string; message: string }>(() =>
      chooseLanguage({ request, params: {}, context: {} }),
    ),
  );
}

describe("Shopify's admin language", () => {
  it("is served from the locale parameter, a regional tag included", async () => {
    expect(await frameLanguage("/app?locale=pl-PL")).toBe("pl");
  });

  it("survives navigation: later requests without locale keep it, for that staff member only", async () => {
    await frameLanguage("/app?locale=pl");
    expect(await frameLanguage("/app/members")).toBe("pl");
    expect(await frameLanguage("/app/members", "778")).toBe("en");
  });

  it("falls back to English for a language Tally does not have", async () => {
    await frameLanguage("/app?locale=pl");
    expect(await frameLanguage("/app?locale=fr")).toBe("en");
    expect(await frameLanguage("/app/program")).toBe("en");
  });

  it("puts the server's own answers in that language", async () => {
    await frameLanguage("/app?locale=pl");
    const request = await adminRequest(shop, "/app/no-such-page", { staffUserId });
    const result = await withRequestLocale(() =>
      routeResult(() =>
        unknownAdminPage({ request, params: { "*": "no-such-page" }, context: {} }),
      ),
    );
    expect(result).toEqual({ status: 404, body: { message: pl.errors.pageNotFound } });
  });
});

describe("the Admin language setting", () => {
  it("chooses Russian over Shopify's Polish, says so in Russian, and shows the choice", async () => {
    await frameLanguage("/app?locale=pl");
    expect(await choose("ru")).toEqual({
      status: 200,
      body: { status: "saved", message: ru.adminLanguage.saved },
    });
    expect(await frameLanguage("/app?locale=pl")).toBe("ru");
    expect(await frameLanguage("/app/members")).toBe("ru");

    const request = await adminRequest(shop, "/app/program", { staffUserId });
    const program = await withRequestLocale(async () =>
      (await programLoader({ request, params: {}, context: {} })).json(),
    );
    expect(program.language).toEqual({ locale: "ru", choice: "ru", shopifyLocale: "pl" });
  });

  it("goes back to Shopify's language when set to follow Shopify's admin", async () => {
    await frameLanguage("/app?locale=pl");
    await choose("ru");
    expect((await choose("shopify")).body).toEqual({
      status: "saved",
      message: pl.adminLanguage.saved,
    });
    expect(await frameLanguage("/app/members")).toBe("pl");
  });

  it("is each staff member's own", async () => {
    await choose("ru");
    expect(await frameLanguage("/app")).toBe("ru");
    expect(await frameLanguage("/app", "779")).toBe("en");
  });

  it("refuses a language it does not offer, in plain words, and keeps the saved one", async () => {
    await choose("pl");
    const refused = await choose("fr");
    expect(refused).toEqual({
      status: 400,
      body: { status: "invalid", message: pl.adminLanguage.invalid },
    });
    expect(await frameLanguage("/app")).toBe("pl");
  });
});
