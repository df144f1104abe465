// Giving a redemption back when its code could not be applied, shared by the shopper API
// (`POST /api/loyalty/redemptions/:id/release`, checkout) and POS (`POST /api/pos/customers/:id/
// redemptions/:rid/release`): the code is deactivated in Shopify, then the points come back (never
// the points while the code still works, and never for a code an order used: 409 CODE_USED).
import { json } from "@remix-run/node";
import { getSql } from "~/db.server";
import { cancelIssuedRedemption } from "~/services/redemption-cancel.server";
import { apiError } from "~/shopper-api/authenticate.server";
import { offlineAccess } from "~/models/offline-session.server";
import { shopperRequestAdmin } from "~/shopify/offline-admin.server";

const NOT_FOUND = () => apiError(404, "NOT_FOUND", "No such redemption.");

export async function releaseRequest(
  shop: string,
  shopifyCustomerId: string,
  redemptionId: string | undefined,
  respond: (response: Response) => Response,
): Promise<Response> {
  // Redemption ids are UUIDs; anything else names none (and a NUL character would fail in PostgreSQL).
  if (!/^[\w-]{1,64}$/.test(redemptionId ?? "")) return NOT_FOUND();
  const result = await cancelIssuedRedemption(
    getSql(),
    // Read afresh: a release asked of a shop that has just uninstalled finds no session (502).
    async () => shopperRequestAdmin(shop, await offlineAccess(getSql(), shop)),
    shop,
    shopifyCustomerId,
    redemptionId ?? "",
    new Date(),
  );
  if (result === "not_found") return NOT_FOUND();
  if (result === "not_releasable")
    return apiError(409, "NOT_RELEASABLE", "This reward was already returned.");
  if (result === "code_used")
    return apiError(
      409,
      "CODE_USED",
      "This reward code was used on an order, so its points stay spent.",
    );
  if (result === "shopify_unavailable")
    return apiError(
      502,
      "SHOPIFY_UNAVAILABLE",
      "We could not cancel the code right now. Please try again.",
    );
  return respond(json({ released: true, balance: result.balance }));
}
