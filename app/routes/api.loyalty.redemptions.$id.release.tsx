// POST /api/loyalty/redemptions/:id/release — the checkout could not apply the code: the code is
// deactivated in Shopify, then the points come back (never the points while the code still works,
// and never for a code an order used: 409 CODE_USED).
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { withSql } from "~/services/process-handles.server";
import { cancelIssuedRedemption } from "~/services/redemption-cancel.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";
import { shopperRequestAdmin } from "~/shopify/offline-admin.server";

const NOT_FOUND = () => apiError(404, "NOT_FOUND", "No such redemption.");

export async function action({ request, params }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  // Redemption ids are UUIDs; anything else names none (and a NUL character would fail in PostgreSQL).
  if (!/^[\w-]{1,64}$/.test(params.id ?? "")) return NOT_FOUND();
  const result = await withSql(cancelIssuedRedemption)(
    () => shopperRequestAdmin(shopper.shop),
    shopper.shop,
    shopper.shopifyCustomerId,
    params.id ?? "",
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
  return shopper.cors(json({ released: true, balance: result.balance }));
}
