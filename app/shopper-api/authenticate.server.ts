// Authenticates the shopper API's callers: the checkout and customer-account extensions, with the
// session token Shopify gives them. The customer is the token's `sub`, the shop its `dest`
// (design §4). Shopify's helper verifies the signature and expiry but not the audience: checked here,
// so a token minted for another app is refused.
import { env } from "../config/env.server";
import { authenticate } from "../shopify.server";
import { problem } from "../http/problem";
import { isAdminIssued } from "../admin/session-token";

export interface Shopper {
  shop: string;
  /** Numeric Shopify customer id; null for a guest checkout. */
  shopifyCustomerId: string | null;
  cors: (response: Response) => Response;
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key",
  "Access-Control-Expose-Headers": "Idempotency-Key, Server-Timing",
};

const LIST_HEADERS = new Set(["Access-Control-Allow-Headers", "Access-Control-Expose-Headers"]);

/** Adds Tally's CORS headers; header lists another layer set (Shopify's library) are merged, not kept
 * as they were, so the extensions can always read Idempotency-Key and Server-Timing. */
export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS)) {
    const existing = response.headers.get(name);
    if (existing === null) response.headers.set(name, value);
    else if (LIST_HEADERS.has(name)) {
      const names = new Map<string, string>();
      for (const item of `${existing},${value}`.split(","))
        if (item.trim()) names.set(item.trim().toLowerCase(), item.trim());
      response.headers.set(name, [...names.values()].join(", "));
    }
  }
  return response;
}

export function apiError(status: number, code: string, message: string): Response {
  return withCors(problem(status, code, message));
}

/** The shop domain of a token's `dest` ("shop.myshopify.com" or "https://shop.myshopify.com"); null when it names none. */
function shopOf(dest: unknown): string | null {
  if (typeof dest !== "string") return null;
  try {
    const url = new URL(dest.includes("://") ? dest : `https://${dest}`);
    return url.protocol === "https:" && /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/.test(url.hostname)
      ? url.hostname
      : null;
  } catch {
    return null;
  }
}

/** Resolves the shopper or throws the Response to send (401, a CORS preflight answer, 410 for bots). */
export async function authenticateShopper(request: Request): Promise<Shopper> {
  let token: { aud?: string | string[]; dest?: unknown; sub?: unknown; iss?: unknown };
  let cors: (response: Response) => Response;
  try {
    const result = await authenticate.public.customerAccount(request, {
      corsHeaders: ["Idempotency-Key"],
    });
    token = result.sessionToken as typeof token;
    cors = result.cors;
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.status === 401)
        throw apiError(401, "UNAUTHENTICATED", "The session token is missing, expired or invalid.");
      throw withCors(thrown);
    }
    throw thrown;
  }
  const audiences = Array.isArray(token.aud) ? token.aud : [token.aud];
  if (!audiences.includes(env.SHOPIFY_API_KEY))
    throw apiError(401, "UNAUTHENTICATED", "The session token was not issued for this app.");
  // The admin's tokens carry the same signature and audience; a staff member is no shopper (design §7).
  if (isAdminIssued(token))
    throw apiError(401, "UNAUTHENTICATED", "An admin session token is not a shopper's.");
  const shop = shopOf(token.dest);
  if (!shop) throw apiError(401, "UNAUTHENTICATED", "The session token does not name a shop.");
  // A logged-in shopper's `sub` is their Customer gid; a guest's token has none. Anything else is
  // not a checkout or customer-account token.
  const customer =
    (typeof token.sub === "string" ? token.sub : "").match(
      /^gid:\/\/shopify\/Customer\/(\d+)$/,
    )?.[1] ?? null;
  if (token.sub !== undefined && customer === null)
    throw apiError(401, "UNAUTHENTICATED", "The session token does not name a customer.");
  return { shop, shopifyCustomerId: customer, cors: (response) => withCors(cors(response)) };
}

export const LOGIN_REQUIRED = () => apiError(401, "LOGIN_REQUIRED", "Log in to use your points.");
