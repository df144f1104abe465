// @vitest-environment node
import "@shopify/shopify-app-remix/adapters/node";
import {
  GraphqlQueryError,
  HttpInternalError,
  HttpThrottlingError,
  Session,
} from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, shopifyApp } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { describe, expect, it } from "vitest";
import { adminApi } from "../../tests/support/admin-api";
import { AdminApiError } from "./admin-api-error";
import { runAdminOperation, type AdminGraphqlClient } from "./admin-client.server";
import { METAFIELDS_SET_MUTATION } from "./documents/metafields";
import { SHOP_SETTINGS_QUERY } from "./documents/shop";
import { buildLoyaltyMetafields } from "./metafields.server";

const SHOP = "demo.myshopify.com";
const THROTTLED_ERROR = { message: "Throttled", extensions: { code: "THROTTLED" } };
const COST = {
  requestedQueryCost: 52,
  actualQueryCost: null,
  throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 },
};

function answering(response: Response | (() => never)): AdminGraphqlClient {
  return { graphql: async () => (typeof response === "function" ? response() : response) };
}
const json = (body: unknown, init?: ResponseInit) => new Response(JSON.stringify(body), init);

async function failureOf(client: AdminGraphqlClient): Promise<AdminApiError> {
  const error = await runAdminOperation(client, SHOP_SETTINGS_QUERY).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AdminApiError);
  return error as AdminApiError;
}

describe("runAdminOperation with a client that returns responses", () => {
  it("returns typed data", async () => {
    const shop = {
      name: "Demo",
      myshopifyDomain: SHOP,
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
    };
    await expect(
      runAdminOperation(answering(json({ data: { shop } })), SHOP_SETTINGS_QUERY),
    ).resolves.toEqual({ shop });
  });

  it("maps a THROTTLED error to THROTTLED with the time until the bucket refills", async () => {
    const error = await failureOf(
      answering(json({ errors: [THROTTLED_ERROR], extensions: { cost: COST } })),
    );
    expect(error).toMatchObject({
      code: "THROTTLED",
      operationName: "ShopSettings",
      retryAfterMs: 500,
      cost: COST,
    });
  });

  it("maps other GraphQL errors, even next to partial data, to GRAPHQL_ERROR", async () => {
    const denied = {
      message: "Access denied for shop field.",
      extensions: { code: "ACCESS_DENIED" },
    };
    const error = await failureOf(answering(json({ data: { shop: null }, errors: [denied] })));
    expect(error).toMatchObject({ code: "GRAPHQL_ERROR", graphQLErrors: [denied] });
    expect(error.message).toBe("ShopSettings: Access denied for shop field.");
  });

  it("maps HTTP failures to HTTP_ERROR, and 429 to THROTTLED", async () => {
    expect(await failureOf(answering(new Response("Bad Gateway", { status: 502 })))).toMatchObject({
      code: "HTTP_ERROR",
      status: 502,
    });
    expect(await failureOf(answering(json({ data: null }, { status: 200 })))).toMatchObject({
      code: "GRAPHQL_ERROR",
    });
    expect(await failureOf(answering(new Response("<html>", { status: 200 })))).toMatchObject({
      code: "HTTP_ERROR",
    });
    const tooMany = new Response("{}", { status: 429, headers: { "Retry-After": "2" } });
    expect(await failureOf(answering(tooMany))).toMatchObject({
      code: "THROTTLED",
      status: 429,
      retryAfterMs: 2000,
    });
  });
});

describe("runAdminOperation with errors thrown by @shopify/shopify-api", () => {
  it("maps GraphqlQueryError carrying THROTTLED to THROTTLED", async () => {
    const thrown = new GraphqlQueryError({
      message: "Throttled",
      response: {} as Record<string, unknown>,
      body: { errors: { graphQLErrors: [THROTTLED_ERROR] }, extensions: { cost: COST } } as Record<
        string,
        unknown
      >,
    });
    const error = await failureOf(
      answering(() => {
        throw thrown;
      }),
    );
    expect(error).toMatchObject({ code: "THROTTLED", retryAfterMs: 500 });
    expect(error.cause).toBe(thrown);
  });

  it("maps HTTP error classes by status", async () => {
    const internal = new HttpInternalError({
      message: "Internal",
      code: 500,
      statusText: "Internal Server Error",
    });
    expect(
      await failureOf(
        answering(() => {
          throw internal;
        }),
      ),
    ).toMatchObject({ code: "HTTP_ERROR", status: 500 });
    const throttling = new HttpThrottlingError({
      message: "Slow down",
      code: 429,
      statusText: "Too Many Requests",
      retryAfter: 3,
    });
    expect(
      await failureOf(
        answering(() => {
          throw throttling;
        }),
      ),
    ).toMatchObject({ code: "THROTTLED", retryAfterMs: 3000 });
  });

  it("maps network failures to HTTP_ERROR and lets Remix redirects through", async () => {
    expect(
      await failureOf(
        answering(() => {
          throw new TypeError("fetch failed");
        }),
      ),
    ).toMatchObject({ code: "HTTP_ERROR" });
    const redirect = new Response(null, { status: 302, headers: { Location: "/auth/login" } });
    await expect(
      runAdminOperation(
        answering(() => {
          throw redirect;
        }),
        SHOP_SETTINGS_QUERY,
      ),
    ).rejects.toBe(redirect);
  });
});

describe("runAdminOperation through shopify-app-remix's admin client and the stand-in", () => {
  // The node adapter captures globalThis.fetch when imported, before msw patches it; look it up per call.
  setAbstractFetchFunc((...args) => globalThis.fetch(...args));

  // The production path: shopifyApp → unauthenticated.admin → admin.graphql → HTTP → stand-in.
  const sessions = new Map<string, Session>();
  const sessionStorage: SessionStorage = {
    storeSession: async (session) => Boolean(sessions.set(session.id, session)),
    loadSession: async (id) => sessions.get(id),
    deleteSession: async (id) => sessions.delete(id),
    deleteSessions: async (ids) => ids.every((id) => sessions.delete(id)),
    findSessionsByShop: async (shop) =>
      [...sessions.values()].filter((session) => session.shop === shop),
  };
  const shopify = shopifyApp({
    apiKey: "test-api-key",
    apiSecretKey: "test-api-secret",
    appUrl: "https://tally.example.com",
    scopes: ["write_customers"],
    apiVersion: ApiVersion.October26,
    sessionStorage,
  });

  async function remixAdmin(): Promise<AdminGraphqlClient> {
    const offline = new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken: "shpat_test",
    });
    await sessionStorage.storeSession(offline);
    return (await shopify.unauthenticated.admin(SHOP)).admin;
  }

  it("returns typed data, and maps the THROTTLED error the remix client throws", async () => {
    const admin = await remixAdmin();
    adminApi.state.shop(SHOP).settings.currencyCode = "CAD";
    await expect(runAdminOperation(admin, SHOP_SETTINGS_QUERY)).resolves.toMatchObject({
      shop: { currencyCode: "CAD" },
    });

    adminApi.failNext("MetafieldsSet", "THROTTLED");
    const metafields = buildLoyaltyMetafields("gid://shopify/Customer/1", {
      balance: 0,
      pending: 0,
      tierName: "Member",
      nextTierName: "Silver",
      pointsToNextTier: 1000,
    });
    const error = await runAdminOperation(admin, METAFIELDS_SET_MUTATION, { metafields }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      code: "THROTTLED",
      operationName: "MetafieldsSet",
      retryAfterMs: 100,
    });
    expect(
      adminApi.calls.map((call) => [call.operationName, call.apiVersion, call.outcome]),
    ).toEqual([
      ["ShopSettings", "2026-10", "ok"],
      ["MetafieldsSet", "2026-10", "THROTTLED"],
    ]);
  });
});
