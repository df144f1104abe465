// GET /local-dev/session-token: a fresh admin session token for the demo shop (local demo only).
import { json } from "@remix-run/node";
import { isLocalDemo } from "~/config/env.server";
import { DEMO_SHOP, mintAdminSessionToken, notFound } from "~/local-demo/session-token.server";

export async function loader() {
  if (!isLocalDemo) return notFound();
  return json(await mintAdminSessionToken(DEMO_SHOP), { headers: { "Cache-Control": "no-store" } });
}
