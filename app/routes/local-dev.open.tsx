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
  const target = new URL(path, url.origin);
  target.search = new URLSearchParams({
    embedded: "1",
    shop: DEMO_SHOP,
    host: hostParam(DEMO_SHOP),
    id_token: token,
  }).toString();
  return redirect(target.pathname + target.search);
}
