// The Admin client of a shop's offline session. For work that outlives a request (background jobs,
// a CSV import): Shopify's library client, taken afresh for each use, so an expiring offline token is
// refreshed on the way; null when the shop has no offline session (uninstalled). For a shopper's
// request: shopperRequestAdmin below.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { unauthenticated } from "../shopify.server";
import type { OfflineAccess } from "../models/offline-session.server";
import type { AdminGraphqlClient } from "./admin-client.server";
import { directAdminClient } from "./direct-admin-client.server";

export async function offlineAdminFor(shop: string): Promise<AdminGraphqlClient | null> {
  try {
    return (await unauthenticated.admin(shop)).admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

/** A token expiring sooner than this goes through unauthenticated.admin, which refreshes it. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * The Admin client for a shopper's request (a redemption, a release), from the offline access the
 * request read with its own data (models/offline-session.server.ts): no Prisma read of the session
 * and no GraphQL client of Shopify's library per call (docs/decisions/050). Read per request, so a
 * shop that has just uninstalled, on any instance, has no session: SessionNotFoundError, as
 * unauthenticated.admin throws, and the caller answers 502.
 */
export async function shopperRequestAdmin(
  shop: string,
  access: OfflineAccess | null,
  now = Date.now(),
): Promise<AdminGraphqlClient> {
  if (!access) throw new SessionNotFoundError(`Could not find an offline session for shop ${shop}`);
  if (access.expires && access.expires.getTime() - now <= EXPIRY_MARGIN_MS)
    return (await unauthenticated.admin(shop)).admin;
  return directAdminClient(shop, access.accessToken);
}
