// Client for the app's shopper API (design §4), authenticated with the extension's session token.
// Types are the app's contract (app/contracts/shopper-api.ts); responses are checked just enough that a broken deployment shows an
// error instead of rendering `undefined`.

export type {
  ShopperBirthday as Birthday,
  ShopperLeaderboard as Leaderboard,
  ShopperLoyalty as LoyaltyOverview,
  ShopperOrderPoints as OrderPoints,
  RedemptionCreated as Redemption,
  ShopperRedemption as RedemptionListed,
  ShopperReferral as Referral,
  WayToEarn,
} from "../../app/contracts/shopper-api";
import type {
  ShopperBirthday as Birthday,
  LeaderboardMembership,
  ShopperLeaderboard as Leaderboard,
  ShopperLoyalty as LoyaltyOverview,
  ShopperOrderPoints as OrderPoints,
  RedemptionCreated as Redemption,
  ShopperRedemptions,
} from "../../app/contracts/shopper-api";

import { isAppOrigin } from "./app-url";

/** `code` is the API's error code, or NETWORK / SERVER / BAD_RESPONSE for failures before one. */
export class ShopperApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(`${code} (${status})`);
    this.name = "ShopperApiError";
  }
}

export interface ShopperApiOptions {
  baseUrl: string;
  sessionToken: { get(): Promise<string> };
}

const TIMEOUT_MS = 15_000;

/**
 * One call to the shopper API. Standalone (not a method of createShopperApi) so an extension that
 * needs a single route bundles only this and that route's function (the thank-you page).
 */
export async function shopperRequest<T>(
  { baseUrl, sessionToken }: ShopperApiOptions,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  // The session token goes to the app's own origin only (decision 038), whatever baseUrl says.
  if (!isAppOrigin(`${baseUrl}${path}`)) throw new ShopperApiError("FOREIGN_ORIGIN", 0);
  // A fresh token per call: sessionToken.get() caches and renews (tokens live 5 minutes).
  const token = await sessionToken.get();
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A hung request must not leave the buyer with a spinner (a timeout counts as NETWORK).
      signal:
        typeof AbortSignal !== "undefined" && AbortSignal.timeout
          ? AbortSignal.timeout(TIMEOUT_MS)
          : undefined,
    });
  } catch {
    throw new ShopperApiError("NETWORK", 0);
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const code = json?.error?.code;
    throw new ShopperApiError(
      typeof code === "string" ? code : response.status >= 500 ? "SERVER" : "UNKNOWN",
      response.status,
    );
  }
  if (json === null || typeof json !== "object")
    throw new ShopperApiError("BAD_RESPONSE", response.status);
  return json as T;
}

/**
 * What an order earned (GET /api/loyalty/orders/:id), from its id as checkout gives it
 * (gid://shopify/Order/123 or gid://shopify/OrderIdentity/123). 404 ORDER_NOT_FOUND until the
 * order's webhook has been applied.
 */
export async function orderPoints(
  options: ShopperApiOptions,
  orderGid: string,
): Promise<OrderPoints> {
  const id = /(\d+)$/.exec(orderGid)?.[1];
  if (!id) throw new ShopperApiError("BAD_ORDER_ID", 0);
  const data = await shopperRequest<OrderPoints>(options, "GET", `/api/loyalty/orders/${id}`);
  if (
    !Number.isSafeInteger(data.points) ||
    typeof data.status !== "string" ||
    !data.member ||
    !Number.isSafeInteger(data.member.balance)
  ) {
    throw new ShopperApiError("BAD_RESPONSE", 200);
  }
  return data;
}

export function createShopperApi(options: ShopperApiOptions) {
  const call = <T>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => shopperRequest<T>(options, method, path, body, headers);

  return {
    async overview(): Promise<LoyaltyOverview> {
      const data = await call<LoyaltyOverview>("GET", "/api/loyalty");
      if (
        !Number.isFinite(data.balance) ||
        !Array.isArray(data.rewards) ||
        !Array.isArray(data.history) ||
        !data.tier
      ) {
        throw new ShopperApiError("BAD_RESPONSE", 200);
      }
      return data;
    },

    /**
     * Reserves the points and returns the single-use code. Retried once with the same
     * Idempotency-Key when the answer was lost (network or 5xx): the server then returns the
     * first redemption instead of spending twice.
     */
    async redeem(rewardId: string, idempotencyKey: string): Promise<Redemption> {
      const attempt = () =>
        call<Redemption>(
          "POST",
          "/api/loyalty/redemptions",
          { rewardId },
          { "Idempotency-Key": idempotencyKey },
        );
      let data: Redemption;
      try {
        data = await attempt();
      } catch (error) {
        if (!(error instanceof ShopperApiError) || (error.code !== "NETWORK" && error.status < 500))
          throw error;
        data = await attempt();
      }
      if (
        (data.code !== null && typeof data.code !== "string") ||
        typeof data.redemptionId !== "string"
      ) {
        throw new ShopperApiError("BAD_RESPONSE", 201);
      }
      return data;
    },

    /** The shopper's redemptions, newest first: their codes survive a reload. */
    async redemptions(): Promise<ShopperRedemptions["redemptions"]> {
      const data = await call<ShopperRedemptions>("GET", "/api/loyalty/redemptions");
      if (!Array.isArray(data.redemptions)) throw new ShopperApiError("BAD_RESPONSE", 200);
      return data.redemptions;
    },

    /** This month's leaderboard; the shopper's own rank only when `withRank` (they asked for it). */
    async leaderboard(withRank = false): Promise<Leaderboard> {
      const data = await call<Leaderboard>(
        "GET",
        `/api/loyalty/leaderboard${withRank ? "?rank=1" : ""}`,
      );
      if (!Array.isArray(data.entries)) throw new ShopperApiError("BAD_RESPONSE", 200);
      return data;
    },

    async setLeaderboardMembership(optIn: boolean): Promise<boolean> {
      return (
        await call<LeaderboardMembership>("POST", "/api/loyalty/leaderboard/membership", { optIn })
      ).optedIn;
    },

    /** Sets the shopper's birthday (409 BIRTHDAY_LOCKED within a year of the last change). */
    async setBirthday(month: number, day: number): Promise<Birthday> {
      const data = await call<Birthday>("POST", "/api/loyalty/birthday", { month, day });
      if (!Number.isInteger(data.month) || !Number.isInteger(data.day))
        throw new ShopperApiError("BAD_RESPONSE", 200);
      return data;
    },

    /** Gives the reserved points back (the code could not be used). */
    async release(redemptionId: string): Promise<void> {
      await call("POST", `/api/loyalty/redemptions/${encodeURIComponent(redemptionId)}/release`);
    },
  };
}

export type ShopperApi = ReturnType<typeof createShopperApi>;

/** A fresh Idempotency-Key for one redemption attempt (reused by its retry). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // RFC 4122 version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
