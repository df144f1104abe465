// The environment every test process runs with; Shopify credentials are fixed test values.
export const TEST_API_KEY = "tally-test-api-key";
export const TEST_API_SECRET = "tally-test-api-secret-0123456789";
export const TEST_APP_URL = "https://tally.test";

export function applyTestEnv(databaseUrl: string): void {
  Object.assign(process.env, {
    NODE_ENV: "test",
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: TEST_APP_URL,
    DATABASE_URL: databaseUrl,
    TALLY_LOCAL_DEMO: "0",
  });
}
