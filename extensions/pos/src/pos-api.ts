// The app's POS API (app/routes/api.pos.*, decision 043), with the staff member's session token.
// Same transport as the shopper API (shared/shopper-api.ts): the app's own origin only, JSON errors.
import type { PosCustomerLoyalty, PosProgram } from "../../../app/contracts/shopper-api";
import {
  newIdempotencyKey,
  shopperRequest,
  ShopperApiError,
  type Redemption,
  type ShopperApiOptions,
} from "../../shared/shopper-api";

export type { PosCustomerLoyalty, PosProgram, Redemption };

/** POS answers `undefined` when the logged-in user lacks the app permission: no token, no call. */
export function posSessionToken(getSessionToken: () => Promise<string | undefined>) {
  return {
    async get() {
      const token = await getSessionToken();
      if (!token) throw new ShopperApiError("NO_APP_PERMISSION", 0);
      return token;
    },
  };
}

export function createPosApi(options: ShopperApiOptions, customerId: number) {
  const base = `/api/pos/customers/${customerId}`;
  return {
    customer: () => shopperRequest<PosCustomerLoyalty>(options, "GET", base),
    redeem: (rewardId: string) =>
      shopperRequest<Redemption>(
        options,
        "POST",
        `${base}/redemptions`,
        { rewardId },
        {
          "Idempotency-Key": newIdempotencyKey(),
        },
      ),
    release: (redemptionId: string) =>
      shopperRequest<{ released: true; balance: number }>(
        options,
        "POST",
        `${base}/redemptions/${encodeURIComponent(redemptionId)}/release`,
      ),
  };
}

export type PosApi = ReturnType<typeof createPosApi>;

/** The program's summary and rules, for the home tile and its modal (GET /api/pos/program). */
export const posProgram = (options: ShopperApiOptions) =>
  shopperRequest<PosProgram>(options, "GET", "/api/pos/program");
