// The POS customer details block through its real entry file, with the tester's point-of-sale mock
// (customer 1) plus a cart whose customer can change, a recording toast and a fake app API.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { all, bodyText, byText, click } from "../../shared/testing/dom";
import { fakeShopperApi, json, networkDown } from "../../shared/testing/fake-shopper-api";
import { localeI18n } from "../../shared/testing/locale-i18n";
import { installShopify, testSignal } from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";

const APP = "https://tally.example";
const CUSTOMER = 1; // the tester's customer
const customer = {
  member: true,
  balance: 1250,
  pending: 50,
  tier: { name: "Silver", multiplier: 1.25 },
  nextTier: { name: "Gold", threshold: 2500, remaining: 320 },
  rewards: [
    { id: "five-off", title: "5.00 off", cost: 500, affordable: true },
    { id: "twenty-off", title: "20.00 off", cost: 2000, affordable: false },
  ],
  expiring: { points: 150, at: "2027-01-31T00:00:00Z" },
};
const redemption = {
  redemptionId: "red-1",
  code: "TALLY-ABCDEFGHJKLM",
  expiresAt: "2027-01-06T10:00:00Z",
  balance: 750,
};

const extension = getExtension("pos.customer-details.block.render");
let server: ReturnType<typeof fakeShopperApi>;
const path = `/api/pos/customers/${CUSTOMER}`;

function setUpShopify(overrides: Record<string, unknown> = {}, cartCustomer: number | null = 1) {
  const toast = { show: vi.fn() };
  const cart = {
    ...extension.shopify.cart,
    current: testSignal({
      ...extension.shopify.cart.current.value,
      customer: cartCustomer === null ? undefined : { id: cartCustomer },
    }),
    addCartCodeDiscount: vi.fn(async () => {}),
  };
  return installShopify(extension.shopify, {
    i18n: localeI18n(en, "en"),
    toast,
    cart,
    session: {
      ...extension.shopify.session,
      getSessionToken: vi.fn(async () => "staff-token"),
    },
    ...overrides,
  });
}

beforeEach(() => {
  extension.setUp();
  server = fakeShopperApi(APP);
  extension.fetch = server.fetch;
  server.on(`GET ${path}`, () => json(200, customer));
});

afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

const redeemButton = () => byText("s-button", "Redeem 5.00 off (500 points)");

describe("POS: the customer's points", () => {
  it("shows balance, tier progress and the next expiry, asked with the staff member's token", async () => {
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("1,250 points · Silver"));
    expect(bodyText()).toContain("50 points pending");
    expect(bodyText()).toContain("320 points to Gold");
    expect(bodyText()).toContain("150 points expire on Jan 31, 2027");
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path,
        headers: expect.objectContaining({ authorization: "Bearer staff-token" }),
      }),
    ]);
    // Only what the customer can afford is offered.
    expect(all("s-button").map((button) => button.textContent)).toEqual([
      "Redeem 5.00 off (500 points)",
    ]);
  });

  it("says when the customer is not a member, and makes no call without the app permission", async () => {
    server.on(`GET ${path}`, () =>
      json(200, { ...customer, member: false, balance: 0, expiring: null }),
    );
    setUpShopify();
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("Not a loyalty member yet."));
    expect(all("s-button")).toHaveLength(0);

    render(null, document.body);
    server.requests.length = 0;
    setUpShopify({
      session: {
        ...extension.shopify.session,
        getSessionToken: vi.fn(async (): Promise<string | undefined> => undefined),
      },
    });
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("Loyalty points are unavailable"));
    expect(server.requests).toEqual([]);
  });

  it("tells staff to add the customer to the cart before redeeming (the code is theirs only)", async () => {
    setUpShopify({}, 2);
    await extension.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("Add this customer to the cart to redeem a reward."),
    );
    expect(all("s-button")).toHaveLength(0);
  });

  it("redeems and applies the code to the POS cart", async () => {
    const shopify = setUpShopify();
    server.on(`POST ${path}/redemptions`, () => json(201, redemption));
    await extension.render();
    await vi.waitFor(() => redeemButton());
    click(redeemButton());
    await vi.waitFor(() =>
      expect(shopify.toast.show).toHaveBeenCalledWith(
        "5.00 off applied to the cart. Balance now 750 points.",
      ),
    );
    expect(shopify.cart.addCartCodeDiscount).toHaveBeenCalledWith(redemption.code);
    const post = server.requests.find((request) => request.method === "POST")!;
    expect(post.body).toEqual({ rewardId: "five-off" });
    expect(post.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives the points back when the cart refuses the code", async () => {
    const shopify = setUpShopify();
    shopify.cart.addCartCodeDiscount = vi.fn(async () => {
      throw new Error("invalid code");
    });
    server.on(`POST ${path}/redemptions`, () => json(201, redemption));
    server.on(`POST ${path}/redemptions/red-1/release`, () =>
      json(200, { released: true, balance: 1250 }),
    );
    await extension.render();
    await vi.waitFor(() => redeemButton());
    click(redeemButton());
    await vi.waitFor(() =>
      expect(shopify.toast.show).toHaveBeenCalledWith(
        "The cart did not accept 5.00 off, so the points were returned.",
      ),
    );
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toContain(
      `POST ${path}/redemptions/red-1/release`,
    );
  });

  it("explains a refused redemption and an unreachable service in plain words", async () => {
    const shopify = setUpShopify();
    server.on(`POST ${path}/redemptions`, () =>
      json(409, { error: { code: "INSUFFICIENT_POINTS", message: "…" } }),
    );
    await extension.render();
    await vi.waitFor(() => redeemButton());
    click(redeemButton());
    await vi.waitFor(() =>
      expect(shopify.toast.show).toHaveBeenCalledWith(
        "The customer does not have enough points for this reward.",
      ),
    );
    expect(shopify.cart.addCartCodeDiscount).not.toHaveBeenCalled();

    render(null, document.body);
    server.on(`GET ${path}`, networkDown);
    setUpShopify();
    await extension.render();
    await vi.waitFor(() =>
      expect(bodyText()).toContain("The loyalty service could not be reached."),
    );
  });
});

describe("POS: in the staff member's language", () => {
  it.each([
    ["ru", ru, "1 250 баллов · Silver", "31 янв. 2027 г. сгорят 150 баллов"],
    ["pl", pl, "1250 punktów · Silver", "150 punktów wygaśnie 31 sty 2027"],
  ])(
    "%s: balance and expiry with the right plural forms",
    async (locale, messages, balance, expiry) => {
      setUpShopify({ i18n: localeI18n(messages, locale) });
      await extension.render();
      await vi.waitFor(() => expect(bodyText()).toContain(balance));
      expect(bodyText()).toContain(expiry);
    },
  );

  it("uses the singular with one point", async () => {
    server.on(`GET ${path}`, () =>
      json(200, { ...customer, expiring: { points: 1, at: customer.expiring.at } }),
    );
    setUpShopify({ i18n: localeI18n(ru, "ru") });
    await extension.render();
    await vi.waitFor(() => expect(bodyText()).toContain("31 янв. 2027 г. сгорит 1 балл"));
  });
});
