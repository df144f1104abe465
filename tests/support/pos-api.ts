// Calls the POS routes as the POS extension does: the staff member's ID token as a Bearer header
// (shopify.session.getSessionToken()), JSON, Idempotency-Key (docs/decisions/043).
import * as customer from "~/routes/api.pos.customers.$id";
import * as redemptions from "~/routes/api.pos.customers.$id.redemptions";
import * as release from "~/routes/api.pos.customers.$id.redemptions.$rid.release";
import * as program from "~/routes/api.pos.program";
import { TEST_APP_URL } from "../setup/test-env";
import { callRoute } from "./call-route";
import { surfaceToken } from "./session-tokens";

/**
 * A POS session token: Shopify documents it as the logged-in user's OpenID Connect ID token, the
 * token App Bridge gives the admin, so it carries the admin token's claims (`sub` = the user).
 */
export const posToken = (shop: string, staffId = "9001") => surfaceToken("admin", shop, staffId);

const headers = (token: string | null, extra: Record<string, string> = {}) => ({
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
  ...extra,
});

export function posCustomer(token: string | null, customerId: string | number) {
  const id = String(customerId);
  return callRoute(
    customer.loader,
    new Request(`${TEST_APP_URL}/api/pos/customers/${encodeURIComponent(id)}`, {
      headers: headers(token),
    }),
    { id },
  );
}

export function posProgram(token: string | null) {
  return callRoute(
    program.loader,
    new Request(`${TEST_APP_URL}/api/pos/program`, { headers: headers(token) }),
    {},
  );
}

export function posRedeem(
  token: string | null,
  customerId: string | number,
  rewardId: string,
  idempotencyKey: string = crypto.randomUUID(),
) {
  const id = String(customerId);
  return callRoute(
    redemptions.action,
    new Request(`${TEST_APP_URL}/api/pos/customers/${id}/redemptions`, {
      method: "POST",
      headers: headers(token, {
        "Content-Type": "application/json",
        "Idempotency-Key": idempotencyKey,
      }),
      body: JSON.stringify({ rewardId }),
    }),
    { id },
  );
}

export function posRelease(token: string | null, customerId: string | number, rid: string) {
  const id = String(customerId);
  return callRoute(
    release.action,
    new Request(`${TEST_APP_URL}/api/pos/customers/${id}/redemptions/${rid}/release`, {
      method: "POST",
      headers: headers(token),
    }),
    { id, rid },
  );
}

export function posPreflight() {
  return callRoute(
    redemptions.action,
    new Request(`${TEST_APP_URL}/api/pos/customers/1/redemptions`, {
      method: "OPTIONS",
      headers: { Origin: "https://cdn.shopify.com", "Access-Control-Request-Method": "POST" },
    }),
    { id: "1" },
  );
}
