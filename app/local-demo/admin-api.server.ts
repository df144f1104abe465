// In the local demo the Admin API is the same schema-validating stand-in the tests use, so the
// metafield pushes and reward codes work without a shop. Never loaded outside local-demo mode.
// By default it answers inside the app (msw); with TALLY_LOCAL_ADMIN_API_URL the app sends its Admin
// API calls to a stand-in running as its own process (scripts/demo/admin-api-server.ts).
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { env } from "../config/env.server";
import { routeDirectAdminApiTo } from "../shopify/direct-admin-client.server";
import { log } from "../logger.server";

/** `https://{shop}/admin/api/…` → `{base}/{shop}/admin/api/…`: the stand-in server reads the shop from the path. */
export function localAdminApiUrl(url: string, base: string): string {
  const match = /^https:\/\/([^/]+)(\/admin\/api\/.*)$/.exec(url);
  return match ? `${base.replace(/\/$/, "")}/${match[1]}${match[2]}` : url;
}

export async function startLocalAdminApi(): Promise<void> {
  const remote = env.TALLY_LOCAL_ADMIN_API_URL;
  if (remote) {
    setAbstractFetchFunc((input, init) =>
      globalThis.fetch(typeof input === "string" ? localAdminApiUrl(input, remote) : input, init),
    );
    routeDirectAdminApiTo(remote);
    log.info("local demo: Admin API calls go to the stand-in server", { url: remote });
    return;
  }
  const { setupServer } = await import("msw/node");
  const { createAdminApiStandin } =
    await import("../../admin-api-standin/admin-api-standin.server");
  const standin = createAdminApiStandin();
  setupServer(...standin.handlers).listen({ onUnhandledRequest: "bypass" });
  setAbstractFetchFunc((...args) => globalThis.fetch(...args));
  log.info("local demo: Admin API calls are answered by the stand-in");
}
