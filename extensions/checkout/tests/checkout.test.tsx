// The checkout block through the real entry files, with the tester's `shopify` mock plus what it
// lacks (buyerIdentity, working signals) and a fake shopper API behind fetch.
import { getExtension } from "@shopify/ui-extensions-tester";
import { createResult } from "@shopify/ui-extensions-tester/checkout";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { all, bodyText, byAttribute, byText, click } from "../../shared/testing/dom";
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

const APP = "https://tally.example";
const STOREFRONT = "https://mock-shop.myshopify.com"; // the tester's shop
const status = {
  v: 1,
  balance: 1250,
  pending: 50,
  tier: "Silver",
  nextTier: "Gold",
  pointsToNextTier: 320,
};
const overview = {
  balance: 1250,
  pending: 50,
  tier: { name: "Silver", multiplier: 1.25 },
  nextTier: { name: "Gold", threshold: 2500, remaining: 320 },
  rewards: [
    { id: "five-off", title: "5.00 off", cost: 500, affordable: true },
    { id: "free-shipping", title: "Free shipping", cost: 800, affordable: true },
    { id: "twenty-off", title: "20.00 off", cost: 2000, affordable: false },
  ],
  history: [],
};
const redemption = {
  redemptionId: "red-1",
  code: "TALLY-5OFF-XYZ",
  expiresAt: "2026-12-24T10:00:00Z",
  balance: 750,
};

const extension = getExtension("purchase.checkout.reductions.render-after");
let server: ReturnType<typeof fakeShopperApi>;

/** The tester's mock plus a logged-in buyer, the status metafield and the app URL setting. */
function setUpShopify(overrides: Record<string, unknown> = {}) {
  return installShopify(extension.shopify, {
    buyerIdentity: buyerIdentity("gid://shopify/Customer/1"),
    appMetafields: testSignal(statusMetafield(status)),
    i18n: localeI18n(en, "en"),
    applyDiscountCodeChange: vi.fn(async () => createResult("applyDiscountCodeChange")),
    ...overrides,
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

const useRewards = () => click(byText("s-button", "Use points"));
const redeemButtonFor = (title: string) =>
  byAttribute("s-button", "accessibilityLabel", `Redeem ${title}`);

describe("checkout: a logged-in member", () => {
  it("renders balance, pending points and tier progress from the metafield without any network call", async () => {
    setUpShopify();
    await extension.render();
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(bodyText()).toContain("50 points pending");
    expect(bodyText()).toContain("320 points to Gold");
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it("says so at the top tier", async () => {
    setUpShopify({
      appMetafields: testSignal(
        statusMetafield({ ...status, nextTier: null, pointsToNextTier: null }),
      ),
    });
    await extension.render();
    expect(bodyText()).toContain("You're in our top tier, Silver");
  });

  it("offers no rewards button with nothing to spend, and one when the status is not synced yet", async () => {
    setUpShopify({
      appMetafields: testSignal(statusMetafield({ ...status, balance: 0, pending: 40 })),
    });
    await extension.render();
    expect(bodyText()).toContain("You have 0 points · Silver");
    expect(all("s-button")).toHaveLength(0);

    render(null, document.body);
    setUpShopify({ appMetafields: testSignal([]) });
    await extension.render();
    expect(all("s-button").map((b) => b.textContent)).toEqual(["Use points"]);
  });

  it("re-renders when the metafield changes during the checkout", async () => {
    const metafields = testSignal(statusMetafield(status));
    setUpShopify({ appMetafields: metafields });
    await extension.render();
    metafields.set(statusMetafield({ ...status, balance: 1, pending: 0 }));
    await vi.waitFor(() => expect(bodyText()).toContain("You have 1 point · Silver"));
    expect(bodyText()).not.toContain("pending");
  });

  it("lists only the rewards the buyer can afford once asked, with the session token", async () => {
    setUpShopify();
    await extension.render();
    useRewards();
    await vi.waitFor(() => expect(bodyText()).toContain("5.00 off · 500 points"));
    expect(bodyText()).toContain("Free shipping · 800 points");
    expect(bodyText()).not.toContain("20.00 off");
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/api/loyalty",
        headers: expect.objectContaining({ authorization: "Bearer mock-session-token" }),
      }),
    ]);
  });

  it("redeems: reserves the points, applies the code, shows the new balance", async () => {
    const api = setUpShopify();
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("5.00 off"));
    click(redeemButtonFor("5.00 off"));

    await vi.waitFor(() =>
      expect(bodyText()).toContain("5.00 off applied. Your balance is now 750 points."),
    );
    const post = server.requests.find((r) => r.method === "POST")!;
    expect(post.body).toEqual({ rewardId: "five-off" });
    expect(post.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.applyDiscountCodeChange).toHaveBeenCalledExactlyOnceWith({
      type: "addDiscountCode",
      code: "TALLY-5OFF-XYZ",
    });
    expect(bodyText()).toContain("You have 750 points · Silver");
    expect(server.requests.some((r) => r.path.endsWith("/release"))).toBe(false);
  });

  it("keeps the confirmation when the redemption spends every point and the metafield catches up", async () => {
    const metafields = testSignal(statusMetafield({ ...status, balance: 500 }));
    setUpShopify({ appMetafields: metafields });
    server.on("GET /api/loyalty", () => json(200, { ...overview, balance: 500 }));
    server.on("POST /api/loyalty/redemptions", () => json(201, { ...redemption, balance: 0 }));
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("5.00 off"));
    click(redeemButtonFor("5.00 off"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain("5.00 off applied. Your balance is now 0 points."),
    );
    metafields.set(statusMetafield({ ...status, balance: 0 }));
    await vi.waitFor(() => expect(bodyText()).toContain("You have 0 points · Silver"));
    expect(bodyText()).toContain("5.00 off applied.");
    expect(all("s-button")).toHaveLength(0);
  });

  it("releases the points when checkout refuses the code, and says so", async () => {
    const api = setUpShopify({
      applyDiscountCodeChange: vi.fn(async () =>
        createResult("applyDiscountCodeChange", { type: "error", message: "not combinable" }),
      ),
    });
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    server.on("POST /api/loyalty/redemptions/red-1/release", () => json(200, { released: true }));
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("5.00 off"));
    click(redeemButtonFor("5.00 off"));

    await vi.waitFor(() =>
      expect(bodyText()).toContain(
        "We couldn't apply 5.00 off to this checkout, so your points were returned.",
      ),
    );
    expect(api.applyDiscountCodeChange).toHaveBeenCalledOnce();
    expect(
      server.requests.filter((r) => r.path === "/api/loyalty/redemptions/red-1/release"),
    ).toHaveLength(1);
    expect(bodyText()).not.toContain("not combinable"); // the host's message is not for buyers
    expect(bodyText()).toContain("You have 1,250 points · Silver");
  });

  it("treats a throwing applyDiscountCodeChange like a refusal, and explains expiry when the release fails too", async () => {
    setUpShopify({
      applyDiscountCodeChange: vi.fn(async () => Promise.reject(new Error("host gone"))),
    });
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    server.on("POST /api/loyalty/redemptions/red-1/release", networkDown);
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("5.00 off"));
    click(redeemButtonFor("5.00 off"));

    await vi.waitFor(() =>
      expect(bodyText()).toContain(
        "We couldn't apply 5.00 off to this checkout. Your points come back when the code expires on Dec 24, 2026.",
      ),
    );
    expect(server.requests.filter((r) => r.path.endsWith("/release"))).toHaveLength(1);
  });

  it("redeems a store-credit reward without applying a code", async () => {
    const api = setUpShopify();
    server.on("POST /api/loyalty/redemptions", () => json(201, { ...redemption, code: null }));
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("Free shipping"));
    click(redeemButtonFor("Free shipping"));
    await vi.waitFor(() =>
      expect(bodyText()).toContain(
        "Free shipping was added to your store credit. Your balance is now 750 points.",
      ),
    );
    expect(api.applyDiscountCodeChange).not.toHaveBeenCalled();
  });

  it("asks to refresh when the session token is refused", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(401, { error: { code: "UNAUTHENTICATED", message: "expired" } }),
    );
    await extension.render();
    useRewards();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("Your session has expired. Refresh the page and try again."),
    );
  });

  it("reports a refused redemption in the buyer's words and applies nothing", async () => {
    const api = setUpShopify();
    server.on("POST /api/loyalty/redemptions", () =>
      json(409, { error: { code: "INSUFFICIENT_POINTS", message: "balance 100 < cost 500" } }),
    );
    await extension.render();
    useRewards();
    await vi.waitFor(() => redeemButtonFor("5.00 off"));
    click(redeemButtonFor("5.00 off"));

    await vi.waitFor(() =>
      expect(bodyText()).toContain("You don't have enough points for this reward."),
    );
    expect(api.applyDiscountCodeChange).not.toHaveBeenCalled();
    expect(all("s-banner").map((b) => b.getAttribute("tone"))).toEqual(["critical"]);
  });

  it("says the service is unreachable when rewards cannot be loaded", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", networkDown);
    await extension.render();
    useRewards();
    await vi.waitFor(() => expect(bodyText()).toContain("We couldn't reach the rewards service."));
    expect(byText("s-button", "Use points")).toBeTruthy(); // can try again
  });

  it("shows what to collect next when nothing is affordable", async () => {
    setUpShopify();
    server.on("GET /api/loyalty", () =>
      json(200, {
        ...overview,
        balance: 380,
        rewards: overview.rewards.map((r) => ({ ...r, affordable: false })),
      }),
    );
    await extension.render();
    useRewards();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("Collect another 120 points for 5.00 off."),
    );
  });

  it("offers no redemption where checkout forbids discount codes, or where no app URL is configured", async () => {
    setUpShopify({
      instructions: testSignal({
        ...extension.shopify.instructions.value,
        discounts: { canUpdateDiscountCodes: false },
      }),
    });
    await extension.render();
    expect(bodyText()).toContain("Rewards can't be applied to this checkout.");
    expect(all("s-button")).toHaveLength(0);

    render(null, document.body);
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "");
    setUpShopify();
    await extension.render();
    expect(bodyText()).toContain("You have 1,250 points · Silver");
    expect(all("s-button")).toHaveLength(0);
  });
});

describe("checkout: what this order earns, and one reward per order (issue 22)", () => {
  const usd = (amount: number) => testSignal({ amount, currencyCode: "USD" });
  const withEarn = testSignal(
    statusMetafield({ ...status, earn: { perUnit: 1.25, currency: "USD" } }),
  );

  it("shows the points this order will earn from the cart and the member's rate", async () => {
    setUpShopify({
      appMetafields: withEarn,
      cost: {
        subtotalAmount: usd(54.99),
        totalAmount: usd(62.49),
        totalShippingAmount: usd(7.5),
        totalTaxAmount: testSignal(undefined),
      },
    });
    await extension.render();
    // 54.99 × 1.25 = 68.74, rounded down like the ledger.
    expect(bodyText()).toContain("This order earns about 68 points");
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it("hides the rewards once a Tally code is applied, and keeps them for other codes", async () => {
    const codes = testSignal([{ code: "SUMMER10" }]);
    setUpShopify({ discountCodes: codes });
    await extension.render();
    expect(byText("s-button", "Use points")).toBeTruthy();
    codes.set([{ code: "SUMMER10" }, { code: "TALLY-5OFF-Q7" }]);
    await vi.waitFor(() => expect(all("s-button")).toHaveLength(0));
    expect(bodyText()).toContain("Your reward code is applied to this order.");
  });
});

describe("checkout: a guest", () => {
  it("is invited to log in and nothing is fetched", async () => {
    setUpShopify({ buyerIdentity: buyerIdentity(null) });
    await extension.render();
    expect(bodyText()).toBe("Log in to use your points and earn more with this order.");
    // A link to the storefront's login, not plain text (issue 22).
    expect(all("s-link").map((link) => link.getAttribute("href"))).toEqual([
      `${STOREFRONT}/account/login`,
    ]);
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it("is treated as a guest when the app has no access to buyer identity", async () => {
    setUpShopify({ buyerIdentity: undefined });
    await extension.render();
    expect(bodyText()).toBe("Log in to use your points and earn more with this order.");
  });
});

describe.each([
  [
    "ru",
    ru,
    "У вас 1 250 баллов · Silver",
    "До уровня Gold: 320 баллов",
    "Использовать баллы",
    "Награда «5.00 off» применена. Теперь у вас 750 баллов.",
  ],
  [
    "pl",
    pl,
    "Masz 1250 punktów · Silver",
    "Do poziomu Gold: 320 punktów",
    "Użyj punktów",
    "Nagroda „5.00 off” została zastosowana. Masz teraz 750 punktów.",
  ],
])("checkout in %s", (locale, messages, balance, progress, open, applied) => {
  it("renders the status and the redeem flow in the buyer's language", async () => {
    setUpShopify({ i18n: localeI18n(messages, locale) });
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    await extension.render();
    expect(bodyText()).toContain(balance);
    expect(bodyText()).toContain(progress);
    click(byText("s-button", open));
    await vi.waitFor(() => expect(all("s-button").length).toBe(2));
    click(all("s-button")[0]);
    await vi.waitFor(() => expect(bodyText()).toContain(applied));
  });

  it("renders the guest invitation", async () => {
    setUpShopify({ i18n: localeI18n(messages, locale), buyerIdentity: buyerIdentity(null) });
    await extension.render();
    expect(bodyText()).toBe(messages.guest.login);
  });
});
