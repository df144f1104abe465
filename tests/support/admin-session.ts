// Admin requests as App Bridge sends them from the embedded admin: a Bearer session token (HS256,
// app secret, aud = API key, dest = the shop). installShop stores the offline session it needs.
import { SignJWT } from "jose";
import { TEST_API_KEY, TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

export async function adminToken(shop: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: crypto.randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(TEST_API_KEY)
    .setSubject("42")
    .setIssuedAt(now - 1)
    .setNotBefore(now - 1)
    .setExpirationTime(now + 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(TEST_API_SECRET));
}

export async function adminRequest(
  shop: string,
  path: string,
  init: RequestInit = {},
): Promise<Request> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${await adminToken(shop)}`);
  return new Request(`${TEST_APP_URL}${path}`, { ...init, headers });
}
