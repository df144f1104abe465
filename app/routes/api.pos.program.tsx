// GET /api/pos/program — the program's summary and rules for the POS home tile and its modal
// (decision 043). Staff token only; the staff member's own shop.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticatePosStaff } from "~/pos/authenticate.server";
import { posProgram } from "~/services/pos-program.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { apiError, withCors } from "~/shopper-api/authenticate.server";

// The same for every staff member of the shop and changed only by a program save or a redemption:
// the tile and the modal opened right after it share one answer for a minute. Private: the
// request carries the staff member's token, so no shared cache may keep it.
const CACHE_CONTROL = "private, max-age=60";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await authenticatePosStaff(request);
  const shop = await installedShop(staff.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  return withCors(
    json(await withSql(posProgram)(shop, new Date()), {
      headers: { "Cache-Control": CACHE_CONTROL },
    }),
  );
}

// Preflight (OPTIONS) requests reach the action; authenticatePosStaff answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticatePosStaff(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
