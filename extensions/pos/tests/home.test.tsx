// The POS home tile and its modal through their real entry files, with the tester's point-of-sale
// mocks, the staff member's session token and a fake GET /api/pos/program.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { posProgramAnswer, purchaseWay } from "../../../tests/factories/pos-program";
import type { PosProgram } from "../src/pos-api";
import { all, bodyText, click, normalize } from "../../shared/testing/dom";
import { fakeShopperApi, json, networkDown } from "../../shared/testing/fake-shopper-api";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { installShopify } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";

const APP = "https://tally.example";
const PATH = "/api/pos/program";
// The program the app's POS API test answers, with more ways to earn and a second reward.
const program: PosProgram = posProgramAnswer({
  waysToEarn: [
    purchaseWay({ minimumSubtotal: 20 }),
    { kind: "birthday", points: 200 },
    { kind: "every_nth_order", points: 100, every: 5, ordersSoFar: 0, ordersToNext: 5 },
    {
      kind: "referral",
      points: 500,
      friendDiscount: { kind: "percentage", value: 15, currency: "USD" },
      link: null,
    },
  ],
  rewards: [
    { id: "five-off", title: "5.00 off", cost: 500, tiers: null },
    { id: "gold-gift", title: "Gold gift", cost: 2000, tiers: ["Gold"] },
  ],
  today: { redemptions: 3, points: 1500, atPos: 2 },
});

const tile = getExtension("pos.home.tile.render");
const modal = getExtension("pos.home.modal.render");
let server: ReturnType<typeof fakeShopperApi>;

type Harness = typeof tile | typeof modal;

/** `permission` false: the POS user lacks the app permission (getSessionToken answers nothing). */
function setUp(harness: Harness, { i18n = localeI18n(en, "en"), permission = true } = {}) {
  harness.setUp();
  harness.fetch = server.fetch;
  return installShopify(harness.shopify, {
    i18n,
    action: { presentModal: vi.fn() },
    session: {
      ...harness.shopify.session,
      getSessionToken: vi.fn(async () => (permission ? "staff-token" : undefined)),
    },
  });
}

const tileElement = () => all("s-tile")[0];
const subheading = () => normalize(tileElement().getAttribute("subheading"));

beforeEach(() => {
  server = fakeShopperApi(APP);
  server.on(`GET ${PATH}`, () => json(200, program));
});

afterEach(() => {
  render(null, document.body);
  tile.tearDown();
  modal.tearDown();
});

describe("POS home tile", () => {
  it("shows the earn rate and today's redemptions, asked once with the staff member's token", async () => {
    const shopify = setUp(tile);
    await tile.render();
    await vi.waitFor(() =>
      expect(subheading()).toBe("1 point per $1.00 · 3 rewards redeemed today"),
    );
    expect(tileElement().getAttribute("heading")).toBe("Loyalty program");
    expect(tileElement().hasAttribute("disabled")).toBe(false);
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: PATH,
        headers: expect.objectContaining({ authorization: "Bearer staff-token" }),
      }),
    ]);
    click(tileElement());
    expect(shopify.action.presentModal).toHaveBeenCalledOnce();
  });

  it("says the program is paused, and says so in Russian and Polish with the right plural", async () => {
    server.on(`GET ${PATH}`, () => json(200, { ...program, enabled: false }));
    setUp(tile);
    await tile.render();
    await vi.waitFor(() => expect(subheading()).toBe("Program paused"));

    for (const [messages, locale, count, text] of [
      [ru, "ru", 1, "1 балл за 1,00 $ · Сегодня обменяна 1 награда"],
      [ru, "ru", 5, "1 балл за 1,00 $ · Сегодня обменяно 5 наград"],
      [pl, "pl", 2, "1 punkt za 1,00 USD · Dziś wymieniono 2 nagrody"],
    ] as const) {
      render(null, document.body);
      tile.tearDown();
      server.on(`GET ${PATH}`, () =>
        json(200, { ...program, today: { redemptions: count, points: 500 * count, atPos: 0 } }),
      );
      setUp(tile, { i18n: localeI18n(messages, locale) });
      await tile.render();
      await vi.waitFor(() => expect(subheading()).toBe(text));
    }
  });

  it("makes no call without the app permission, and still opens", async () => {
    const shopify = setUp(tile, { permission: false });
    await tile.render();
    await vi.waitFor(() => expect(subheading()).toBe("Figures unavailable"));
    expect(server.requests).toEqual([]);
    click(tileElement());
    expect(shopify.action.presentModal).toHaveBeenCalledOnce();
  });
});

describe("POS home tile without an app URL in the build", () => {
  it("is disabled, says Tally is not set up and asks nothing", async () => {
    for (const name of ["TALLY_APP_URL", "SHOPIFY_APP_URL", "APP_URL"]) vi.stubEnv(name, "");
    setUp(tile);
    await tile.render();
    await vi.waitFor(() => expect(subheading()).toBe("Tally is not set up for this store yet."));
    expect(tileElement().hasAttribute("disabled")).toBe(true);
    expect(server.requests).toEqual([]);
  });
});

describe("POS home modal: the program's rules", () => {
  it("lists how to earn, the rewards and their costs, the tiers, the point rules and today", async () => {
    setUp(modal);
    await modal.render();
    await vi.waitFor(() => expect(bodyText()).toContain("1 point per $1.00 spent"));
    expect(all("s-page")[0].getAttribute("heading")).toBe("Tally Rewards");
    const sections = all("s-section").map((section) => [
      section.getAttribute("heading"),
      all("s-text")
        .filter((text) => section.contains(text))
        .map((text) => text.textContent),
    ]);
    expect(sections).toEqual([
      [
        "How customers earn",
        [
          "1 point per $1.00 spent",
          "On orders of $20.00 or more",
          "200 points on their birthday",
          "100 points for every 5 orders",
          "500 points for each friend they refer (the friend gets 15% off)",
        ],
      ],
      ["Rewards", ["5.00 off: 500 points", "Gold gift: 2,000 points (Gold only)"]],
      [
        "Tiers",
        [
          "Member: every member starts here · earns ×1",
          "Silver: from 1,000 points earned · earns ×1.25",
          "Gold: from 2,500 points earned · earns ×1.5",
          "Tiers count the last 12 months.",
        ],
      ],
      [
        "Good to know",
        [
          "Points can be spent 14 days after the order.",
          "Points expire after 365 days without activity.",
        ],
      ],
      ["Today", ["3 rewards redeemed for 1,500 points", "2 of them at POS"]],
    ]);
  });

  it("words spend thresholds, no pending period, no expiry and a quiet day", async () => {
    server.on(`GET ${PATH}`, () =>
      json(200, {
        ...program,
        tierBasis: "amount_spent",
        tiers: [
          { name: "Member", threshold: 0, multiplier: 1 },
          { name: "VIP", threshold: 500, multiplier: 2 },
        ],
        tierPeriod: "lifetime",
        pendingDays: 0,
        expiry: null,
        today: { redemptions: 0, points: 0, atPos: 0 },
      }),
    );
    setUp(modal);
    await modal.render();
    await vi.waitFor(() => expect(bodyText()).toContain("VIP: from $500.00 spent · earns ×2"));
    expect(bodyText()).toContain("Tiers count everything since the customer joined.");
    expect(bodyText()).toContain("Points can be spent as soon as the order is paid.");
    expect(bodyText()).toContain("Points never expire.");
    expect(bodyText()).toContain("No rewards redeemed yet today.");
  });

  it("in Russian and Polish, with the plural forms of days, points and orders", async () => {
    setUp(modal, { i18n: localeI18n(ru, "ru") });
    await modal.render();
    await vi.waitFor(() => expect(bodyText()).toContain("1 балл за каждые 1,00 $ покупок"));
    for (const line of [
      "100 баллов за каждые 5 заказов",
      "Gold gift: 2 000 баллов (только Gold)",
      "Silver: 1 000 баллов и больше · начисление ×1,25",
      "Баллы можно потратить через 14 дней после заказа.",
      "Баллы сгорают после 365 дней без активности.",
      "Обменяно 3 награды на 1 500 баллов",
      "Из них 2 в POS",
    ])
      expect(bodyText()).toContain(line);

    render(null, document.body);
    modal.tearDown();
    server.on(`GET ${PATH}`, () =>
      json(200, { ...program, pendingDays: 1, today: { redemptions: 1, points: 500, atPos: 1 } }),
    );
    setUp(modal, { i18n: localeI18n(pl, "pl") });
    await modal.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("Punkty można wydać 1 dzień po zamówieniu."),
    );
    for (const line of [
      "100 punktów za każde 5 zamówień",
      "Silver: 1000 punktów lub więcej · naliczanie ×1,25",
      "Wymieniono 1 nagrodę za 500 punktów",
      "500 punktów za każdego poleconego znajomego (znajomy otrzyma 15% zniżki)",
    ])
      expect(bodyText()).toContain(line);
  });

  it("says what went wrong when the service cannot be reached", async () => {
    server.on(`GET ${PATH}`, networkDown);
    setUp(modal);
    await modal.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("The loyalty service could not be reached."),
    );
  });
});
