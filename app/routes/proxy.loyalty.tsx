// GET https://{shop}/apps/tally/loyalty, forwarded by Shopify's App Proxy to /proxy/loyalty: what the
// storefront launcher's panel shows. A logged-in customer gets the shopper API's payload (design §4,
// their own points only, never cached); a guest gets `{ guest: true }`, the same for every guest and
// so cacheable (decision 037).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/config/env.server";
import { problem } from "~/http/problem";
import { installedShop, withSql } from "~/services/process-handles.server";
import { shopperLoyalty } from "~/services/shopper-loyalty.server";
import { authenticateProxy } from "~/shopper-api/app-proxy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const shopper = authenticateProxy(request, now);
  const notInstalled = () =>
    problem(401, "UNAUTHENTICATED", "This shop does not run a Tally program.", {
      headers: { "Cache-Control": "no-store" },
    });
  if (!shopper.shopifyCustomerId) {
    if (!(await installedShop(shopper.shop))) return notInstalled();
    return json({ guest: true }, { headers: { "Cache-Control": "public, max-age=300" } });
  }
  const loyalty = await withSql(shopperLoyalty)(
    shopper.shop,
    shopper.shopifyCustomerId,
    now,
    env.SHOPIFY_APP_URL,
  );
  if (!loyalty) return notInstalled();
  return json({ guest: false, ...loyalty }, { headers: { "Cache-Control": "private, no-store" } });
}
