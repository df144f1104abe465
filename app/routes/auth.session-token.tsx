// The "bounce" page that fetches a fresh session token. In the local demo there is no Shopify admin
// to ask, so the token is minted here; everywhere else Shopify's library renders its page.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocalDemo } from "~/config/env.server";
import { isLoopbackRequest } from "~/local-demo/loopback.server";
import { DEMO_SHOP, mintAdminSessionToken, notFound } from "~/local-demo/session-token.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!isLocalDemo) {
    await authenticate.admin(request);
    return null;
  }
  if (!isLoopbackRequest(request, context)) return notFound();
  const url = new URL(request.url);
  const reload = new URL(url.searchParams.get("shopify-reload") ?? "/app", url.origin);
  if (reload.origin !== url.origin) return new Response("Bad reload target", { status: 400 });
  reload.searchParams.set("id_token", (await mintAdminSessionToken(DEMO_SHOP)).token);
  return redirect(reload.pathname + reload.search);
}
