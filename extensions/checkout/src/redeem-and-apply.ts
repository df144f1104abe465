// Redeem in checkout without losing points (design §3): reserve → apply the code → if checkout
// refuses it, give the points back at once instead of waiting for the code to expire.
import { newIdempotencyKey, type Redemption, type ShopperApi } from "../../shared/shopper-api";
import type { CheckoutApi } from "./checkout-api";

export type RedeemOutcome =
  | { type: "applied"; redemption: Redemption }
  /** A store-credit reward: nothing to apply, the credit shows among checkout's payment options. */
  | { type: "credited"; redemption: Redemption }
  /** The API refused (nothing was reserved). */
  | { type: "rejected"; error: unknown }
  /** The code was issued but checkout would not take it; `released` says whether the points are back. */
  | { type: "notApplied"; redemption: Extract<Redemption, { code: string }>; released: boolean };

export async function redeemAndApply(
  shopper: Pick<ShopperApi, "redeem" | "release">,
  rewardId: string,
  applyDiscountCodeChange: CheckoutApi["applyDiscountCodeChange"],
): Promise<RedeemOutcome> {
  let redemption: Redemption;
  try {
    redemption = await shopper.redeem(rewardId, newIdempotencyKey());
  } catch (error) {
    return { type: "rejected", error };
  }
  if (redemption.code === null) return { type: "credited", redemption };
  const result = await applyDiscountCodeChange({
    type: "addDiscountCode",
    code: redemption.code,
  }).catch(() => null);
  if (result?.type === "success") return { type: "applied", redemption };
  // If the release fails too, the unused code expires and the app returns the points then.
  const released = await shopper.release(redemption.redemptionId).then(
    () => true,
    () => false,
  );
  return { type: "notApplied", redemption, released };
}
