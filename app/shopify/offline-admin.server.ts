// The Admin client of a shop's offline session, for work that outlives a request (background jobs,
// a CSV import): taken afresh for each use, so an expiring offline token is refreshed on the way.
// null when the shop has no offline session (uninstalled).
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { unauthenticated } from "../shopify.server";
import type { AdminGraphqlClient } from "./admin-client.server";

export async function offlineAdminFor(shop: string): Promise<AdminGraphqlClient | null> {
  try {
    return (await unauthenticated.admin(shop)).admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}
