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
