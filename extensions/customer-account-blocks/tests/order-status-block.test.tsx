// The order status block: what the order earned, from GET /api/loyalty/orders/:id (issue 22 item 3).
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bodyText } from "../../shared/testing/dom";
import { fakeShopperApi, json } from "../../shared/testing/fake-shopper-api";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { installShopify, testSignal } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";

const APP = "https://tally.example";
const ORDER_PATH = "GET /api/loyalty/orders/5550001";
const member = {
  v: 1,
  balance: 1250,
  pending: 68,
  tier: "Silver",
  nextTier: null,
  pointsToNextTier: null,
};
const credited = { orderId: "5550001", status: "credited", points: 68, availableAt: null, member };
const pending = { ...credited, status: "pending", availableAt: "2026-12-16T00:00:00Z" };

const extension = getExtension("customer-account.order-status.block.render");
let server: ReturnType<typeof fakeShopperApi>;

function setUpShopify(i18n = localeI18n(en, "en")) {
  installShopify(extension.shopify, {
    i18n,
    order: testSignal({ id: "gid://shopify/Order/5550001", name: "#1042" }),
  });
}

beforeEach(() => {
  extension.setUp();
  server = fakeShopperApi(APP);
  extension.fetch = server.fetch;
});
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

describe("order status block", () => {
  it("says what a credited order earned, asking the app with the session token", async () => {
    server.on(ORDER_PATH, () => json(200, credited));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("This order earned 68 points"));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toMatch(/^Bearer /);
  });

  it("says what a pending order will earn and from when", async () => {
    server.on(ORDER_PATH, () => json(200, pending));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("This order will earn 68 points"));
    expect(bodyText()).toContain("You can use them from December 16, 2026.");
  });

  it("shows nothing for an order Tally does not know, or an unpaid one", async () => {
    server.on(ORDER_PATH, () => json(404, { error: { code: "ORDER_NOT_FOUND", message: "" } }));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(bodyText()).toBe("");
    render(null, document.body);
    server.on(ORDER_PATH, () => json(200, { ...credited, status: "not_paid", points: 0 }));
    await extension.render();
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(bodyText()).toBe("");
  });

  it.each([
    [
      "ru",
      ru,
      "За этот заказ будет начислено 68 баллов",
      "Их можно будет использовать с 16 декабря 2026 г.",
    ],
    [
      "pl",
      pl,
      "Za to zamówienie otrzymasz 68 punktów",
      "Będzie można z nich skorzystać od 16 grudnia 2026.",
    ],
  ])(
    "speaks %s, with no double full stop after the date",
    async (locale, messages, heading, date) => {
      server.on(ORDER_PATH, () => json(200, pending));
      setUpShopify(localeI18n(messages, locale));
      await extension.render();
      await vi.waitFor(() => expect(bodyText()).toContain(heading));
      expect(bodyText()).toContain(date);
      expect(bodyText()).not.toContain("..");
    },
  );
});
