// The redemption request shared by the shopper API (`POST /api/loyalty/redemptions`, session token)
// and the storefront (`POST /apps/tally/redemptions` through the App Proxy): `{rewardId}` with an
// Idempotency-Key header → 201 {redemptionId, code, expiresAt, balance} (design §3–§4). The caller
// has already authenticated the customer and the shop.
import { json } from "@remix-run/node";
import { z } from "zod";
import { getSql } from "~/db.server";
import { redemptionRequestContext } from "~/models/redemption.server";
import { redeemReward } from "~/services/redeem.server";
import { apiError } from "~/shopper-api/authenticate.server";
import { readShopperJson } from "~/shopper-api/json-body.server";
import { REDEEM_ERRORS } from "~/shopper-api/redeem-errors";
import { adminStopwatch } from "~/shopify/admin-client.server";
import { shopperRequestAdmin } from "~/shopify/offline-admin.server";

// Reward ids are cuids: anything else (NUL characters included, which PostgreSQL refuses) is invalid.
const body = z.object({
  rewardId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/),
});
const idempotencyKey = z
  .string()
  .min(8, "at least 8 characters")
  .max(128)
  .regex(/^[\w.:-]+$/, "letters, digits and - _ . : only");

export async function redeemRequest(
  request: Request,
  shopDomain: string,
  shopifyCustomerId: string,
  respond: (response: Response) => Response,
  /** Set when staff redeem for the customer at POS (decision 043). */
  staffId: string | null = null,
): Promise<Response> {
  const key = idempotencyKey.safeParse(request.headers.get("Idempotency-Key") ?? "");
  if (!key.success)
    return apiError(
      422,
      "INVALID_IDEMPOTENCY_KEY",
      `Send an Idempotency-Key header (${key.error.issues[0].message})`,
    );
  const read = await readShopperJson(request);
  if ("refused" in read) return read.refused;
  const parsed = body.safeParse(read.body);
  if (!parsed.success)
    return apiError(422, "VALIDATION_FAILED", 'Send a JSON body like {"rewardId": "…"}');

  const sql = getSql();
  const { shop, memberId, reward, offlineAccess } = await redemptionRequestContext(
    sql,
    shopDomain,
    shopifyCustomerId,
    parsed.data.rewardId,
  );
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  if (!memberId)
    return apiError(
      409,
      "INSUFFICIENT_POINTS",
      "You do not have enough points for this reward yet.",
    );

  const stopwatch = adminStopwatch();
  const admin = async () => stopwatch.timed(await shopperRequestAdmin(shop.shop, offlineAccess));
  const outcome = await redeemReward(sql, admin, {
    shop,
    customerId: memberId,
    shopifyCustomerId,
    rewardId: parsed.data.rewardId,
    reward,
    idempotencyKey: key.data,
    now: new Date(),
    staffId,
  });
  const timing = stopwatch.serverTiming();
  if (!outcome.ok) {
    const error = REDEEM_ERRORS[outcome.error];
    const refused = apiError(error.status, outcome.error, error.message);
    for (const [name, value] of Object.entries(timing)) refused.headers.set(name, value);
    return refused;
  }
  const { redemption } = outcome;
  return respond(
    json(
      {
        redemptionId: redemption.id,
        code: redemption.code,
        expiresAt: redemption.expiresAt?.toISOString() ?? null,
        balance: outcome.balance,
      },
      { status: outcome.replayed ? 200 : 201, headers: { "Idempotency-Key": key.data, ...timing } },
    ),
  );
}
