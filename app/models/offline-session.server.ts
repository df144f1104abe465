// A shop's offline access token as Shopify's session storage keeps it (the "Session" table that
// @shopify/shopify-app-session-storage-prisma writes), read through the SQL port so a shopper's
// request can fold it into its first read. Read per request, never kept: a session deleted when the
// shop uninstalls (app/uninstalled) is gone for every instance at once.
import { decode, type Sql } from "../db/sql.server";

export interface OfflineAccess {
  accessToken: string;
  /** When an expiring offline token (shopify-app-remix's expiringOfflineAccessTokens) expires; null: never. */
  expires: Date | null;
}

/** Where @shopify/shopify-api stores a shop's offline session (`api.session.getOfflineId`). */
export const offlineSessionId = (shop: string) => `offline_${shop}`;

/**
 * A subquery for a LEFT JOIN: the offline session's token and expiry as "offlineAccessToken" and
 * "offlineExpires", with one `?` for offlineSessionId(shop).
 */
export const OFFLINE_ACCESS_SUBQUERY = `SELECT "accessToken" AS "offlineAccessToken", expires AS "offlineExpires" FROM "Session" WHERE id = ?`;

export function offlineAccessOf(row: Record<string, unknown> | undefined): OfflineAccess | null {
  if (!row || typeof row.offlineAccessToken !== "string" || !row.offlineAccessToken) return null;
  return {
    accessToken: row.offlineAccessToken,
    expires: decode.optionalDate(row.offlineExpires),
  };
}

export async function offlineAccess(sql: Sql, shop: string): Promise<OfflineAccess | null> {
  const [row] = await sql.rows(OFFLINE_ACCESS_SUBQUERY, [offlineSessionId(shop)]);
  return offlineAccessOf(row);
}
