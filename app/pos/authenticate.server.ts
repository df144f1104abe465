// Authenticates the POS extension's calls (`/api/pos/*`, docs/decisions/043). Shopify POS gives an
// extension the logged-in user's OpenID Connect ID token (`shopify.session.getSessionToken()`): the
// same kind of token App Bridge gives the embedded admin, so it must carry the admin token's claims
// (`iss` https://<shop>/admin, `dest` https://<shop>, a staff user id as `sub`, `sid`). A checkout or
// customer-account token (a shopper's) is refused. The customer comes from the request, not the
// token: POS staff may serve any customer of their shop.
import { errors, jwtVerify } from "jose";
import { adminTokenProblem } from "../admin/session-token";
import { env } from "../config/env.server";
import { log } from "../logger.server";
import { apiError, withCors } from "../shopper-api/authenticate.server";

export interface PosStaff {
  shop: string;
  /** The Shopify user logged in to POS (the token's `sub`), kept on what they do for a customer. */
  staffId: string;
}

const UNAUTHENTICATED = (message: string) => apiError(401, "UNAUTHENTICATED", message);

/** Resolves the staff member or throws the Response to send (401, or the CORS preflight answer). */
export async function authenticatePosStaff(request: Request): Promise<PosStaff> {
  if (request.method === "OPTIONS") throw withCors(new Response(null, { status: 204 }));
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) throw UNAUTHENTICATED("Send the POS session token as a Bearer header.");
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(
      token,
      new TextEncoder().encode(env.SHOPIFY_API_SECRET),
      { algorithms: ["HS256"], audience: env.SHOPIFY_API_KEY, requiredClaims: ["exp"] },
    ));
  } catch (error) {
    if (error instanceof errors.JOSEError)
      throw UNAUTHENTICATED("The session token is missing, expired or invalid.");
    throw error;
  }
  const problem = adminTokenProblem(claims);
  if (problem) {
    log.warn("POS request refused: not a staff member's session token", {
      path: new URL(request.url).pathname,
      problem,
    });
    throw UNAUTHENTICATED("This session token was not issued to a staff member of a shop.");
  }
  return {
    shop: new URL(String(claims.dest)).hostname,
    staffId: String(claims.sub),
  };
}

/** The customer a POS call names (`/api/pos/customers/:id`): a numeric Shopify customer id, or null. */
export function posCustomerId(param: string | undefined): string | null {
  return param && /^[1-9]\d{0,19}$/.test(param) ? param : null;
}
