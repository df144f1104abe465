/// <reference types="vite/client" />
// Issue 17 item 8: the small edges of the boundaries — a released redemption of a shop without an
// offline session, the shopper API's exposed headers, GETs to webhook and Flow routes, replayed
// redemptions.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { adminApi } from "../support/admin-api";
import { orderPayload } from "../factories/webhook-payloads";
import { shopperToken } from "../support/session-tokens";
import { redeem, releaseRedemption, shopperApiRequest } from "../support/shopper-api";
import { deliver } from "../support/webhooks";
import { TEST_APP_URL } from "../setup/test-env";

const shop = "edges.myshopify.com";
const alice = 5101;

beforeEach(async () => {
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 123000 }] }),
    { shop },
  );
});

const rewardId = async () => (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;

describe("releasing a redemption", () => {
  it("answers 404 for a shop that never installed Tally (no offline session), not 500", async () => {
    const token = await shopperToken({ shop: "never-installed.myshopify.com", customerId: alice });
    const response = await releaseRedemption(token, "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });

  it("answers the owner of an issued code in an uninstalled shop with 502, and keeps the points spent", async () => {
    const { redemptionId } = await (
      await redeem(await shopperToken({ shop, customerId: alice }), await rewardId())
    ).json();
    await getDb().session.deleteMany({ where: { shop } });
    const response = await releaseRedemption(
      await shopperToken({ shop, customerId: alice }),
      redemptionId,
    );
    expect(response.status).toBe(502);
    const member = await getDb().customer.findFirstOrThrow({ where: { shop } });
    expect(member.balance).toBe(730);
  });
});

describe("redeeming in a shop that has just uninstalled", () => {
  it("answers 502 and spends nothing once the offline session is gone, right after a redemption that used it", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    expect((await redeem(token, await rewardId())).status).toBe(201);
    // app/uninstalled, handled by this or any other instance: the session goes at once.
    await getDb().session.deleteMany({ where: { shop } });
    const codesBefore = adminApi.calls.length;
    const response = await redeem(token, await rewardId());
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(adminApi.calls.length).toBe(codesBefore);
    const member = await getDb().customer.findFirstOrThrow({ where: { shop } });
    expect(member.balance).toBe(730);
    const statuses = (await getDb().redemption.findMany({ where: { shop } })).map((r) => r.status);
    expect(statuses.sort()).toEqual(["failed", "issued"]);
  });
});

describe("the shopper API's CORS headers", () => {
  it("expose Idempotency-Key and Server-Timing to the extensions, on reads and on redemptions", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    // As a browser sends them from the extension's sandbox: with an Origin, so Shopify's library adds
    // its own CORS headers too.
    const Origin = "https://extensions.shopifycdn.com";
    const read = await shopperApiRequest("loyalty", token, { headers: { Origin } });
    const redeemed = await shopperApiRequest("redemptions", token, {
      method: "POST",
      headers: { Origin, "Content-Type": "application/json", "Idempotency-Key": "cors-key-1" },
      body: JSON.stringify({ rewardId: await rewardId() }),
    });
    expect([read.status, redeemed.status]).toEqual([200, 201]);
    for (const response of [read, redeemed]) {
      const exposed = (response.headers.get("Access-Control-Expose-Headers") ?? "")
        .split(",")
        .map((name) => name.trim().toLowerCase());
      expect(exposed).toEqual(expect.arrayContaining(["idempotency-key", "server-timing"]));
    }
  });
});

describe("replayed redemptions", () => {
  it("answer the same body as the first answer, even after the balance changed", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    const first = await redeem(token, await rewardId(), "replay-key-1");
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    // Alice earns more before her retry arrives.
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: alice }, lines: [{ price: 50000 }] }),
      { shop },
    );
    const replay = await redeem(token, await rewardId(), "replay-key-1");
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(firstBody);
  });
});

describe("GET on POST-only endpoints", () => {
  type Route = { loader?: (args: LoaderFunctionArgs) => Promise<Response> | Response };
  const routes = import.meta.glob<Route>(["/app/routes/webhooks.*.tsx", "/app/routes/flow.*.tsx"], {
    eager: true,
  });

  it("every webhook and Flow route answers a GET with 405 and Allow: POST (no stack trace logged)", async () => {
    expect(Object.keys(routes).length).toBeGreaterThanOrEqual(12);
    for (const [path, route] of Object.entries(routes)) {
      const url = new URL(path.replace("/app/routes/", "/").replace(/\.tsx$/, ""), TEST_APP_URL);
      expect({ path, loader: typeof route.loader }).toEqual({ path, loader: "function" });
      const response = await route.loader!({
        request: new Request(url),
        params: {},
        context: {},
      });
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("POST");
    }
  });
});
