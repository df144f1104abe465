// In the local demo the Admin API is the same schema-validating stand-in the tests use, so the
// metafield pushes and reward codes work without a shop. Never loaded outside local-demo mode.
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { log } from "../logger.server";

export async function startLocalAdminApi(): Promise<void> {
  const { setupServer } = await import("msw/node");
  const { createAdminApiStandin } = await import("../shopify/standin/admin-api-standin.server");
  const standin = createAdminApiStandin();
  setupServer(...standin.handlers).listen({ onUnhandledRequest: "bypass" });
  setAbstractFetchFunc((...args) => globalThis.fetch(...args));
  log.info("local demo: Admin API calls are answered by the stand-in");
}
