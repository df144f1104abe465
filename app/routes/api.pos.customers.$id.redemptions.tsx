// POST /api/pos/customers/:id/redemptions {rewardId} with an Idempotency-Key header → 201 {redemptionId,
// code, expiresAt, balance}: staff redeem a reward for the customer at POS (decision 043). The same
// request handling and redemption service as the shopper's own (reserve, issue, commit or release);
// the staff member is kept on the reservation's ledger entry.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticatePosStaff, posCustomerId } from "~/pos/authenticate.server";
import { apiError, withCors } from "~/shopper-api/authenticate.server";
import { redeemRequest } from "~/shopper-api/redeem-request.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await authenticatePosStaff(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  const customerId = posCustomerId(params.id);
  if (!customerId) return apiError(404, "NOT_FOUND", "No such customer.");
  return redeemRequest(request, staff.shop, customerId, withCors, staff.staffId);
}
