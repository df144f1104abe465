// GET /local-dev/session-token: a fresh admin session token for the demo shop (local demo only).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocalDemo } from "~/config/env.server";
import { isLoopbackRequest } from "~/local-demo/loopback.server";
import { DEMO_SHOP, mintAdminSessionToken, notFound } from "~/local-demo/session-token.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!isLocalDemo || !isLoopbackRequest(request, context)) return notFound();
  return json(await mintAdminSessionToken(DEMO_SHOP), { headers: { "Cache-Control": "no-store" } });
}
