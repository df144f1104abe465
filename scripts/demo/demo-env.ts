// The local demo's configuration: no Shopify account, the embedded SQLite file, loopback only.
import { DEFAULT_DATABASE_URL } from "../../app/config/defaults";

export const DEMO_PORT = Number(process.env.PORT ?? 3000);
export const DEMO_URL = `http://localhost:${DEMO_PORT}`;

export function demoEnv(): Record<string, string> {
  return {
    NODE_ENV: "production",
    PORT: String(DEMO_PORT),
    SHOPIFY_API_KEY: "tally-local-demo",
    // Not a secret: the demo accepts only loopback traffic and tokens it mints itself.
    SHOPIFY_API_SECRET: "tally-local-demo-secret-not-for-production",
    SHOPIFY_APP_URL: DEMO_URL,
    DATABASE_URL: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    TALLY_LOCAL_DEMO: "1",
  };
}
