// What makes a session token an admin session token (design §7, docs/decisions/026). Shopify signs the
// tokens of the admin, checkout and customer-account surfaces with the same app secret and the same
// audience, so the signature proves who minted a token, not who holds it: a shopper's token verifies
// as well as a staff member's. Pure: the claims are read from an already-decoded payload.

/** The claims every Shopify session token may carry; anything can be missing or of the wrong type. */
export interface SessionTokenClaims {
  iss?: unknown;
  dest?: unknown;
  aud?: unknown;
  sub?: unknown;
  sid?: unknown;
}

const SHOP_HOST = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/** The host of an `https://<host>` origin with nothing after it; null for anything else. */
function httpsOriginHost(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^https:\/\/([^/?#:@]+)$/.exec(value);
  return match && SHOP_HOST.test(match[1]) ? match[1] : null;
}

/**
 * Why the claims are not those of an admin session token, or null when they are: `iss` is
 * `https://<shop>/admin`, `dest` is `https://<shop>` for the same shop, `sub` is a staff user id
 * (digits; a shopper's token carries a Customer gid there) and `sid` names the admin session.
 */
export function adminTokenProblem(claims: SessionTokenClaims): string | null {
  const shop = httpsOriginHost(claims.dest);
  if (!shop) return "dest is not an https shop origin";
  if (claims.iss !== `https://${shop}/admin`) return "iss is not the shop's admin";
  if (typeof claims.sub !== "string" || !/^[1-9]\d{0,19}$/.test(claims.sub))
    return "sub is not a staff user id";
  if (typeof claims.sid !== "string" || claims.sid.trim() === "") return "sid is missing";
  return null;
}

/** True when a token was issued by the Shopify admin (whatever else it claims). */
export function isAdminIssued(claims: SessionTokenClaims): boolean {
  return typeof claims.iss === "string" && /^https:\/\/[^/]+\/admin\/?$/.test(claims.iss);
}
