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

/** How long a shopper request reuses a shop's loaded offline session. */
const REUSE_MS = 5_000;
/** A token expiring sooner than this is not reused: unauthenticated.admin refreshes it instead. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const MAX_SHOPS = 1_000;
const reused = new Map<string, { admin: AdminGraphqlClient; until: number }>();

/**
 * The offline Admin client for a shopper's request (a redemption, a release). Loading the session
 * is a database read through Prisma, about 0.9 ms of CPU (bench/redemption/in-process.ts), so a
 * loaded one serves the shop's requests for a few seconds. A token revoked meanwhile fails the call
 * as a revoked token read afresh would have a moment earlier: the reservation is settled as any
 * failed Shopify call is.
 */
export async function shopperRequestAdmin(
  shop: string,
  now = Date.now(),
): Promise<AdminGraphqlClient> {
  const cached = reused.get(shop);
  if (cached && cached.until > now) return cached.admin;
  const { admin, session } = await unauthenticated.admin(shop);
  const expiresAt = session.expires?.getTime() ?? Infinity;
  if (expiresAt - now > EXPIRY_MARGIN_MS) {
    if (reused.size >= MAX_SHOPS) reused.clear();
    reused.set(shop, { admin, until: Math.min(now + REUSE_MS, expiresAt - EXPIRY_MARGIN_MS) });
  } else reused.delete(shop);
  return admin;
}
