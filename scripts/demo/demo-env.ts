// The local demo's configuration: no Shopify account, the embedded SQLite file, loopback only.
// Also used by the browser tests, which run the same mode on their own port and database.
import { DEFAULT_DATABASE_URL } from "../../app/config/defaults";

export const DEMO_SECRET = "tally-local-demo-secret-not-for-production";

export interface DemoEnv {
  NODE_ENV: "production";
  PORT: string;
  SHOPIFY_API_KEY: string;
  SHOPIFY_API_SECRET: string;
  SHOPIFY_APP_URL: string;
  DATABASE_URL: string;
  TALLY_LOCAL_DEMO: "1";
}

export function demoEnv(options: { port?: number; databaseUrl?: string } = {}): DemoEnv {
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  return {
    NODE_ENV: "production",
    PORT: String(port),
    SHOPIFY_API_KEY: "tally-local-demo",
    // Not a secret: the demo accepts only loopback traffic and tokens it mints itself.
    SHOPIFY_API_SECRET: DEMO_SECRET,
    SHOPIFY_APP_URL: `http://localhost:${port}`,
    DATABASE_URL: options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    TALLY_LOCAL_DEMO: "1",
  };
}
