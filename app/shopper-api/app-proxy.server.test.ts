import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_API_SECRET } from "../../tests/setup/test-env";
import { authenticateProxy, proxySignature, proxySigningInput } from "./app-proxy.server";

const now = new Date("2026-12-07T12:00:00Z");
const timestamp = String(now.getTime() / 1000);

function signed(query: string): Request {
  const params = new URLSearchParams(query);
  params.append("signature", proxySignature(params, TEST_API_SECRET));
  return new Request(`https://tally.test/proxy/loyalty?${params}`);
}

describe("the App Proxy signature", () => {
  it("signs the sorted key=value pairs without separators, repeated keys joined by commas", () => {
    const params = new URLSearchParams(
      `shop=a.myshopify.com&path_prefix=%2Fapps%2Ftally&timestamp=${timestamp}&extra=1&extra=2&logged_in_customer_id=`,
    );
    expect(proxySigningInput(params)).toBe(
      `extra=1,2logged_in_customer_id=path_prefix=/apps/tallyshop=a.myshopify.comtimestamp=${timestamp}`,
    );
    expect(proxySignature(params, "secret")).toBe(
      createHmac("sha256", "secret").update(proxySigningInput(params)).digest("hex"),
    );
  });

  it("resolves the shop and the signed customer; an empty customer id is a guest", () => {
    const member = `shop=a.myshopify.com&logged_in_customer_id=9007199254740993&timestamp=${timestamp}`;
    expect(authenticateProxy(signed(member), now)).toEqual({
      shop: "a.myshopify.com",
      shopifyCustomerId: "9007199254740993",
    });
    const guest = `shop=a.myshopify.com&logged_in_customer_id=&timestamp=${timestamp}`;
    expect(authenticateProxy(signed(guest), now).shopifyCustomerId).toBeNull();
  });

  it("throws 401 for a duplicated signature, a foreign shop domain or a bad customer id", () => {
    const base = `shop=a.myshopify.com&logged_in_customer_id=1&timestamp=${timestamp}`;
    const doubled = signed(base);
    const url = new URL(doubled.url);
    url.searchParams.append("signature", url.searchParams.get("signature")!);
    const refusals = [
      new Request(url),
      signed(`shop=evil.example.com&logged_in_customer_id=1&timestamp=${timestamp}`),
      signed(`shop=a.myshopify.com&logged_in_customer_id=gid%3A%2F%2Fx&timestamp=${timestamp}`),
      signed(`shop=a.myshopify.com&logged_in_customer_id=1`),
    ];
    for (const request of refusals) {
      let thrown: unknown;
      try {
        authenticateProxy(request, now);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, request.url).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(401);
    }
  });
});
