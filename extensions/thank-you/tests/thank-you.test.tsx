// The thank-you block through its entry file: members see the estimate at once, then what Tally
// credited for the order once the app has it (a fake shopper API behind fetch); guests an invitation.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { all, bodyText, byText, normalize } from "../../shared/testing/dom";
import { fakeShopperApi, json, networkDown } from "../../shared/testing/fake-shopper-api";
import { localeI18n } from "../../shared/testing/locale-i18n";
import {
  buyerIdentity,
  installShopify,
  statusMetafield,
  testSignal,
} from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";
import { RETRY_DELAYS_MS } from "../src/use-order-points";

const APP = "https://tally.example";
const ORDER_PATH = "GET /api/loyalty/orders/5550001";
const extension = getExtension("purchase.thank-you.block.render");
const status = {
  v: 1,
  balance: 1250,
  pending: 0,
  tier: "Silver",
  nextTier: "Gold",
  pointsToNextTier: 320,
  earn: { perUnit: 1.25, currency: "USD" },
};
const money = (amount: number) => testSignal({ amount, currencyCode: "USD" as const });
const member = {
  balance: 1318,
  pending: 0,
  tier: "Silver",
  nextTier: "Gold",
  pointsToNextTier: 252,
};
const credited = { orderId: "5550001", status: "credited", points: 68, availableAt: null, member };
const pending = {
  orderId: "5550001",
  status: "pending",
  points: 68,
  availableAt: "2026-12-16T12:00:00.000Z",
  member: { ...member, balance: 1250, pending: 68 },
};
const notFound = () =>
  json(404, {
    error: { code: "ORDER_NOT_FOUND", message: "No such order for this customer yet." },
  });
const ESTIMATE = "You'll earn about 68 points with this order";
const ALL_RETRIES_MS = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);

let server: ReturnType<typeof fakeShopperApi>;

function setUpShopify(overrides: Record<string, unknown> = {}) {
  installShopify(extension.shopify, {
    buyerIdentity: buyerIdentity("gid://shopify/Customer/1"),
    appMetafields: testSignal(statusMetafield(status)),
    cost: {
      subtotalAmount: money(54.99),
      totalAmount: money(62.49),
      totalShippingAmount: testSignal({ amount: 7.5, currencyCode: "USD" }),
      totalTaxAmount: testSignal(undefined),
    },
    orderConfirmation: testSignal({
      order: { id: "gid://shopify/OrderIdentity/5550001" },
      number: "X1Y2Z3",
      isFirstOrder: false,
    }),
    i18n: localeI18n(en, "en"),
    ...overrides,
  });
}

const heading = () => all("s-heading").map((e) => e.textContent);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  extension.setUp();
  server = fakeShopperApi(APP);
  extension.fetch = server.fetch;
  server.on(ORDER_PATH, () => json(200, credited));
});
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
  vi.useRealTimers();
});

describe("thank-you: a member", () => {
  it("shows the estimate first, then what the order earned once Tally has credited it", async () => {
    server.on(ORDER_PATH, notFound, () => json(200, credited));
    setUpShopify();
    await extension.render();
    expect(byText("s-heading", ESTIMATE)).toBeTruthy();
    expect(bodyText()).toContain(
      "Estimated from your $54.99 subtotal. Points are added once the order is paid.",
    );
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(bodyText()).toContain("320 points to Gold");
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(heading()).toEqual([ESTIMATE]); // the webhook is not in yet

    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]);
    await vi.waitFor(() => expect(heading()).toEqual(["You earned 68 points with this order"]));
    expect(bodyText()).toContain("They've been added to your balance.");
    // The app's figures include this order; the metafield's did not.
    expect(bodyText()).toContain("You have 1,318 points · Silver");
    expect(bodyText()).toContain("252 points to Gold");
    expect(bodyText()).not.toContain("Estimated");
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ["/api/loyalty/orders/5550001", "Bearer mock-session-token"],
      ["/api/loyalty/orders/5550001", "Bearer mock-session-token"],
    ]);
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS);
    expect(server.requests).toHaveLength(2); // an answer ends the asking
  });

  it("says the order will earn its exact points, and from when, while the pending period holds them", async () => {
    server.on(ORDER_PATH, () => json(200, pending));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(heading()).toEqual(["You'll earn 68 points with this order"]));
    expect(bodyText()).toContain("You can use them from December 16, 2026.");
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(bodyText()).toContain("68 points pending");
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the estimate while the order is not paid, asking a bounded number of times", async () => {
    server.on(ORDER_PATH, () =>
      json(200, {
        ...credited,
        status: "not_paid",
        points: 0,
        member: { ...member, balance: 1250 },
      }),
    );
    setUpShopify();
    await extension.render();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS * 3);
    expect(server.requests).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(heading()).toEqual([ESTIMATE]);
    expect(bodyText()).toContain("Points are added once the order is paid.");
  });

  it("stops after a bounded number of tries when the order never reaches Tally, and keeps the estimate", async () => {
    server.on(ORDER_PATH, notFound);
    setUpShopify();
    await extension.render();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS * 3);
    expect(server.requests).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(heading()).toEqual([ESTIMATE]);
  });

  it("says plainly when the order earns nothing (excluded products, cancelled)", async () => {
    server.on(ORDER_PATH, () => json(200, { ...credited, status: "none", points: 0 }));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(heading()).toEqual(["This order doesn't earn points"]));
    expect(all("s-paragraph")).toEqual([]);
    expect(bodyText()).toContain("You have 1,318 points · Silver");
  });

  it.each([
    ["the network is down", networkDown, RETRY_DELAYS_MS.length + 1],
    [
      "the app fails (500)",
      () => json(500, { error: { code: "INTERNAL", message: "boom" } }),
      RETRY_DELAYS_MS.length + 1,
    ],
    [
      "the session token is refused (401)",
      () => json(401, { error: { code: "UNAUTHENTICATED", message: "expired" } }),
      1,
    ],
    [
      "the shop does not run Tally (404)",
      () => json(404, { error: { code: "SHOP_NOT_INSTALLED", message: "no" } }),
      1,
    ],
    ["the app answers something else than an order", () => json(200, { ok: true }), 1],
  ])("falls back to the estimate, with no error shown, when %s", async (_, answer, requests) => {
    server.on(ORDER_PATH, answer);
    setUpShopify();
    await extension.render();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS * 3);
    expect(server.requests).toHaveLength(requests);
    expect(heading()).toEqual([ESTIMATE]);
    expect(all("s-banner")).toEqual([]);
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(bodyText()).not.toMatch(/unavailable|couldn't/i);
  });

  it("stops asking when the page goes away", async () => {
    server.on(ORDER_PATH, notFound);
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    render(null, document.body);
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS * 3);
    expect(server.requests).toHaveLength(1);
  });

  it("renders the estimate without any call when no app URL is configured", async () => {
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "");
    setUpShopify();
    await extension.render();
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS);
    expect(server.requests).toHaveLength(0);
    expect(heading()).toEqual([ESTIMATE]);
  });

  it("promises points without a number when the metafield publishes no earn rate", async () => {
    server.on(ORDER_PATH, notFound);
    const { earn: _earn, ...withoutEarn } = status;
    setUpShopify({ appMetafields: testSignal(statusMetafield(withoutEarn)) });
    await extension.render();
    expect(byText("s-heading", "You'll earn points with this order")).toBeTruthy();
    expect(bodyText()).toContain("Points are added to your balance once the order is paid.");
    expect(bodyText()).toContain("You have 1,250 points · Silver");
  });

  it("still thanks a brand-new member whose status is not synced yet, then shows what the order earned", async () => {
    server.on(ORDER_PATH, notFound, () =>
      json(200, {
        ...credited,
        member: {
          balance: 68,
          pending: 0,
          tier: "Member",
          nextTier: "Silver",
          pointsToNextTier: 932,
        },
      }),
    );
    setUpShopify({ appMetafields: testSignal([]) });
    await extension.render();
    expect(all("s-heading, s-paragraph, s-text").map((e) => e.textContent)).toEqual([
      "You'll earn points with this order",
      "Points are added to your balance once the order is paid.",
    ]);
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]);
    await vi.waitFor(() =>
      expect(all("s-heading, s-paragraph, s-text").map((e) => e.textContent)).toEqual([
        "You earned 68 points with this order",
        "They've been added to your balance.",
        "You have 68 points · Member",
        "932 points to Silver",
      ]),
    );
  });
});

// Refer a friend (decision 042): the order's answer carries the member's link while the shop runs
// referrals; the page shows it with a copy button.
const referral = {
  code: "K7M2QX9P",
  link: `${APP}/r/shop.myshopify.com/K7M2QX9P`,
  advocatePoints: 500,
  friendDiscount: { kind: "fixed_amount", value: 10, currency: "USD" },
};

describe("thank-you: the member's referral link", () => {
  it("shows no referral while the shop runs none", async () => {
    server.on(ORDER_PATH, () => json(200, { ...credited, referral: null }));
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(heading()).toEqual(["You earned 68 points with this order"]));
    expect(document.querySelector("s-clipboard-item")).toBeNull();
    expect(bodyText()).not.toContain(en.referral.heading);
  });

  it.each([
    [
      "en",
      en,
      "Give a friend $10.00 off on their first order. You get 500 points when their order is complete.",
      "Your referral code: K7M2QX9P",
    ],
    [
      "ru",
      ru,
      "Подарите другу скидку 10,00 $ на первый заказ. Вы получите 500 баллов, когда его заказ будет завершён.",
      "Ваш код приглашения: K7M2QX9P",
    ],
    [
      "pl",
      pl,
      "Podaruj znajomemu 10,00 USD zniżki na pierwsze zamówienie. Otrzymasz 500 punktów, gdy jego zamówienie zostanie zrealizowane.",
      "Twój kod polecający: K7M2QX9P",
    ],
  ])(
    "shows the link, the offer and the code in %s, and says when it was copied",
    async (locale, messages, offer, code) => {
      server.on(ORDER_PATH, () => json(200, { ...credited, referral }));
      setUpShopify({ i18n: localeI18n(messages, locale) });
      await extension.render();
      await vi.waitFor(() => expect(heading()).toContain(messages.referral.heading));
      expect(bodyText()).toContain(normalize(offer));
      expect(bodyText()).toContain(referral.link);
      expect(bodyText()).toContain(code);
      const item = document.querySelector("s-clipboard-item")!;
      expect(item.getAttribute("text")).toBe(referral.link);
      const button = byText("s-button", messages.referral.copyLink);
      expect(button.getAttribute("commandFor") ?? button.getAttribute("commandfor")).toBe(item.id);
      item.dispatchEvent(new Event("copy"));
      await vi.waitFor(() => expect(byText("s-button", messages.referral.copied)).toBeTruthy());
    },
  );

  it("shows a percentage gift and the points in the plural the number needs", async () => {
    const percent = {
      ...referral,
      advocatePoints: 22,
      friendDiscount: { kind: "percentage", value: 15, currency: "USD" },
    };
    server.on(ORDER_PATH, () => json(200, { ...credited, referral: percent }));
    setUpShopify({ i18n: localeI18n(ru, "ru") });
    await extension.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain(
        "Подарите другу скидку 15% на первый заказ. Вы получите 22 балла",
      ),
    );
  });
});

describe("thank-you: a guest", () => {
  it("is invited to create an account on the storefront, and nothing is fetched", async () => {
    setUpShopify({ buyerIdentity: buyerIdentity(null) });
    await extension.render();
    expect(byText("s-heading", "Join our rewards program")).toBeTruthy();
    const link = byText("s-link", "Create an account");
    expect(link.getAttribute("href")).toBe("https://mock-shop.myshopify.com/account");
    expect(bodyText()).not.toContain("points with this order");
    await vi.advanceTimersByTimeAsync(ALL_RETRIES_MS);
    expect(server.requests).toHaveLength(0);
  });
});

describe.each([
  [
    "ru",
    ru,
    "Вы получите примерно 68 баллов за этот заказ",
    "Расчёт по сумме товаров 54,99 $.",
    "У вас 1 250 баллов · Silver",
    "Создать аккаунт",
    "Вы получили 68 баллов за этот заказ",
    "Вы получите 68 баллов за этот заказ",
    "Их можно будет использовать с 16 декабря 2026 г.",
  ],
  [
    "pl",
    pl,
    "Za to zamówienie otrzymasz około 68 punktów",
    "Szacunek na podstawie sumy produktów 54,99 USD.",
    "Masz 1250 punktów · Silver",
    "Załóż konto",
    "Za to zamówienie przyznano Ci 68 punktów",
    "Za to zamówienie otrzymasz 68 punktów",
    "Będzie można z nich skorzystać od 16 grudnia 2026.",
  ],
])(
  "thank-you in %s",
  (locale, messages, estimate, basis, balance, cta, earned, willEarn, availableOn) => {
    it("renders the estimate, money and balance in the buyer's locale", async () => {
      server.on(ORDER_PATH, notFound);
      setUpShopify({ i18n: localeI18n(messages, locale) });
      await extension.render();
      expect(bodyText()).toContain(estimate);
      expect(bodyText()).toContain(basis);
      expect(bodyText()).toContain(balance);
    });

    it("renders what the order earned, and pending points with their date", async () => {
      setUpShopify({ i18n: localeI18n(messages, locale) });
      await extension.render();
      await vi.waitFor(() => expect(heading()).toEqual([earned]));
      render(null, document.body);
      server.on(ORDER_PATH, () => json(200, pending));
      await extension.render();
      await vi.waitFor(() => expect(heading()).toEqual([willEarn]));
      expect(bodyText()).toContain(availableOn);
      // A Russian long date ends with "г.": no second full stop after it (issue 22).
      expect(bodyText()).not.toContain("..");
    });

    it("renders the guest invitation", async () => {
      setUpShopify({ i18n: localeI18n(messages, locale), buyerIdentity: buyerIdentity(null) });
      await extension.render();
      expect(all("s-link").map((l) => l.textContent)).toEqual([cta]);
    });
  },
);
