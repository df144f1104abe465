// Tally verifies webhook signatures itself (docs/decisions/017); Shopify's own library is the oracle:
// for any body, any set of headers and any signature, both must accept or reject alike, with the same
// status (400 malformed, 401 forged).
import "@shopify/shopify-api/adapters/web-api";
import { LogSeverity, shopifyApi, WebhookValidationErrorReason } from "@shopify/shopify-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyFlowRequest, verifyWebhook } from "~/shopify/webhook-verification.server";
import { signBody, webhookHeaders } from "../factories/webhook-request";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

const shopify = shopifyApi({
  apiKey: "oracle",
  apiSecretKey: TEST_API_SECRET,
  hostName: new URL(TEST_APP_URL).host,
  apiVersion: "2026-10" as never,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

async function oracle(request: Request, rawBody: string) {
  const check = await shopify.webhooks.validate({ rawBody, rawRequest: request });
  if (check.valid) return { ok: true as const, shop: check.domain, webhookId: check.webhookId };
  return {
    ok: false as const,
    status: check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400,
  };
}

type SignatureKind =
  "right" | "wrong secret" | "other body" | "garbage" | "truncated" | "lower-cased";
interface Sample {
  body: string;
  signature: SignatureKind;
  dropped: string[];
}

const OPTIONAL_HEADERS = [
  "X-Shopify-Topic",
  "X-Shopify-Shop-Domain",
  "X-Shopify-API-Version",
  "X-Shopify-Webhook-Id",
  "X-Shopify-Hmac-Sha256",
];

const delivery: fc.Arbitrary<Sample> = fc.record({
  body: fc.oneof(fc.string({ unit: "grapheme" }), fc.json(), fc.constant("")),
  signature: fc.constantFrom<SignatureKind>(
    "right",
    "wrong secret",
    "other body",
    "garbage",
    "truncated",
    "lower-cased",
  ),
  dropped: fc.subarray(OPTIONAL_HEADERS, { maxLength: 2 }),
});

function requestFor({ body, signature, dropped }: Sample) {
  const hmac = {
    right: signBody(body, TEST_API_SECRET),
    "wrong secret": signBody(body, `${TEST_API_SECRET}x`),
    "other body": signBody(`${body} `, TEST_API_SECRET),
    garbage: "not-a-signature",
    truncated: signBody(body, TEST_API_SECRET).slice(0, 20),
    "lower-cased": signBody(body, TEST_API_SECRET).toLowerCase(),
  }[signature];
  const headers = webhookHeaders(body, {
    shop: "oracle.myshopify.com",
    topic: "orders/paid",
    secret: TEST_API_SECRET,
    hmac,
  });
  for (const name of dropped) delete headers[name];
  return new Request(`${TEST_APP_URL}/webhooks/orders/paid`, { method: "POST", headers, body });
}

describe("webhook signature verification", () => {
  it("agrees with Shopify's library on every delivery, signed or forged, whole or missing headers", async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (sample) => {
        const request = requestFor(sample);
        const ours = verifyWebhook(request.headers, sample.body);
        const theirs = await oracle(request, sample.body);
        expect(ours.ok).toBe(theirs.ok);
        if (!ours.ok && !theirs.ok) expect(ours.status).toBe(theirs.status);
        if (ours.ok && theirs.ok)
          expect([ours.shop, ours.webhookId]).toEqual([theirs.shop, theirs.webhookId]);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with Shopify's library on Flow action requests", async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (sample) => {
        const request = requestFor(sample);
        const ours = await verifyFlowRequest(request.clone(), sample.body);
        const theirs = await shopify.flow.validate({ rawBody: sample.body, rawRequest: request });
        expect(ours).toBe(theirs.valid);
      }),
      { numRuns: 200 },
    );
  });

  it("accepts a correctly signed delivery and names its shop, topic and id", async () => {
    const body = JSON.stringify({ id: 1, note: "żółć ✓" });
    const result = verifyWebhook(
      requestFor({ body, signature: "right", dropped: [] }).headers,
      body,
    );
    expect(result).toMatchObject({ ok: true, shop: "oracle.myshopify.com", topic: "orders/paid" });
  });

  it("rejects a signature over a different body with 401", async () => {
    const body = '{"id":1}';
    expect(
      verifyWebhook(requestFor({ body, signature: "other body", dropped: [] }).headers, body),
    ).toMatchObject({ ok: false, status: 401 });
  });
});
