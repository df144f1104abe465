// GET /local-dev/app-bridge.js: the local demo's App Bridge stand-in (local demo only).
import { isLocalDemo } from "~/config/env.server";
import { APP_BRIDGE_STANDIN_SOURCE } from "~/local-demo/app-bridge-standin";
import { notFound } from "~/local-demo/session-token.server";

export async function loader() {
  if (!isLocalDemo) return notFound();
  return new Response(APP_BRIDGE_STANDIN_SOURCE, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
}
