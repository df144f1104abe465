// GET /api/pos/customers/:id — the customer's balance, tier and rewards for the POS extension
// (decision 043). Staff token only; any customer of the staff member's shop.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticatePosStaff, posCustomerId } from "~/pos/authenticate.server";
import { posCustomerLoyalty } from "~/services/pos-customer.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { apiError, withCors } from "~/shopper-api/authenticate.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await authenticatePosStaff(request);
  const customerId = posCustomerId(params.id);
  if (!customerId) return apiError(404, "NOT_FOUND", "No such customer.");
  const shop = await installedShop(staff.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  return withCors(json(await withSql(posCustomerLoyalty)(shop, customerId, new Date())));
}

// Preflight (OPTIONS) requests reach the action; authenticatePosStaff answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticatePosStaff(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
