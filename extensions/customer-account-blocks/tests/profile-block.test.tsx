// The profile block links to the Rewards page, which is another extension (a full page stands alone).
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

const toml = (dir: string) =>
  readFileSync(join(import.meta.dirname, "../..", dir, "shopify.extension.toml"), "utf8");
const handleOf = (dir: string) => /^handle\s*=\s*"([^"]+)"/m.exec(toml(dir))![1];
const targetsOf = (dir: string) =>
  [...toml(dir).matchAll(/^target\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);

it("links to the page extension by its handle, without fetching anything", async () => {
  installShopify(extension.shopify, { i18n: localeI18n(en, "en") });
  await extension.render();
  expect(byText("s-button", "View rewards").getAttribute("href")).toBe(
    `extension://${handleOf("customer-account")}`,
  );
  expect(document.querySelector("s-section")?.getAttribute("heading")).toBe("Rewards");
});

it("speaks the customer's language", async () => {
  installShopify(extension.shopify, { i18n: localeI18n(ru, "ru") });
  await extension.render();
  expect(byText("s-button", "Открыть награды")).toBeTruthy();
});

it("keeps the full page alone in its extension, as Shopify requires", () => {
  expect(targetsOf("customer-account")).toEqual(["customer-account.page.render"]);
  expect(targetsOf("customer-account-blocks")).not.toContain("customer-account.page.render");
  expect(handleOf("customer-account-blocks")).not.toBe(handleOf("customer-account"));
});
