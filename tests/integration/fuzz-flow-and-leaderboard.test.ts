// Hostile input on the Shopify Flow actions (award-points, award-badge) and the shopper leaderboard
// endpoints: validly signed garbage and mutated envelopes, replays of everything accepted, hostile
// query parameters and bodies, endless bodies. Never a 5xx; a refusal is a 4xx `{error: {code,
// message}}` that wrote nothing; an accepted request keeps the ledger consistent and its replay
// changes nothing.
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import * as leaderboard from "~/routes/api.loyalty.leaderboard";
import * as awardBadge from "~/routes/flow.actions.award-badge";
import * as awardPoints from "~/routes/flow.actions.award-points";
import * as membership from "~/routes/api.loyalty.leaderboard.membership";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { TEST_APP_URL } from "../setup/test-env";
import { configureEngagement } from "../support/engagement";
import { flowActionBody, sendFlowAction } from "../support/flow";
import {
  databaseFingerprint,
  expectClientError,
  expectLedgerConsistent,
  fuzzEndpoint,
} from "../support/fuzz";
import { garbageBody, hostileBody } from "../support/fuzz-arbitraries";
import { shopperToken } from "../support/session-tokens";
import { deliver } from "../support/webhooks";

const shop = "fuzz-flow.myshopify.com";
const member = 9500;
let token: string;

beforeEach(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await installShop(getDb(), shop);
  await configureEngagement(shop, (settings) => ({
    ...settings,
    leaderboard: { enabled: true },
    badges: [
      ...settings.badges,
      {
        id: "reviewer",
        name: "Reviewer",
        description: "Wrote a review",
        enabled: true,
        bonusPoints: 10,
        rule: { kind: "custom" },
      },
    ],
  }));
  await deliver(
    "orders/paid",
    orderPayload({ id: 950, customer: { id: member }, lines: [{ price: 20000 }] }),
    { shop },
  );
  token = await shopperToken({ shop, customerId: member, expiresInSeconds: 600 });
});

/** An accepted request sent again changes nothing and is answered without a 5xx. */
async function replayChangesNothing(send: () => Promise<Response>) {
  await expectLedgerConsistent([shop]);
  const before = await databaseFingerprint();
  const again = await send();
  expect(again.status, "replay status").toBeLessThan(500);
  expect(await databaseFingerprint(), "a replay wrote").toBe(before);
}

const flowCases = {
  "award-points": {
    properties: {
      customer_id: String(member),
      points: 150,
      reason: "Product review",
      event_key: "review-1",
    },
  },
  "award-badge": {
    properties: { customer_id: `gid://shopify/Customer/${member}`, badge_id: "reviewer" },
  },
} as const;

describe("Flow actions: validly signed hostile envelopes", () => {
  for (const [action, { properties }] of Object.entries(flowCases) as [
    keyof typeof flowCases,
    (typeof flowCases)[keyof typeof flowCases],
  ][]) {
    it(`${action}: applied once (a replay changes nothing) or refused with a 4xx JSON error that wrote nothing`, async () => {
      const valid = flowActionBody(shop, properties, "run-fuzz");
      const { shop_id: _shopId, action_definition_id: _definition, ...read } = valid;
      const statuses: number[] = [];
      await fuzzEndpoint({
        inputs: hostileBody(valid, read),
        send: (body) => sendFlowAction(body, { action }),
        afterAccepted: (body) => replayChangesNothing(() => sendFlowAction(body, { action })),
        onStatus: (status) => statuses.push(status),
        numRuns: 25,
        examples: ['{"shopify_domain":', JSON.stringify(valid)],
      });
      expect(statuses.some((status) => status >= 400)).toBe(true);
      expect(statuses.some((status) => status === 200)).toBe(true);
    });
  }

  it("an endless body without a Content-Length is refused with 413 before it is buffered whole", async () => {
    for (const action of ["award-points", "award-badge"] as const) {
      let pulled = 0;
      const chunk = new TextEncoder().encode(`{"properties":{"reason":"${"x".repeat(16 * 1024)}`);
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const route = action === "award-points" ? awardPoints : awardBadge;
      const request = new Request(`${TEST_APP_URL}/flow/actions/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": "x" },
        body,
        duplex: "half",
      } as RequestInit);
      const response = await route.action({ request, params: {}, context: {} });
      expect(response.status).toBe(413);
      await expectClientError(response, action);
      expect(pulled).toBeLessThan(200_000);
    }
  });
});

async function call(
  handler: typeof membership.action | typeof leaderboard.loader,
  request: Request,
): Promise<Response> {
  try {
    return await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const shopperHeaders = (extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${token}`,
  "User-Agent": "Mozilla/5.0 Chrome/156",
  ...extra,
});

describe("leaderboard endpoints", () => {
  it("POST membership: hostile bodies and content types", async () => {
    const statuses: number[] = [];
    await fuzzEndpoint({
      inputs: fc.record({
        body: fc.oneof(hostileBody({ optIn: true }), garbageBody),
        contentType: fc.constantFrom("application/json", "text/plain", ""),
      }),
      send: ({ body, contentType }) =>
        call(
          membership.action,
          new Request(`${TEST_APP_URL}/api/loyalty/leaderboard/membership`, {
            method: "POST",
            headers: shopperHeaders(contentType ? { "Content-Type": contentType } : {}),
            body,
          }),
        ),
      afterAccepted: () => expectLedgerConsistent([shop]),
      onStatus: (status) => statuses.push(status),
      numRuns: 30,
      examples: [
        { body: '{"optIn":', contentType: "application/json" },
        { body: '{"optIn":true}', contentType: "application/json" },
      ],
    });
    expect(statuses.some((status) => status >= 400)).toBe(true);
    expect(statuses.some((status) => status === 200)).toBe(true);
  });

  it("POST membership: an endless body is refused with 413 before it is buffered whole", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"optIn":"${"x".repeat(16 * 1024)}`);
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await call(
      membership.action,
      new Request(`${TEST_APP_URL}/api/loyalty/leaderboard/membership`, {
        method: "POST",
        headers: shopperHeaders({ "Content-Type": "application/json" }),
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    await expectClientError(response, "oversized");
    expect(pulled).toBeLessThan(200_000);
  });

  it("GET leaderboard: hostile query strings and methods", async () => {
    await fuzzEndpoint({
      inputs: fc.record({
        query: fc.oneof(
          fc.constantFrom(
            "?rank=1",
            "?rank=0",
            "?rank=2",
            "?rank=",
            "?rank=1&rank=0",
            "?rank=%00",
            "?rank=1e0",
            `?rank=${"1".repeat(5000)}`,
          ),
          fc.string({ maxLength: 60 }).map((text) => `?rank=${encodeURIComponent(text)}`),
        ),
        method: fc.constantFrom("GET", "GET", "POST", "DELETE"),
      }),
      send: ({ query, method }) =>
        call(
          method === "GET" ? leaderboard.loader : leaderboard.action,
          new Request(`${TEST_APP_URL}/api/loyalty/leaderboard${query}`, {
            method,
            headers: shopperHeaders(),
          }),
        ),
      numRuns: 25,
    });
  });
});
