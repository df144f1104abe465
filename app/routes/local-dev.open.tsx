// GET /local-dev/open: the local demo's front door; opens the embedded admin as Shopify would.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocalDemo } from "~/config/env.server";
import { isLoopbackRequest } from "~/local-demo/loopback.server";
import {
  DEMO_SHOP,
  hostParam,
  mintAdminSessionToken,
  notFound,
} from "~/local-demo/session-token.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!isLocalDemo || !isLoopbackRequest(request, context)) return notFound();
  const url = new URL(request.url);
  const path = url.searchParams.get("path")?.startsWith("/app")
    ? url.searchParams.get("path")!
    : "/app";
  const { token } = await mintAdminSessionToken(DEMO_SHOP);
  // The path's own query (a search, a page cursor) is kept; the embedding parameters are set after it.
  const target = new URL(path, url.origin);
  if (target.origin !== url.origin) return redirect("/app");
  const search = new URLSearchParams(target.search);
  for (const [key, value] of Object.entries({
    embedded: "1",
    shop: DEMO_SHOP,
    host: hostParam(DEMO_SHOP),
    id_token: token,
    // Shopify passes the staff member's admin language; the demo takes it from its own address.
    ...(url.searchParams.get("locale") ? { locale: url.searchParams.get("locale")! } : {}),
  }))
    search.set(key, value);
  return redirect(`${target.pathname}?${search}`);
}
