// @vitest-environment node
// The stand-in as its own process (scripts/demo/admin-api-server.ts), reached the way the local demo
// reaches it with TALLY_LOCAL_ADMIN_API_URL: schema-checked answers and state kept between calls.
import { spawn, type ChildProcess } from "node:child_process";
import { bypass } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdminOperation } from "../shopify/admin-client.server";
import { CODE_DISCOUNT_NODE_BY_CODE } from "../shopify/documents/discounts";
import { issueReward } from "../shopify/reward-codes.server";
import { fetchShopSettings } from "../shopify/shop-settings.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { localAdminApiUrl } from "./admin-api.server";

const shop = "standalone.myshopify.com";
let server: ChildProcess;
let base: string;

beforeAll(async () => {
  server = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/demo/admin-api-server.ts", "--port", "0"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  base = await new Promise<string>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => {
      const url = /Admin API stand-in on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString())?.[1];
      if (url) resolve(url);
    });
    server.once("exit", (code) => reject(new Error(`the stand-in server exited (${code})`)));
  });
}, 60_000);

afterAll(() => {
  server?.kill("SIGTERM");
});

// The tests' own in-process stand-in (msw) must not answer these: bypass() sends them over the network.
const client = () =>
  createFetchAdminClient({
    shop,
    fetch: (url, init) => fetch(bypass(new Request(localAdminApiUrl(String(url), base), init))),
  });

describe("the Admin API stand-in server", () => {
  it("rewrites only Admin API URLs to the server, keeping the shop in the path", () => {
    expect(
      localAdminApiUrl(
        "https://a.myshopify.com/admin/api/2026-10/graphql.json",
        "http://127.0.0.1:3990/",
      ),
    ).toBe("http://127.0.0.1:3990/a.myshopify.com/admin/api/2026-10/graphql.json");
    expect(localAdminApiUrl("https://cdn.shopify.com/file.js", "http://127.0.0.1:3990")).toBe(
      "https://cdn.shopify.com/file.js",
    );
  });

  it("answers valid documents from its state and refuses invalid ones with 400", async () => {
    await expect(fetchShopSettings(client())).resolves.toMatchObject({ myshopifyDomain: shop });
    const missing = await runAdminOperation(client(), CODE_DISCOUNT_NODE_BY_CODE, {
      code: "TALLY-NOPE",
    });
    expect(missing.codeDiscountNodeByCode).toBeNull();
    // A code created by one call is found by the next: the server keeps the stand-in's state.
    const now = new Date();
    const reward = {
      id: "r1",
      kind: "fixed_amount",
      title: "5.00 off",
      value: 500,
      cost: 500,
      variantId: null,
      minimumSubtotal: null,
      tierNames: null,
      codeLifetimeDays: 30,
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: false },
      enabled: true,
    } as const;
    const issued = await issueReward(client(), {
      reward,
      customerGid: "gid://shopify/Customer/7",
      code: "TALLY-STANDALONE1",
      currencyCode: "USD",
      currencyExponent: 2,
      now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    const found = await runAdminOperation(client(), CODE_DISCOUNT_NODE_BY_CODE, {
      code: "TALLY-STANDALONE1",
    });
    expect(found.codeDiscountNodeByCode?.id).toBe(
      issued.kind === "code" ? issued.discountId : "not a code",
    );
    const invalid = await client().graphql("query { shop { nameOfNothing } }");
    expect(invalid.status).toBe(400);
  });
});
