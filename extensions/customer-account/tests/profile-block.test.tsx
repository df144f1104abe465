// The profile block links to the Rewards page of this same extension.
import { getExtension } from "@shopify/ui-extensions-tester";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "preact";
import { afterEach, beforeEach, expect, it } from "vitest";
import { byText } from "../../shared/testing/dom";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { installShopify } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import ru from "../locales/ru.json";

const extension = getExtension("customer-account.profile.block.render");

beforeEach(() => extension.setUp());
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

it("links to extension:<this extension's handle>/ without fetching anything", async () => {
  installShopify(extension.shopify, { i18n: localeI18n(en, "en") });
  await extension.render();
  const handle = /^handle\s*=\s*"([^"]+)"/m.exec(
    readFileSync(join(import.meta.dirname, "../shopify.extension.toml"), "utf8"),
  )![1];
  expect(byText("s-button", "View rewards").getAttribute("href")).toBe(`extension:${handle}/`);
  expect(document.querySelector("s-section")?.getAttribute("heading")).toBe("Rewards");
});

it("speaks the customer's language", async () => {
  installShopify(extension.shopify, { i18n: localeI18n(ru, "ru") });
  await extension.render();
  expect(byText("s-button", "Открыть награды")).toBeTruthy();
});
