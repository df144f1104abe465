// The expiry sweep asks Shopify to deactivate each code and whether it was used (decision 027): the
// bench's sweepers send those calls to the stand-in server the app's codes were created in.
import { localAdminApiUrl } from "../../app/local-demo/admin-api.server";
import type { AdminGraphqlClient } from "../../app/shopify/admin-client.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";

export function standinAdminFor(
  standinUrl: string,
): (shop: string) => Promise<AdminGraphqlClient | null> {
  return async (shop) =>
    createFetchAdminClient({
      shop,
      accessToken: `shpat_test_${shop}`,
      fetch: (input, init) => globalThis.fetch(localAdminApiUrl(String(input), standinUrl), init),
    });
}
