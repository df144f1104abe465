// Test tiers (README "Tests"):
//  - sqlite: every unit test and the database-facing integration tests, on a fresh SQLite file per test file;
//  - postgresql: the database-facing tests again on PostgreSQL, plus tests/postgresql (PostgreSQL-only
//    behaviour), when TEST_DATABASE_URL is set;
//  - e2e: a production build in real headless Chromium (tests/e2e), when TALLY_E2E=1 (CI sets it);
//  - extensions: the UI extensions (extensions/**) in happy-dom with @shopify/ui-extensions-tester; no database.
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const databaseFacing = ["tests/integration/**/*.test.ts", "app/**/*.db.test.ts"];

const projects = [
  {
    extends: true as const,
    test: {
      name: "sqlite",
      include: ["app/**/*.test.{ts,tsx}", "admin-api-standin/**/*.test.ts", ...databaseFacing],
      globalSetup: ["tests/setup/global-sqlite.ts"],
      setupFiles: ["tests/setup/database-sqlite.ts", "tests/setup/common.ts"],
    },
  },
  {
    extends: true as const,
    // Preact JSX for the extensions only (the app's own .tsx is React).
    esbuild: { jsx: "automatic" as const, jsxImportSource: "preact" },
    test: {
      name: "extensions",
      include: ["extensions/**/*.test.{ts,tsx}"],
      environment: "happy-dom",
      setupFiles: ["tests/setup/fail-on-console-error.ts", "extensions/shared/testing/setup.ts"],
      // The tester imports each extension's .tsx entry itself; inlined, that import goes through Vite.
      server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          extends: true as const,
          test: {
            name: "postgresql",
            // tests/postgresql: what only PostgreSQL has (e.g. named prepared statements, decision 051).
            include: [...databaseFacing, "tests/postgresql/**/*.test.ts"],
            globalSetup: ["tests/setup/global-postgresql.ts"],
            setupFiles: ["tests/setup/database-postgresql.ts", "tests/setup/common.ts"],
          },
        },
      ]
    : []),
  ...(process.env.TALLY_E2E === "1"
    ? [
        {
          extends: true as const,
          test: {
            name: "e2e",
            include: ["tests/e2e/**/*.test.ts"],
            globalSetup: ["tests/e2e/global-server.ts"],
            setupFiles: ["tests/setup/fail-on-console-error.ts"],
            testTimeout: 60_000,
            hookTimeout: 240_000,
            fileParallelism: false,
          },
        },
      ]
    : []),
];

export default defineConfig({
  // The app's "~/…" imports (tsconfig paths), resolved as the Remix compiler does.
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    projects,
  },
});
