// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminApiServer } from "../tests/support/admin-api";
import { AdminApiError } from "../app/shopify/admin-api-error";
import { runAdminOperation } from "../app/shopify/admin-client.server";
import {
  CUSTOMER_TAGS_ADD,
  CUSTOMER_TAGS_REMOVE,
  CUSTOMERS_BY_EMAIL,
} from "../app/shopify/documents/customers";
import {
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_DEACTIVATE,
  DISCOUNT_CODE_FREE_SHIPPING_CREATE,
} from "../app/shopify/documents/discounts";
import { METAFIELDS_SET_MUTATION } from "../app/shopify/documents/metafields";
import {
  RECONCILE_ORDERS_COUNT,
  RECONCILE_ORDERS_PAGE,
  updatedWindowQuery,
} from "../app/shopify/documents/reconcile-orders";
import { bulkOrder } from "../tests/factories/bulk-orders";
import { SHOP_SETTINGS_QUERY } from "../app/shopify/documents/shop";
import { STORE_CREDIT_ACCOUNT_CREDIT } from "../app/shopify/documents/store-credit";
import { buildLoyaltyMetafields, chunkMetafields } from "../app/shopify/metafields.server";
import { createAdminApiStandin } from "./admin-api-standin.server";
import { createFetchAdminClient } from "./fetch-admin-client";

const SHOP = "demo.myshopify.com";
const URL_2026_10 = `https://${SHOP}/admin/api/2026-10/graphql.json`;
let clock = new Date("2026-11-23T10:00:00.000Z");

const standin = createAdminApiStandin({
  now: () => clock,
  shops: {
    "paris.myshopify.com": {
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
      name: "Paris Shop",
    },
  },
});
const admin = createFetchAdminClient({ shop: SHOP });

// tests/setup/common.ts already runs one msw server (setupServer) with a default stand-in for every
// test file; a second server would intercept fetch twice. This file tests the stand-in itself, so
// it puts its own configured instance in front of the shared one.
const server = adminApiServer;
beforeAll(() => server.use(...standin.handlers));
afterEach(() => {
  // As in the shared setup: any malformed request fails the test that sent it.
  const invalid = [...standin.invalidDocuments];
  standin.reset();
  clock = new Date("2026-11-23T10:00:00.000Z");
  expect(invalid).toEqual([]);
});
afterAll(() => server.resetHandlers());

/** Plain fetch, to look at raw HTTP status and body. Built without `#graphql` so codegen skips it. */
async function post(query: string, variables?: Record<string, unknown>, url = URL_2026_10) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, asserted field by field
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const customer = (id: number) => `gid://shopify/Customer/${id}`;

function basicCodeVariables(code: string) {
  return {
    title: "Loyalty reward: 5.00 off",
    code,
    customerIds: [customer(7)],
    value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } },
    items: { all: true },
    startsAt: "2026-11-23T10:00:00Z",
    endsAt: "2026-12-23T10:00:00Z",
    usageLimit: 1,
    appliesOncePerCustomer: true,
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
  };
}

describe("schema validation", () => {
  it("answers a valid document from state, per shop", async () => {
    const demo = await runAdminOperation(admin, SHOP_SETTINGS_QUERY);
    expect(demo.shop).toEqual({
      name: "Demo",
      myshopifyDomain: SHOP,
      currencyCode: "USD",
      ianaTimezone: "UTC",
    });

    const paris = await runAdminOperation(
      createFetchAdminClient({ shop: "paris.myshopify.com" }),
      SHOP_SETTINGS_QUERY,
    );
    expect(paris.shop).toMatchObject({
      name: "Paris Shop",
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
    });
    expect(standin.calls.map((call) => [call.shop, call.operationName, call.outcome])).toEqual([
      [SHOP, "ShopSettings", "ok"],
      ["paris.myshopify.com", "ShopSettings", "ok"],
    ]);
  });

  it("rejects a wrong field name with 400 and records the document", async () => {
    const { status, body } = await post("query WrongField { shop { currency ianaTimezone } }");

    expect(status).toBe(400);
    expect(body.errors[0].message).toContain(
      'Cannot query field "currency" on type "Shop". Did you mean "currencyCode"?',
    );
    expect(standin.invalidDocuments).toEqual([
      expect.objectContaining({ kind: "validation", operationName: "WrongField", shop: SHOP }),
    ]);
    standin.invalidDocuments.length = 0; // expected here; the afterEach check would fail otherwise
  });

  it("rejects variables that do not match the declared types", async () => {
    const { status, body } = await post(METAFIELDS_SET_MUTATION, {
      metafields: [{ ownerId: customer(1), key: "status" }],
    });

    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(
      /Field "value" of required type "String!" was not provided/,
    );
    expect(standin.invalidDocuments.map((invalid) => invalid.kind)).toEqual(["variables"]);
    standin.invalidDocuments.length = 0;
  });

  it("rejects another API version than the pinned one", async () => {
    const { status } = await post(
      SHOP_SETTINGS_QUERY,
      {},
      `https://${SHOP}/admin/api/2026-07/graphql.json`,
    );

    expect(status).toBe(400);
    expect(standin.invalidDocuments).toEqual([
      expect.objectContaining({ kind: "version", apiVersion: "2026-07" }),
    ]);
    standin.invalidDocuments.length = 0;
  });

  it("names the operation when it uses a root field the stand-in does not implement", async () => {
    const { status, body } = await post(
      'query CustomerName { customer(id: "gid://shopify/Customer/1") { displayName } }',
    );

    expect(status).toBe(400);
    expect(body.errors[0].message).toContain(
      'operation "CustomerName": QueryRoot.customer is not implemented',
    );
    expect(standin.invalidDocuments.map((invalid) => invalid.kind)).toEqual(["unimplemented"]);
    standin.invalidDocuments.length = 0;
  });

  it("answers 401 without an access token, like Shopify", async () => {
    const response = await fetch(URL_2026_10, {
      method: "POST",
      body: JSON.stringify({ query: SHOP_SETTINGS_QUERY }),
    });
    expect(response.status).toBe(401);
  });

  it("reports deprecated fields without failing", async () => {
    const oldStyle = `mutation OldStyle {
      discountCodeBasicCreate(basicCodeDiscount: {
        title: "10% off", code: "OLD", startsAt: "2026-11-23T00:00:00Z",
        customerSelection: { customers: { add: ["gid://shopify/Customer/1"] } },
        customerGets: { value: { percentage: 0.1 }, items: { all: true } }
      }) { userErrors { code } }
    }`;
    const { status, body } = await post(oldStyle);

    expect(status).toBe(200);
    expect(body.data.discountCodeBasicCreate.userErrors).toEqual([]);
    expect(standin.deprecatedUsages).toEqual([
      {
        operationName: "OldStyle",
        messages: [
          expect.stringContaining("DiscountCodeBasicInput.customerSelection is deprecated"),
        ],
      },
    ]);
  });
});

describe("failure injection and rate limits", () => {
  it("answers THROTTLED once, then succeeds", async () => {
    standin.failNext("ShopSettings", "THROTTLED");

    const raw = await post(SHOP_SETTINGS_QUERY);
    expect(raw.status).toBe(200);
    expect(raw.body.errors[0].extensions.code).toBe("THROTTLED");
    expect(raw.body.extensions.cost).toMatchObject({
      requestedQueryCost: expect.any(Number),
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 },
    });

    standin.failNext("ShopSettings", "THROTTLED");
    const error = await runAdminOperation(admin, SHOP_SETTINGS_QUERY).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({
      code: "THROTTLED",
      operationName: "ShopSettings",
      retryAfterMs: expect.any(Number),
    });

    await expect(runAdminOperation(admin, SHOP_SETTINGS_QUERY)).resolves.toMatchObject({
      shop: { currencyCode: "USD" },
    });
    expect(standin.calls.map((call) => call.outcome)).toEqual(["THROTTLED", "THROTTLED", "ok"]);
  });

  it("injects a user error without writing, and HTTP 500", async () => {
    standin.failNext("MetafieldsSet", "USER_ERROR");
    const inputs = buildLoyaltyMetafields(customer(1), {
      balance: 10,
      pending: 0,
      tierName: "Member",
      nextTierName: "Silver",
      pointsToNextTier: 990,
    });
    const result = await runAdminOperation(admin, METAFIELDS_SET_MUTATION, { metafields: inputs });
    expect(result.metafieldsSet?.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID" }),
    ]);
    expect(standin.state.shop(SHOP).metafields.size).toBe(0);

    standin.failNext("*", "HTTP_500");
    await expect(runAdminOperation(admin, SHOP_SETTINGS_QUERY)).rejects.toMatchObject({
      code: "HTTP_ERROR",
      status: 500,
    });
  });

  it("throttles when the shop's bucket is empty and refills with time", async ({
    onTestFinished,
  }) => {
    const limited = createAdminApiStandin({
      now: () => clock,
      rateLimit: { maximumAvailable: 25, restoreRate: 10 },
    });
    server.use(...limited.handlers);
    onTestFinished(() => {
      server.resetHandlers(); // drops every runtime handler, then this file's instance goes back in front
      server.use(...standin.handlers);
    });
    const tag = () =>
      runAdminOperation(admin, CUSTOMER_TAGS_ADD, { id: customer(1), tags: ["vip"] });

    await tag(); // a mutation costs 10
    await tag();
    await expect(tag()).rejects.toMatchObject({ code: "THROTTLED", retryAfterMs: 500 });
    clock = new Date(clock.getTime() + 500);
    await expect(tag()).resolves.toBeDefined();
    expect(limited.invalidDocuments).toEqual([]);
  });
});

describe("metafields", () => {
  it("rejects more than 25 inputs in one call and writes nothing", async () => {
    const inputs = Array.from(
      { length: 26 },
      (_, index) =>
        buildLoyaltyMetafields(customer(index + 1), {
          balance: index,
          pending: 0,
          tierName: "Member",
          nextTierName: null,
          pointsToNextTier: null,
        })[0]!,
    );
    const result = await runAdminOperation(admin, METAFIELDS_SET_MUTATION, { metafields: inputs });

    expect(result.metafieldsSet?.userErrors).toEqual([
      expect.objectContaining({ field: ["metafields"], code: "LESS_THAN_OR_EQUAL_TO" }),
    ]);
    expect(standin.state.shop(SHOP).metafields.size).toBe(0);
  });

  it("stores chunks of 25 under the resolved $app namespace", async () => {
    const inputs = Array.from(
      { length: 30 },
      (_, index) =>
        buildLoyaltyMetafields(customer(index + 1), {
          balance: 100 + index,
          pending: 5,
          tierName: "Silver",
          nextTierName: "Gold",
          pointsToNextTier: 1400,
        })[0]!,
    );
    for (const chunk of chunkMetafields(inputs)) {
      const result = await runAdminOperation(admin, METAFIELDS_SET_MUTATION, { metafields: chunk });
      expect(result.metafieldsSet?.userErrors).toEqual([]);
      expect(result.metafieldsSet?.metafields?.[0]).toEqual({
        key: "status",
        namespace: "app--4242--loyalty",
      });
    }

    const shop = standin.state.shop(SHOP);
    expect(standin.calls.map((call) => (call.variables.metafields as unknown[]).length)).toEqual([
      25, 5,
    ]);
    expect(shop.metafields.size).toBe(30);
    expect(JSON.parse(shop.metafield(customer(3), "$app:loyalty", "status")!.value)).toEqual({
      v: 1,
      balance: 102,
      pending: 5,
      tier: "Silver",
      nextTier: "Gold",
      pointsToNextTier: 1400,
      earn: null,
    });
  });

  it("checks values against their type, atomically", async () => {
    const result = await runAdminOperation(admin, METAFIELDS_SET_MUTATION, {
      metafields: [
        {
          ownerId: customer(1),
          namespace: "$app:loyalty",
          key: "ok_key",
          type: "number_integer",
          value: "12",
        },
        {
          ownerId: customer(1),
          namespace: "$app:loyalty",
          key: "bad_json",
          type: "json",
          value: "{nope",
        },
      ],
    });
    expect(result.metafieldsSet?.userErrors).toEqual([
      {
        field: ["metafields", "1", "value"],
        message: "Value is invalid JSON.",
        code: "INVALID_VALUE",
        elementIndex: 1,
      },
    ]);
    expect(standin.state.shop(SHOP).metafields.size).toBe(0);
  });
});

describe("discounts", () => {
  it("creates a customer-limited single-use code and refuses a duplicate code", async () => {
    const created = await runAdminOperation(
      admin,
      DISCOUNT_CODE_BASIC_CREATE,
      basicCodeVariables("TALLY-ABC123"),
    );
    expect(created.discountCodeBasicCreate?.userErrors).toEqual([]);
    expect(created.discountCodeBasicCreate?.codeDiscountNode?.codeDiscount).toEqual({
      title: "Loyalty reward: 5.00 off",
      status: "ACTIVE",
      endsAt: "2026-12-23T10:00:00.000Z",
      usageLimit: 1,
    });
    const stored = standin.state.shop(SHOP).discountByCode("TALLY-ABC123");
    expect(stored).toMatchObject({
      customerIds: [customer(7)],
      usageLimit: 1,
      appliesOncePerCustomer: true,
      value: { kind: "fixedAmount", amount: "5.0" },
    });

    const duplicate = await runAdminOperation(
      admin,
      DISCOUNT_CODE_BASIC_CREATE,
      basicCodeVariables("tally-abc123"),
    );
    expect(duplicate.discountCodeBasicCreate).toEqual({
      codeDiscountNode: null,
      userErrors: [
        {
          field: ["basicCodeDiscount", "code"],
          message: "Code must be unique. Please try a different code.",
          code: "TAKEN",
        },
      ],
    });
    expect(standin.state.shop(SHOP).discounts.size).toBe(1);
  });

  it("creates free-shipping codes and deactivates codes", async () => {
    const { code: _unused, ...shared } = basicCodeVariables("X");
    const created = await runAdminOperation(admin, DISCOUNT_CODE_FREE_SHIPPING_CREATE, {
      title: shared.title,
      code: "SHIP-1",
      customerIds: shared.customerIds,
      startsAt: shared.startsAt,
      endsAt: shared.endsAt,
      usageLimit: 1,
      appliesOncePerCustomer: true,
    });
    const id = created.discountCodeFreeShippingCreate!.codeDiscountNode!.id;

    const deactivated = await runAdminOperation(admin, DISCOUNT_CODE_DEACTIVATE, { id });
    expect(deactivated.discountCodeDeactivate?.codeDiscountNode?.codeDiscount).toEqual({
      status: "EXPIRED",
      endsAt: clock.toISOString(),
      asyncUsageCount: 0,
    });
    // An order that used the code in Shopify shows in the count the deactivation answers with.
    standin.state.shop(SHOP).discounts.get(id)!.usageCount = 1;
    const again = await runAdminOperation(admin, DISCOUNT_CODE_DEACTIVATE, { id });
    expect(again.discountCodeDeactivate?.codeDiscountNode?.codeDiscount).toMatchObject({
      asyncUsageCount: 1,
    });
    const missing = await runAdminOperation(admin, DISCOUNT_CODE_DEACTIVATE, {
      id: "gid://shopify/DiscountCodeNode/1",
    });
    expect(missing.discountCodeDeactivate?.userErrors[0]?.field).toEqual(["id"]);
  });

  it("refuses an end date before the start date", async () => {
    const result = await runAdminOperation(admin, DISCOUNT_CODE_BASIC_CREATE, {
      ...basicCodeVariables("LATE"),
      endsAt: "2026-11-01T00:00:00Z",
    });
    expect(result.discountCodeBasicCreate?.userErrors.map((error) => error.code)).toEqual([
      "END_DATE_BEFORE_START_DATE",
    ]);
  });
});

describe("customers by email", () => {
  it("matches quoted emails exactly, bare ones by token, pages with after, and refuses other searches loudly", async () => {
    standin.state
      .shop(SHOP)
      .customers.push(
        { id: "gid://shopify/Customer/1", email: "Ann@Example.com" },
        { id: "gid://shopify/Customer/2", email: "ann.b@example.com" },
        { id: "gid://shopify/Customer/3", email: "bob@example.com" },
      );
    const ids = async (query: string, first = 10, after: string | null = null) =>
      (await runAdminOperation(admin, CUSTOMERS_BY_EMAIL, { query, first, after })).customers;
    expect(
      (await ids('email:"ann@example.com" OR email:"bob@example.com"')).nodes.map(
        (node) => node.id,
      ),
    ).toEqual(["gid://shopify/Customer/1", "gid://shopify/Customer/3"]);
    expect(
      (await ids("email:ann")).nodes.map((node) => node.defaultEmailAddress?.emailAddress),
    ).toEqual(["Ann@Example.com", "ann.b@example.com"]);
    const first = await ids("email:example", 2);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true });
    expect(
      (await ids("email:example", 2, first.pageInfo.endCursor)).nodes.map((node) => node.id),
    ).toEqual(["gid://shopify/Customer/3"]);

    await expect(
      runAdminOperation(admin, CUSTOMERS_BY_EMAIL, { query: "first_name:Ann", first: 10 }),
    ).rejects.toBeInstanceOf(AdminApiError);
    expect(standin.invalidDocuments.map((entry) => entry.kind)).toEqual(["execution"]);
    standin.invalidDocuments.length = 0;
  });
});

describe("store credit and tags", () => {
  it("credits store credit in the shop currency and refuses others", async () => {
    const credit = (amount: string, currencyCode: "USD" | "EUR") =>
      runAdminOperation(admin, STORE_CREDIT_ACCOUNT_CREDIT, {
        id: customer(9),
        amount: { amount, currencyCode },
      });

    await credit("5.00", "USD");
    const second = await credit("2.50", "USD");
    expect(
      second.storeCreditAccountCredit?.storeCreditAccountTransaction?.balanceAfterTransaction,
    ).toEqual({
      amount: "7.5",
      currencyCode: "USD",
    });
    expect(standin.state.shop(SHOP).storeCreditBalance(customer(9))).toBe("7.5");

    const euro = await credit("1.00", "EUR");
    expect(euro.storeCreditAccountCredit?.userErrors[0]?.code).toBe("UNSUPPORTED_CURRENCY");
    const zero = await credit("0", "USD");
    expect(zero.storeCreditAccountCredit?.userErrors[0]?.code).toBe("NEGATIVE_OR_ZERO_AMOUNT");
  });

  it("adds and removes customer tags", async () => {
    await runAdminOperation(admin, CUSTOMER_TAGS_ADD, {
      id: customer(1),
      tags: ["tally-tier-silver", "vip, newsletter"],
    });
    await runAdminOperation(admin, CUSTOMER_TAGS_REMOVE, {
      id: customer(1),
      tags: ["tally-tier-silver"],
    });
    await runAdminOperation(admin, CUSTOMER_TAGS_ADD, {
      id: customer(1),
      tags: ["tally-tier-gold"],
    });

    expect([...standin.state.shop(SHOP).tags.get(customer(1))!].sort()).toEqual([
      "newsletter",
      "tally-tier-gold",
      "vip",
    ]);
  });
});

describe("orders, as the reconciliation reads them", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();
  const seed = () => {
    for (let n = 0; n < 5; n++)
      standin.state.shop(SHOP).orders.push(
        bulkOrder({
          id: 100 + n,
          createdAt: at(0),
          // Listed by update: 104, 103, 102, 101, 100.
          updatedAt: at(10 - n),
          customer: null,
          lines: [{ id: 1000 + n, price: 500 }],
        }),
      );
  };
  const window = updatedWindowQuery(new Date(at(0)), new Date(at(59)));

  it("pages orders updated in a window by updated_at with keyset cursors that survive an update between pages", async () => {
    seed();
    const first = await runAdminOperation(admin, RECONCILE_ORDERS_PAGE, {
      query: window,
      first: 2,
    });
    expect(first.orders.nodes.map((order) => order.id.split("/").pop())).toEqual(["104", "103"]);
    expect(first.orders.pageInfo.hasNextPage).toBe(true);
    // 102 is updated meanwhile: it moves to the end, the next page does not skip 101.
    standin.state
      .shop(SHOP)
      .orders.find((order) => order.id === "gid://shopify/Order/102")!.updatedAt = at(30);
    const rest = await runAdminOperation(admin, RECONCILE_ORDERS_PAGE, {
      query: window,
      first: 5,
      after: first.orders.pageInfo.endCursor,
    });
    expect(rest.orders.nodes.map((order) => order.id.split("/").pop())).toEqual([
      "101",
      "100",
      "102",
    ]);
    expect(rest.orders.pageInfo.hasNextPage).toBe(false);
    expect(
      (
        await runAdminOperation(admin, RECONCILE_ORDERS_PAGE, {
          query: updatedWindowQuery(new Date(at(7)), new Date(at(9))),
          first: 5,
        })
      ).orders.nodes.map((order) => order.id.split("/").pop()),
    ).toEqual(["103"]); // [09:07, 09:09): 102 left the window when it was updated
  });

  it("counts the window's orders exactly up to the limit, then at least", async () => {
    seed();
    expect(await runAdminOperation(admin, RECONCILE_ORDERS_COUNT, { query: window })).toEqual({
      ordersCount: { count: 5, precision: "EXACT" },
    });
    const { body } = await post(
      `query { ordersCount(query: "updated_at:>='${at(0)}'", limit: 3) { count precision } }`,
    );
    expect(body.data.ordersCount).toEqual({ count: 3, precision: "AT_LEAST" });
  });

  it("refuses a search it cannot answer rather than answering wrongly", async () => {
    seed();
    await expect(
      runAdminOperation(admin, RECONCILE_ORDERS_COUNT, { query: "financial_status:paid" }),
    ).rejects.toThrow(/cannot filter orders by "financial_status:paid"/);
    standin.invalidDocuments.length = 0;
  });
});
