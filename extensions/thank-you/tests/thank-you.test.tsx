// The thank-you block through its entry file: members see what the order earns and where they stand,
// guests an invitation; nothing is fetched.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { all, bodyText, byText } from "../../shared/testing/dom";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { buyerIdentity, installShopify, statusMetafield, testSignal } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";

const extension = getExtension("purchase.thank-you.block.render");
const status = { v: 1, balance: 1250, pending: 0, tier: "Silver", nextTier: "Gold", pointsToNextTier: 320, earn: { perUnit: 1.25, currency: "USD" } };
const money = (amount: number) => testSignal({ amount, currencyCode: "USD" as const });

function setUpShopify(overrides: Record<string, unknown> = {}) {
  installShopify(extension.shopify, {
    buyerIdentity: buyerIdentity("gid://shopify/Customer/1"),
    appMetafields: testSignal(statusMetafield(status)),
    cost: { subtotalAmount: money(54.99), totalAmount: money(62.49), totalShippingAmount: testSignal({ amount: 7.5, currencyCode: "USD" }), totalTaxAmount: testSignal(undefined) },
    i18n: localeI18n(en, "en"),
    ...overrides,
  });
}

beforeEach(() => {
  extension.setUp();
  extension.fetch = vi.fn();
});
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

describe("thank-you: a member", () => {
  it("shows the points this order will earn, how they were estimated, balance and tier progress", async () => {
    setUpShopify();
    await extension.render();
    expect(byText("s-heading", "You'll earn about 68 points with this order")).toBeTruthy();
    expect(bodyText()).toContain("Estimated from your $54.99 subtotal. Points are added once the order is paid.");
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(bodyText()).toContain("320 points to Gold");
    expect(extension.fetch).not.toHaveBeenCalled();
  });

  it("promises points without a number when the metafield publishes no earn rate", async () => {
    const { earn: _earn, ...withoutEarn } = status;
    setUpShopify({ appMetafields: testSignal(statusMetafield(withoutEarn)) });
    await extension.render();
    expect(byText("s-heading", "You'll earn points with this order")).toBeTruthy();
    expect(bodyText()).toContain("Points are added to your balance once the order is paid.");
    expect(bodyText()).toContain("You have 1,250 points · Silver");
  });

  it("still thanks a brand-new member whose status is not synced yet", async () => {
    setUpShopify({ appMetafields: testSignal([]) });
    await extension.render();
    expect(all("s-heading, s-paragraph, s-text").map((e) => e.textContent)).toEqual([
      "You'll earn points with this order",
      "Points are added to your balance once the order is paid.",
    ]);
  });
});

describe("thank-you: a guest", () => {
  it("is invited to create an account on the storefront", async () => {
    setUpShopify({ buyerIdentity: buyerIdentity(null) });
    await extension.render();
    expect(byText("s-heading", "Join our rewards program")).toBeTruthy();
    const link = byText("s-link", "Create an account");
    expect(link.getAttribute("href")).toBe("https://mock-shop.myshopify.com/account");
    expect(bodyText()).not.toContain("points with this order");
  });
});

describe.each([
  ["ru", ru, "Вы получите примерно 68 баллов за этот заказ", "Расчёт по сумме товаров 54,99 $.", "У вас 1 250 баллов · Silver", "Создать аккаунт"],
  ["pl", pl, "Szacowana liczba punktów za to zamówienie: 68 punktów", "Szacunek na podstawie sumy produktów 54,99 USD.", "Masz 1250 punktów · Silver", "Załóż konto"],
])("thank-you in %s", (locale, messages, heading, basis, balance, cta) => {
  it("renders the estimate, money and balance in the buyer's locale", async () => {
    setUpShopify({ i18n: localeI18n(messages, locale) });
    await extension.render();
    expect(bodyText()).toContain(heading);
    expect(bodyText()).toContain(basis);
    expect(bodyText()).toContain(balance);
  });

  it("renders the guest invitation", async () => {
    setUpShopify({ i18n: localeI18n(messages, locale), buyerIdentity: buyerIdentity(null) });
    await extension.render();
    expect(all("s-link").map((l) => l.textContent)).toEqual([cta]);
  });
});
