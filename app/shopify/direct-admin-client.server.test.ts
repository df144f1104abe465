// @vitest-environment node
// The direct client's answers, read into memory instead of a fetch Response, must be mapped by
// runAdminOperation exactly as before: data, throttling with its Retry-After, HTTP failures.
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { adminApiServer } from "../../tests/support/admin-api";
import { AdminApiError } from "./admin-api-error";
import { runAdminOperation } from "./admin-client.server";
import { ADMIN_API_VERSION } from "./api-version";
import { directAdminClient } from "./direct-admin-client.server";
import { SHOP_SETTINGS_QUERY } from "./documents/shop";

const SHOP = "direct-client.myshopify.com";
const ENDPOINT = `https://${SHOP}/admin/api/${ADMIN_API_VERSION}/graphql.json`;

function answering(respond: (request: Request) => Response | Promise<Response>) {
  const seen: Request[] = [];
  adminApiServer.use(
    http.post(ENDPOINT, ({ request }) => {
      seen.push(request.clone());
      return respond(request);
    }),
  );
  return seen;
}

const settings = () =>
  runAdminOperation(directAdminClient(SHOP, "shpat_direct"), SHOP_SETTINGS_QUERY);

describe("the direct Admin API client", () => {
  it("sends the documented request and returns the answer's data, text intact", async () => {
    const shop = {
      name: "Zniżki – ✓ Łódź",
      myshopifyDomain: SHOP,
      currencyCode: "PLN",
      ianaTimezone: "Europe/Warsaw",
    };
    const seen = answering(() => HttpResponse.json({ data: { shop } }));
    await expect(settings()).resolves.toEqual({ shop });
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.get("X-Shopify-Access-Token")).toBe("shpat_direct");
    expect(seen[0].headers.get("Content-Type")).toBe("application/json");
    expect(await seen[0].json()).toEqual({ query: SHOP_SETTINGS_QUERY });
  });

  it("maps a 429 to THROTTLED with Shopify's Retry-After", async () => {
    answering(
      () =>
        new HttpResponse(JSON.stringify({ errors: "Exceeded 2 calls per second" }), {
          status: 429,
          headers: { "Retry-After": "2.0", "Content-Type": "application/json" },
        }),
    );
    const error = await settings().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ code: "THROTTLED", status: 429, retryAfterMs: 2000 });
  });

  it("maps an answer that is not JSON to HTTP_ERROR with its status", async () => {
    answering(() => new HttpResponse("upstream unavailable", { status: 503 }));
    const error = await settings().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ code: "HTTP_ERROR", status: 503 });
    expect((error as Error).message).toContain("upstream unavailable");
  });

  it("maps GraphQL errors in a 200 answer to GRAPHQL_ERROR", async () => {
    answering(() =>
      HttpResponse.json({
        errors: [{ message: "Access denied", extensions: { code: "ACCESS_DENIED" } }],
      }),
    );
    const error = await settings().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ code: "GRAPHQL_ERROR", status: 200 });
  });
});
