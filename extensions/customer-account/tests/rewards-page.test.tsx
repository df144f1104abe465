// The Rewards page through its entry file, against a fake shopper API.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { all, bodyText, byAttribute, byText, click, normalize } from "../../shared/testing/dom";
import { fakeShopperApi, json } from "../../shared/testing/fake-shopper-api";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { installShopify } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";

const APP = "https://tally.example";
const overview = {
  balance: 1250,
  pending: 50,
  tier: { name: "Silver", multiplier: 1.25 },
  nextTier: { name: "Gold", threshold: 2500, remaining: 320 },
  rewards: [
    { id: "five-off", title: "5.00 off", cost: 500, affordable: true },
    { id: "twenty-off", title: "20.00 off", cost: 2000, affordable: false },
  ],
  history: [
    {
      at: "2026-11-20T09:30:00Z",
      points: 146,
      kind: "earn",
      description: "Order #1042: 1 point per 1.00 on 116.80, Silver ×1.25",
    },
    { at: "2026-11-02T15:00:00Z", points: -500, kind: "redeem", description: "Redeemed 5.00 off" },
  ],
  badges: [] as { id: string; name: string; description: string; awardedAt: string }[],
  leaderboard: { enabled: false, optedIn: false },
};
const board = {
  month: "2026-11",
  optedIn: false,
  entries: [
    { rank: 1, name: "Boris I.", points: 500, you: false },
    { rank: 2, name: null, points: 300, you: false },
  ],
};
const badges = [
  {
    id: "first-order",
    name: "First order",
    description: "Placed a first order",
    awardedAt: "2026-10-01T10:00:00Z",
  },
  { id: "gold", name: "Gold member", description: "", awardedAt: "2026-11-20T09:30:00Z" },
];
const redemption = {
  redemptionId: "red-9",
  code: "TALLY-5OFF-Q7",
  expiresAt: "2026-12-20T00:00:00Z",
  balance: 750,
};

const extension = getExtension("customer-account.page.render");
let server: ReturnType<typeof fakeShopperApi>;
let toast: ReturnType<typeof vi.fn>;

function setUpShopify(i18n = localeI18n(en, "en")) {
  toast = vi.fn(async () => ({ hide() {} }));
  installShopify(extension.shopify, {
    i18n,
    toast: { show: toast },
  });
}

beforeEach(() => {
  extension.setUp();
  server = fakeShopperApi(APP);
  extension.fetch = server.fetch;
  server.on("GET /api/loyalty", () => json(200, overview));
});
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

const loaded = () => vi.waitFor(() => expect(all("s-section")).toHaveLength(3));
const rows = (heading: string) =>
  all("s-list-item").filter(
    (item) => item.closest("s-section")?.getAttribute("heading") === heading,
  );

describe("rewards page", () => {
  it("loads the overview with the session token and shows balance, tier, perk and progress", async () => {
    setUpShopify();
    await extension.render();
    expect(document.querySelector("s-spinner")).not.toBeNull();
    await loaded();

    expect(document.querySelector("s-page")?.getAttribute("heading")).toBe("Rewards");
    expect(server.requests[0].headers.authorization).toBe("Bearer mock-session-token");
    expect(byText("s-heading", "1,250 points")).toBeTruthy();
    expect(bodyText()).toContain("50 points pending");
    expect(byText("s-badge", "Silver")).toBeTruthy();
    expect(bodyText()).toContain("You earn 1.25× points on purchases");
    const progress = document.querySelector("s-progress")!;
    expect([progress.getAttribute("value"), progress.getAttribute("max")]).toEqual([
      "2180",
      "2500",
    ]);
    expect(bodyText()).toContain("320 points to Gold");
  });

  it("lists rewards: Redeem when affordable, what is missing otherwise", async () => {
    setUpShopify();
    await extension.render();
    await loaded();
    expect(rows("Redeem points").map((row) => normalize(row.textContent))).toEqual([
      "5.00 off500 pointsRedeem",
      "20.00 off2,000 points750 points more needed",
    ]);
  });

  it("lists the history with the app's explanation, a localized date and signed points", async () => {
    setUpShopify();
    await extension.render();
    await loaded();
    expect(rows("History").map((row) => normalize(row.textContent))).toEqual([
      "Order #1042: 1 point per 1.00 on 116.80, Silver ×1.25Nov 20, 2026+146 points",
      "Redeemed 5.00 offNov 2, 2026-500 points",
    ]);
  });

  it("redeems a reward and shows its code to copy, with the expiry, and the new balance", async () => {
    setUpShopify();
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    await extension.render();
    await loaded();
    server.on("GET /api/loyalty", () =>
      json(200, {
        ...overview,
        balance: 750,
        rewards: [{ ...overview.rewards[0], affordable: true }, overview.rewards[1]],
      }),
    );
    click(byAttribute("s-button", "accessibilityLabel", "Redeem 5.00 off"));

    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    const post = server.requests.find((r) => r.method === "POST")!;
    expect(post).toMatchObject({
      path: "/api/loyalty/redemptions",
      body: { rewardId: "five-off" },
    });
    expect(post.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

    const banner = byAttribute("s-banner", "heading", "Your code for 5.00 off");
    const clipboard = banner.querySelector("s-clipboard-item")!;
    expect(clipboard.getAttribute("text")).toBe("TALLY-5OFF-Q7");
    const copy = byText("s-button", "Copy code");
    expect([copy.getAttribute("command"), copy.getAttribute("commandFor")]).toEqual([
      "--copy",
      clipboard.id,
    ]);
    expect(normalize(banner.textContent)).toContain(
      "Enter it at checkout before December 20, 2026.",
    );
    await vi.waitFor(() => expect(byText("s-heading", "750 points")).toBeTruthy());
    // History refreshed, and the list of codes asked again so it has the new one.
    expect(server.requests.filter((r) => r.path === "/api/loyalty")).toHaveLength(2);
    const afterPost = () =>
      server.requests
        .slice(server.requests.findIndex((r) => r.method === "POST"))
        .filter((r) => r.path === "/api/loyalty/redemptions");
    await vi.waitFor(() => expect(afterPost().length).toBeGreaterThan(0));

    clipboard.dispatchEvent(new Event("copy"));
    expect(toast).toHaveBeenCalledWith("Code copied");
  });

  it("says where a store-credit reward went (there is no code)", async () => {
    setUpShopify();
    server.on("POST /api/loyalty/redemptions", () => json(201, { ...redemption, code: null }));
    await extension.render();
    await loaded();
    click(byAttribute("s-button", "accessibilityLabel", "Redeem 5.00 off"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain("5.00 off was added to your store credit. Use it at checkout."),
    );
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("says when the next points expire, and nothing without an expiry (issue 22 item 3)", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, expiring: { points: 150, at: "2027-01-31T00:00:00Z" } }),
    );
    await extension.render();
    await loaded();
    expect(bodyText()).toContain("150 points expire on January 31, 2027");

    render(null, document.body);
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, expiring: { points: 1, at: "2027-01-31T00:00:00Z" } }),
    );
    await extension.render();
    await loaded();
    expect(bodyText()).toContain("1 point expires on January 31, 2027");

    render(null, document.body);
    server.on("GET /api/loyalty", () => json(200, { ...overview, expiring: null }));
    await extension.render();
    await loaded();
    expect(bodyText()).not.toContain("expire");
  });

  it("shows no perk line for a 1× tier", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, tier: { name: "Member", multiplier: 1 } }),
    );
    await extension.render();
    await loaded();
    expect(byText("s-badge", "Member")).toBeTruthy();
    expect(bodyText()).not.toContain("× points");
  });

  it("explains a refused redemption and shows no code", async () => {
    setUpShopify();
    server.on("POST /api/loyalty/redemptions", () =>
      json(409, { error: { code: "REWARD_UNAVAILABLE", message: "disabled" } }),
    );
    await extension.render();
    await loaded();
    click(byAttribute("s-button", "accessibilityLabel", "Redeem 5.00 off"));
    await vi.waitFor(() => expect(bodyText()).toContain("This reward is no longer available."));
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("offers a retry when the overview cannot be loaded", async () => {
    setUpShopify();
    server.on(
      "GET /api/loyalty",
      () => json(500, {}),
      () => json(200, overview),
    );
    await extension.render();
    await vi.waitFor(() =>
      expect(byAttribute("s-banner", "heading", "We couldn't load your rewards")).toBeTruthy(),
    );
    click(byText("s-button", "Try again"));
    await loaded();
    expect(byText("s-heading", "1,250 points")).toBeTruthy();
  });

  it("shows earned badges with their description and date, after the summary", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () => json(200, { ...overview, badges }));
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    expect(all("s-section").map((section) => section.getAttribute("heading"))).toEqual([
      "Your points",
      "Your badges",
      "Redeem points",
      "History",
    ]);
    expect(rows("Your badges").map((row) => normalize(row.textContent))).toEqual([
      "First orderPlaced a first orderEarned Oct 1, 2026",
      "Gold memberEarned Nov 20, 2026",
    ]);
    expect(byText("s-badge", "Gold member")).toBeTruthy();
  });

  it("shows no badges section when there are none, or when an older app sends no badges", async () => {
    setUpShopify();
    const { badges: _none, ...withoutBadges } = overview;
    server.on("GET /api/loyalty", () => json(200, withoutBadges));
    await extension.render();
    await loaded();
    expect(all("s-section").map((section) => section.getAttribute("heading"))).toEqual([
      "Your points",
      "Redeem points",
      "History",
    ]);
  });

  it("shows no leaderboard and asks nothing about it when the shop does not offer one", async () => {
    setUpShopify();
    await extension.render();
    await loaded();
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      "/api/loyalty",
      "/api/loyalty/redemptions",
    ]);
  });

  it("lists the codes claimed before, after a reload, with status and expiry (issue 22)", async () => {
    server.on("GET /api/loyalty/redemptions", () =>
      json(200, {
        redemptions: [
          {
            redemptionId: "red-2",
            reward: "5.00 off",
            points: 500,
            code: "TALLY-NEWER",
            status: "active",
            expiresAt: "2026-12-20T00:00:00Z",
            createdAt: "2026-11-21T00:00:00Z",
          },
          {
            redemptionId: "red-1",
            reward: "20.00 off",
            points: 2000,
            code: "TALLY-OLDER",
            status: "used",
            expiresAt: "2026-11-30T00:00:00Z",
            createdAt: "2026-11-01T00:00:00Z",
          },
          {
            redemptionId: "red-0",
            reward: "Store credit",
            points: 300,
            code: null,
            status: "used",
            expiresAt: null,
            createdAt: "2026-10-01T00:00:00Z",
          },
        ],
      }),
    );
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(rows("Your reward codes")).toHaveLength(2));
    expect(rows("Your reward codes").map((row) => normalize(row.textContent))).toEqual([
      "TALLY-NEWERReady to use5.00 offEnter it at checkout before December 20, 2026.",
      "TALLY-OLDERUsed20.00 off",
    ]);
  });

  it("lets the shopper join the leaderboard, and shows their rank only when they ask", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, leaderboard: { enabled: true, optedIn: false } }),
    );
    server.on(
      "GET /api/loyalty/leaderboard",
      () => json(200, board),
      () =>
        json(200, {
          ...board,
          optedIn: true,
          entries: [board.entries[0], { rank: 2, name: "Anna K.", points: 300, you: true }],
        }),
    );
    server.on("POST /api/loyalty/leaderboard/membership", () => json(200, { optedIn: true }));
    await extension.render();
    await vi.waitFor(() => expect(rows("This month's leaderboard")).toHaveLength(2));
    expect(rows("This month's leaderboard").map((row) => normalize(row.textContent))).toEqual([
      "Boris I.500 points",
      "A member300 points",
    ]);
    expect(bodyText()).toContain("Join to appear with your first name and initial.");

    click(byText("s-button", "Join the leaderboard"));
    await vi.waitFor(() => expect(byText("s-button", "Show my rank")).toBeTruthy());
    expect(server.requests.find((r) => r.method === "POST")).toMatchObject({
      path: "/api/loyalty/leaderboard/membership",
      body: { optIn: true },
    });
    await vi.waitFor(() =>
      expect(rows("This month's leaderboard").map((row) => normalize(row.textContent))).toContain(
        // Marked with a word, not only with bold (issue 22).
        "Anna K.You300 points",
      ),
    );
    // No rank has been asked for yet: never pushed at the shopper.
    expect(bodyText()).not.toContain("You're number");
    const boardCalls = () =>
      server.requests.filter((r) => r.path === "/api/loyalty/leaderboard").map((r) => r.query);
    expect(boardCalls()).toEqual(["", ""]);

    server.on("GET /api/loyalty/leaderboard", () =>
      json(200, { ...board, optedIn: true, me: { rank: 2, points: 300 } }),
    );
    click(byText("s-button", "Show my rank"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain("You're number 2 this month with 300 points."),
    );
    expect(boardCalls()).toEqual(["", "", "?rank=1"]);
  });

  it("says the program is not set up, with nothing to retry, when the build has no app URL", async () => {
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "");
    setUpShopify();
    await extension.render();
    const banner = byAttribute("s-banner", "heading", "Rewards aren't available on this store yet");
    expect(banner.getAttribute("tone")).toBe("warning");
    expect(bodyText()).toContain("The store is still setting up its rewards program.");
    expect(all("s-button")).toHaveLength(0);
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it("lets a member leave the leaderboard and explains when they have no rank yet", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, leaderboard: { enabled: true, optedIn: true } }),
    );
    server.on(
      "GET /api/loyalty/leaderboard",
      () => json(200, { ...board, entries: [], optedIn: true }),
      () => json(200, { ...board, entries: [], optedIn: true, me: null }),
    );
    server.on("POST /api/loyalty/leaderboard/membership", () => json(200, { optedIn: false }));
    await extension.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("Nobody is on the leaderboard this month yet."),
    );
    click(byText("s-button", "Show my rank"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain("You're not on the leaderboard this month yet"),
    );
    click(byText("s-button", "Leave the leaderboard"));
    await vi.waitFor(() => expect(byText("s-button", "Join the leaderboard")).toBeTruthy());
    expect(server.requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([
      { optIn: false },
    ]);
  });

  it("says when there are no rewards and no history yet", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, nextTier: null, rewards: [], history: [] }),
    );
    await extension.render();
    await loaded();
    expect(bodyText()).toContain("No rewards are available right now.");
    expect(bodyText()).toContain("No points activity yet.");
    expect(bodyText()).toContain("You're in our top tier, Silver");
    expect(document.querySelector("s-progress")).toBeNull();
  });
});

describe.each([
  [
    "ru",
    ru,
    "1 250 баллов",
    "Баллы за покупки: ×1,25",
    "Не хватает: 750 баллов",
    "20 нояб. 2026 г.",
    "+146 баллов",
  ],
  [
    "pl",
    pl,
    "1250 punktów",
    "Punkty za zakupy: ×1,25",
    "Brakuje: 750 punktów",
    "20 lis 2026",
    "+146 punktów",
  ],
])("rewards page in %s", (locale, messages, balance, perk, missing, date, earned) => {
  it("renders numbers, dates and plurals in the customer's locale", async () => {
    setUpShopify(localeI18n(messages, locale));
    await extension.render();
    await loaded();
    expect(document.querySelector("s-page")?.getAttribute("heading")).toBe(messages.page.title);
    expect(byText("s-heading", balance)).toBeTruthy();
    expect(bodyText()).toContain(perk);
    expect(bodyText()).toContain(missing);
    expect(bodyText()).toContain(date);
    expect(bodyText()).toContain(earned);
  });

  it("says when points expire with the plural form and long date of the locale", async () => {
    setUpShopify(localeI18n(messages, locale));
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, expiring: { points: 22, at: "2027-01-31T00:00:00Z" } }),
    );
    await extension.render();
    await loaded();
    expect(bodyText()).toContain(
      locale === "ru" ? "31 января 2027 г. сгорят 22 балла" : "22 punkty wygasną 31 stycznia 2027",
    );
  });

  it("words the history lines in the customer's language (issue 20)", async () => {
    setUpShopify(localeI18n(messages, locale));
    const at = "2026-11-20T09:30:00Z";
    server.on("GET /api/loyalty", () =>
      json(200, {
        ...overview,
        history: [
          {
            at,
            points: 146,
            kind: "earn",
            description: "Order #1042",
            line: { key: "order", values: { order: "#1042" } },
          },
          {
            at,
            points: -500,
            kind: "redeem",
            description: "Redeemed: 5.00 off",
            line: { key: "redeemed", values: { reward: "5.00 off" } },
          },
          {
            at,
            points: -20,
            kind: "expire",
            description: "Points expired",
            line: { key: "expired", values: {} },
          },
          {
            at,
            points: 50,
            kind: "earn",
            description: "Birthday bonus",
            line: { key: "birthdayBonus", values: {} },
          },
          {
            at,
            points: 10,
            kind: "adjust",
            description: "Sorry!",
            line: { key: "text", values: { text: "Sorry!" } },
          },
        ],
      }),
    );
    await extension.render();
    await loaded();
    const lines = rows(messages.history.heading).map((row) => normalize(row.textContent));
    expect(lines[0]).toContain(messages.history.order.replace("{{order}}", "#1042"));
    expect(lines[1]).toContain(messages.history.redeemed.replace("{{reward}}", "5.00 off"));
    expect(lines[2]).toContain(messages.history.expired);
    expect(lines[3]).toContain(messages.history.birthdayBonus);
    expect(lines[4]).toContain("Sorry!");
    if (locale !== "en") expect(lines[2]).not.toContain("Points expired");
  });

  it("words Tally's own badge names and rules in the customer's language, a merchant's texts as typed (issue 20)", async () => {
    setUpShopify(localeI18n(messages, locale));
    const awardedAt = "2026-11-20T09:30:00Z";
    const wordedBadges = [
      { id: "fifth-order", name: "Regular", description: "Placed 5 orders", awardedAt },
      {
        id: "big-order",
        name: "Big basket",
        description: "One order of 200.00 or more",
        awardedAt,
      },
      { id: "gold", name: "Gold member", description: "Reached the Gold tier", awardedAt },
      { id: "vip", name: "Klub Wierny", description: "Nasz najlepszy klient", awardedAt },
    ];
    const rules = [
      { shippedName: true, rule: { kind: "nth_order", orders: 5 } },
      { shippedName: true, rule: { kind: "big_order", amount: 200, currency: "PLN" } },
      { rule: { kind: "tier_reached", tier: "Gold" } },
      {},
    ];
    server.on("GET /api/loyalty", () =>
      json(200, {
        ...overview,
        badges: wordedBadges.map((badge, at) => ({ ...badge, ...rules[at] })),
      }),
    );
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    const lines = rows(messages.badges.heading).map((row) => normalize(row.textContent));
    const earnedOn = messages.badges.earned.replace("{{date}}", date);
    const expected =
      locale === "ru"
        ? [
            "Постоянный покупательСделано 5 заказов",
            "Большая корзинаОдин заказ на 200,00 PLN или больше",
            "Gold memberДостигнут уровень Gold",
            "Klub WiernyNasz najlepszy klient",
          ]
        : [
            "Stały klient5 złożonych zamówień",
            "Duży koszykJedno zamówienie za 200,00 zł lub więcej",
            "Gold memberOsiągnięty poziom Gold",
            "Klub WiernyNasz najlepszy klient",
          ];
    expect(lines).toEqual(expected.map((line) => normalize(line + earnedOn)));
  });

  it("renders badge dates in the customer's locale", async () => {
    setUpShopify(localeI18n(messages, locale));
    server.on("GET /api/loyalty", () => json(200, { ...overview, badges }));
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    // The Gold badge was earned on the same day as the first history entry.
    expect(byAttribute("s-section", "heading", messages.badges.heading)).toBeTruthy();
    expect(bodyText()).toContain(messages.badges.earned.replace("{{date}}", date));
  });
});

// Ways to earn (issue 21): every enabled rule with the shopper's numbers, and the birthday form.
const ways = [
  {
    kind: "purchase",
    points: 1.25,
    spend: 1,
    currency: "USD",
    tierMultiplier: 1.25,
    tier: "Silver",
    minimumSubtotal: 20,
  },
  { kind: "signup", points: 100 },
  { kind: "first_login", points: 50, done: true },
  { kind: "birthday", points: 200 },
  { kind: "first_order", points: 50, done: true },
  { kind: "every_nth_order", points: 300, every: 5, ordersSoFar: 3, ordersToNext: 2 },
  {
    kind: "spend_milestone",
    points: 500,
    spend: 1000,
    spentSoFar: 412.5,
    currency: "USD",
    done: false,
  },
  {
    kind: "referral",
    points: 250,
    friendDiscount: { kind: "percentage", value: 15, currency: "USD" },
    link: "https://tally.example/r/shop.myshopify.com/ABCD2345",
  },
];
const earnRows = (messages: typeof en) =>
  rows(messages.earn.heading).map((row) => normalize(row.textContent));

describe.each([
  [
    "en",
    en,
    [
      "1.25 points for every $1.00 you spendIncludes your Silver bonus: ×1.25On orders of $20.00 or more",
      "100 points for creating an account",
      "50 points for your first sign-inDone",
      "200 points on your birthday",
      "50 points for your first orderDone",
      "300 points for every 5 orders2 more orders to the next bonus",
      "500 points when you've spent $1,000.00 in total$412.50 of $1,000.00 so far",
      "250 points for each friend you refer (they get 15% off on their first order)Your link: https://tally.example/r/shop.myshopify.com/ABCD2345",
    ],
    "Your birthday: February 29",
  ],
  [
    "ru",
    ru,
    [
      "1,25 балла за каждые 1,00 $ покупокС учётом бонуса уровня Silver: ×1,25За заказы от 20,00 $",
      "100 баллов за создание аккаунта",
      "50 баллов за первый вход в аккаунтПолучено",
      "200 баллов в день рождения",
      "50 баллов за первый заказПолучено",
      "300 баллов за каждые 5 заказовДо следующего бонуса осталось 2 заказа",
      "500 баллов, когда сумма ваших покупок достигнет 1 000,00 $Пока 412,50 $ из 1 000,00 $",
      "250 баллов за каждого приглашённого друга (он получит скидку 15% на первый заказ)Ваша ссылка: https://tally.example/r/shop.myshopify.com/ABCD2345",
    ],
    "Ваш день рождения: 29 февраля",
  ],
  [
    "pl",
    pl,
    [
      "1,25 punktu za każde wydane 1,00 USDZ bonusem poziomu Silver: ×1,25Za zamówienia od 20,00 USD",
      "100 punktów za założenie konta",
      "50 punktów za pierwsze logowanieZdobyte",
      "200 punktów w dniu urodzin",
      "50 punktów za pierwsze zamówienieZdobyte",
      "300 punktów za każde 5 zamówieńDo następnego bonusu: 2 zamówienia",
      "500 punktów, gdy łączna kwota zakupów osiągnie 1000,00 USDNa razie 412,50 USD z 1000,00 USD",
      "250 punktów za każdego poleconego znajomego (otrzyma 15% zniżki na pierwsze zamówienie)Twój link: https://tally.example/r/shop.myshopify.com/ABCD2345",
    ],
    "Twoje urodziny: 29 lutego",
  ],
])("ways to earn in %s", (locale, messages, expected, birthdayLine) => {
  it("lists every enabled rule with the shopper's progress and birthday, with plurals", async () => {
    setUpShopify(localeI18n(messages, locale));
    server.on("GET /api/loyalty", () =>
      json(200, {
        ...overview,
        waysToEarn: ways,
        birthday: { month: 2, day: 29, changeableFrom: "2027-12-01T00:00:00Z" },
      }),
    );
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    expect(earnRows(messages)).toEqual(
      expected.map((line, i) => (i === 3 ? `${line}${birthdayLine}` : line)),
    );
    expect(document.querySelector("s-select")).toBeNull();
  });
});

describe("birthday form", () => {
  // Preact renders the new state on a later tick: wait for it, as a person clicking would.
  const choose = async (label: string, value: string) => {
    const select = byAttribute("s-select", "label", label) as HTMLElement & { value: string };
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };

  beforeEach(() => {
    server.on("GET /api/loyalty", () =>
      json(200, { ...overview, waysToEarn: [{ kind: "birthday", points: 200 }], birthday: null }),
    );
  });

  it("sends the chosen month and day and then shows the date", async () => {
    setUpShopify();
    server.on("POST /api/loyalty/birthday", () =>
      json(200, { month: 2, day: 29, changeableFrom: "2027-12-01T00:00:00Z" }),
    );
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    // February offers 29 days (a leap-year birthday is allowed).
    await choose("Month", "2");
    await vi.waitFor(() =>
      expect(all("s-select")[1].querySelectorAll("s-option")).toHaveLength(29),
    );
    await choose("Day", "29");
    click(byText("s-button", "Save birthday"));
    await vi.waitFor(() => expect(bodyText()).toContain("Your birthday: February 29"));
    expect(server.requests.filter((r) => r.method === "POST").map((r) => [r.path, r.body])).toEqual(
      [["/api/loyalty/birthday", { month: 2, day: 29 }]],
    );
  });

  it("asks for both fields before sending, and explains a refused change", async () => {
    setUpShopify();
    server.on("POST /api/loyalty/birthday", () =>
      json(409, { error: { code: "BIRTHDAY_LOCKED", message: "…" } }),
    );
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    click(byText("s-button", "Save birthday"));
    await vi.waitFor(() => expect(bodyText()).toContain("Choose a month and a day."));
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
    await choose("Month", "7");
    await choose("Day", "4");
    click(byText("s-button", "Save birthday"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain("You changed your birthday less than a year ago."),
    );
    expect(document.querySelector("s-select")).not.toBeNull();
  });
});

// Refer a friend (decision 036): the member's link to copy, the code, what each side gets.
const referral = {
  code: "K7M2QX9P",
  link: `${APP}/r/shop.myshopify.com/K7M2QX9P`,
  advocatePoints: 500,
  friendDiscount: { kind: "fixed_amount", value: 10, currency: "USD" },
};

describe("refer a friend", () => {
  it("shows no referral section when the shop runs none (or the app is older)", async () => {
    setUpShopify();
    await extension.render();
    await loaded();
    const headings = all("s-section").map((section) => section.getAttribute("heading"));
    expect(headings).not.toContain(en.referral.heading);
  });

  it.each([
    ["en", en, "Give a friend $10.00 off on their first order. You get 500 points"],
    ["ru", ru, "Подарите другу скидку 10,00 $ на первый заказ. Вы получите 500 баллов"],
    ["pl", pl, "Podaruj znajomemu 10,00 USD zniżki na pierwsze zamówienie. Otrzymasz 500 punktów"],
  ])("shows the link with a copy button and the offer in %s", async (locale, messages, offer) => {
    setUpShopify(localeI18n(messages, locale));
    server.on("GET /api/loyalty", () => json(200, { ...overview, referral }));
    await extension.render();
    await vi.waitFor(() => expect(all("s-section")).toHaveLength(4));
    expect(byAttribute("s-section", "heading", messages.referral.heading)).toBeTruthy();
    expect(normalize(bodyText())).toContain(normalize(offer));
    expect(bodyText()).toContain(referral.link);
    expect(bodyText()).toContain(referral.code);
    expect(document.querySelector("s-clipboard-item")?.getAttribute("text")).toBe(referral.link);
    expect(byText("s-button", messages.referral.copyLink)).toBeTruthy();
  });
});
