// GET /r/{shop}/{CODE}: the link an advocate shares (refer a friend, decision 036). Public: it makes
// the friend's single-use discount code and redirects to the shop with it applied. Unknown links get
// a plain 404; a shop with referrals off just sends the friend to the shop.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/http/client-ip.server";
import { parseReferralCode } from "~/loyalty/referrals";
import { withSql } from "~/services/process-handles.server";
import { openReferralLink } from "~/services/referrals.server";
import { offlineAdminFor } from "~/shopify/offline-admin.server";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/;

function text(status: number, body: string) {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const shop = (params.shop ?? "").toLowerCase();
  const code = parseReferralCode(params.code ?? "");
  if (!SHOP_DOMAIN.test(shop) || !code)
    return text(404, "This referral link is not valid. Check that it was copied in full.");
  const outcome = await withSql(openReferralLink)(
    () => offlineAdminFor(shop),
    { shop, code, ip: clientIp(request, context) },
    new Date(),
  );
  switch (outcome.status) {
    case "redirect":
    case "off":
      return redirect(outcome.url, { headers: { "Cache-Control": "no-store" } });
    case "not_found":
      return text(404, "This referral link is not valid. Check that it was copied in full.");
    case "rate_limited":
      return text(
        429,
        "Too many referral links were opened from your network today. Try tomorrow.",
      );
    case "shopify_failed":
      return text(503, "The shop could not make your discount just now. Please try again shortly.");
  }
}
