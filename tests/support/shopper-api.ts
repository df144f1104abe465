// Calls the shopper API routes as the extensions do: Bearer session token, JSON, Idempotency-Key.
import type { ActionFunctionArgs } from "@remix-run/node";
import * as loyalty from "~/routes/api.loyalty";
import * as birthday from "~/routes/api.loyalty.birthday";
import * as leaderboard from "~/routes/api.loyalty.leaderboard";
import * as leaderboardMembership from "~/routes/api.loyalty.leaderboard.membership";
import * as orderPoints from "~/routes/api.loyalty.orders.$id";
import * as redemptions from "~/routes/api.loyalty.redemptions";
import * as release from "~/routes/api.loyalty.redemptions.$id.release";
import { TEST_APP_URL } from "../setup/test-env";
import { callRoute } from "./call-route";

const headers = (token: string | null, extra: Record<string, string> = {}) => ({
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
  "User-Agent": "Mozilla/5.0 Chrome/156",
  ...extra,
});

export function getLoyalty(token: string | null) {
  return callRoute(
    loyalty.loader,
    new Request(`${TEST_APP_URL}/api/loyalty`, { headers: headers(token) }),
  );
}

/** GET /api/loyalty/orders/:id, with `id` as the extension sends it (the path segment, decoded by Remix into params). */
export function getOrderPoints(token: string | null, id: string) {
  return callRoute(
    orderPoints.loader,
    new Request(`${TEST_APP_URL}/api/loyalty/orders/${encodeURIComponent(id)}`, {
      headers: headers(token),
    }),
    { id },
  );
}

export function getRedemptions(token: string | null) {
  return callRoute(
    redemptions.loader,
    new Request(`${TEST_APP_URL}/api/loyalty/redemptions`, { headers: headers(token) }),
  );
}

export function redeem(
  token: string | null,
  rewardId: string,
  idempotencyKey: string | null = crypto.randomUUID(),
) {
  return callRoute(
    redemptions.action,
    new Request(`${TEST_APP_URL}/api/loyalty/redemptions`, {
      method: "POST",
      headers: headers(token, {
        "Content-Type": "application/json",
        ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
      }),
      body: JSON.stringify({ rewardId }),
    }),
  );
}

export function releaseRedemption(token: string | null, redemptionId: string) {
  return callRoute(
    release.action,
    new Request(`${TEST_APP_URL}/api/loyalty/redemptions/${redemptionId}/release`, {
      method: "POST",
      headers: headers(token),
    }),
    { id: redemptionId },
  );
}

export function preflight() {
  return callRoute(
    redemptions.action,
    new Request(`${TEST_APP_URL}/api/loyalty/redemptions`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://extensions.shopifycdn.com",
        "Access-Control-Request-Method": "POST",
        "User-Agent": "Mozilla/5.0 Chrome/156",
      },
    }),
  );
}

export function getLeaderboard(token: string | null, query = "") {
  return callRoute(
    leaderboard.loader,
    new Request(`${TEST_APP_URL}/api/loyalty/leaderboard${query}`, { headers: headers(token) }),
  );
}

/** POST /api/loyalty/birthday with `body` (normally {month, day}). */
export function setBirthday(token: string | null, body: unknown, method = "POST") {
  return callRoute(
    birthday.action,
    new Request(`${TEST_APP_URL}/api/loyalty/birthday`, {
      method,
      headers: headers(token, { "Content-Type": "application/json" }),
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

export function setLeaderboardOptIn(token: string | null, body: unknown) {
  return callRoute(
    leaderboardMembership.action,
    new Request(`${TEST_APP_URL}/api/loyalty/leaderboard/membership`, {
      method: "POST",
      headers: headers(token, { "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    }),
  );
}

const shopperRoutes = { loyalty, redemptions, release, order: orderPoints, birthday } as const;

export interface RawShopperCall {
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  /** The redemption id of the release route, the order id of the order route. */
  id?: string;
}

/** Any request to a shopper API route, as Remix dispatches it: GET/HEAD to the loader, the rest to the action. */
export function shopperApiRequest(
  route: keyof typeof shopperRoutes,
  token: string | null,
  init: RawShopperCall = {},
) {
  const method = init.method ?? "GET";
  const id = encodeURIComponent(init.id ?? "");
  const path =
    route === "loyalty"
      ? "/api/loyalty"
      : route === "birthday"
        ? "/api/loyalty/birthday"
        : route === "redemptions"
          ? "/api/loyalty/redemptions"
          : route === "order"
            ? `/api/loyalty/orders/${id}`
            : `/api/loyalty/redemptions/${id}/release`;
  const request = new Request(`${TEST_APP_URL}${path}`, {
    method,
    headers: headers(token, init.headers),
    body: method === "GET" || method === "HEAD" ? undefined : init.body,
    duplex: "half",
  } as RequestInit);
  const module: {
    loader?: (args: ActionFunctionArgs) => Promise<Response>;
    action?: (args: ActionFunctionArgs) => Promise<Response>;
  } = shopperRoutes[route];
  const handler = method === "GET" || method === "HEAD" ? module.loader : module.action;
  // Remix answers a method a route has no handler for with 405 itself; the routes' own answers are what is tested here.
  if (!handler) return Promise.resolve(new Response(null, { status: 405 }));
  return callRoute(
    handler,
    request,
    route === "release" || route === "order" ? { id: init.id ?? "" } : {},
  );
}
