// Issue 17 item 8: /auth/login is the shop-domain login page (it answered 500: Shopify's library
// refuses authenticate.admin on its login path), and /app opened outside the Shopify admin ends there.
import { describe, expect, it } from "vitest";
import { loader as appLoader } from "~/routes/app";
import { action, loader } from "~/routes/auth.login";
import { TEST_APP_URL } from "../setup/test-env";

async function outcome(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return result instanceof Response ? result : new Response(JSON.stringify(result));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const post = (shop: string) =>
  new Request(`${TEST_APP_URL}/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ shop }),
  });

describe("/auth/login", () => {
  it("shows the form to a bare visit", async () => {
    const response = await outcome(() =>
      loader({ request: new Request(`${TEST_APP_URL}/auth/login`), params: {}, context: {} }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: {} });
  });

  it("says what is wrong with the shop domain", async () => {
    for (const [shop, message] of [
      ["", "Enter your shop domain to log in"],
      ["not a shop!", "Enter a valid shop domain, like example.myshopify.com"],
    ]) {
      const response = await outcome(() =>
        action({ request: post(shop), params: {}, context: {} }),
      );
      expect(await response.json()).toEqual({ errors: { shop: message } });
    }
  });

  it("sends a valid shop to Shopify to install or open the app", async () => {
    const response = await outcome(() =>
      action({ request: post("my-store"), params: {}, context: {} }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(
      /^https:\/\/admin\.shopify\.com\/store\/my-store\/oauth\/install\?client_id=/,
    );
  });

  it("is where /app opened outside the Shopify admin ends", async () => {
    const response = await outcome(() =>
      appLoader({ request: new Request(`${TEST_APP_URL}/app`), params: {}, context: {} }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/auth/login");
  });
});
