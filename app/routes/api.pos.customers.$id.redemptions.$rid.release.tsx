// POST /api/pos/customers/:id/redemptions/:rid/release — the POS cart would not take the code: it
// is deactivated, then the points come back, as in checkout (release-request.server.ts, decision 043).
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticatePosStaff, posCustomerId } from "~/pos/authenticate.server";
import { apiError, withCors } from "~/shopper-api/authenticate.server";
import { releaseRequest } from "~/shopper-api/release-request.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await authenticatePosStaff(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  const customerId = posCustomerId(params.id);
  if (!customerId) return apiError(404, "NOT_FOUND", "No such redemption.");
  return releaseRequest(staff.shop, customerId, params.rid, withCors);
}
