// Session tokens as Shopify's checkout and customer-account extensions send them (HS256, app secret).
import { SignJWT } from "jose";
import { TEST_API_KEY, TEST_API_SECRET } from "../setup/test-env";

export interface TokenOptions {
  shop: string;
  customerId?: number | null;
  audience?: string;
  secret?: string;
  expiresInSeconds?: number;
}

export async function shopperToken(options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ dest: options.shop })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(options.audience ?? TEST_API_KEY)
    .setIssuedAt(now - 1)
    .setNotBefore(now - 1)
    .setExpirationTime(now + (options.expiresInSeconds ?? 60))
    .setJti(crypto.randomUUID());
  if (options.customerId) jwt.setSubject(`gid://shopify/Customer/${options.customerId}`);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_API_SECRET));
}

/**
 * A session token as each Shopify surface mints it (all HS256 with the app secret, aud = the API key):
 * the admin's (`iss` https://<shop>/admin, `dest` https://<shop>, a staff user id as `sub`, `sid`),
 * a checkout extension's (a bare `dest` domain, the customer's gid as `sub`) and a customer-account
 * extension's (`dest` https://<shop>, the customer's gid as `sub`).
 */
export type Surface = "admin" | "checkout" | "customer-account";

export async function surfaceToken(
  surface: Surface,
  shop: string,
  subject = surface === "admin" ? "4242" : "gid://shopify/Customer/77",
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, string> =
    surface === "admin"
      ? { iss: `https://${shop}/admin`, dest: `https://${shop}`, sid: crypto.randomUUID() }
      : surface === "checkout"
        ? { iss: `https://${shop}`, dest: shop, sid: crypto.randomUUID() }
        : { iss: `https://${shop}`, dest: `https://${shop}`, sid: crypto.randomUUID() };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(TEST_API_KEY)
    .setSubject(subject)
    .setIssuedAt(now - 1)
    .setNotBefore(now - 1)
    .setExpirationTime(now + 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(TEST_API_SECRET));
}
