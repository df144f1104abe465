// The local demo's stand-in for the session tokens Shopify's admin gives an embedded app.
// Only reachable when TALLY_LOCAL_DEMO=1, which env.server.ts refuses unless the app URL is loopback.
import { SignJWT } from "jose";
import { env } from "../config/env.server";

export const DEMO_SHOP = "tally-demo.myshopify.com";
export const DEMO_STAFF_USER_ID = "1";
export const TOKEN_LIFETIME_SECONDS = 60;

export async function mintAdminSessionToken(
  shop: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + TOKEN_LIFETIME_SECONDS;
  const token = await new SignJWT({ dest: `https://${shop}`, sid: "local-demo" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(env.SHOPIFY_API_KEY)
    .setSubject(DEMO_STAFF_USER_ID)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 5)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(env.SHOPIFY_API_SECRET));
  return { token, expiresAt: expiresAt * 1000 };
}

/** Base64 `host` parameter, as Shopify's admin passes it to an embedded app. */
export function hostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString(
    "base64url",
  );
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}
