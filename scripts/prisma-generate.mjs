// Generates both Prisma clients (SQLite: @prisma/client, PostgreSQL: @tally/prisma-postgres) offline.
// The PostgreSQL schema reads DATABASE_URL only for the native engine; generation needs any value.
import { execFileSync } from "node:child_process";

const env = {
  ...process.env,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SKIP_POSTINSTALL_GENERATE: "1",
};
const pgEnv = {
  ...env,
  DATABASE_URL: env.DATABASE_URL?.startsWith("postgres")
    ? env.DATABASE_URL
    : "postgresql://localhost/tally",
};
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
execFileSync("npx", ["prisma", "generate", "--schema", "prisma/postgresql/schema.prisma"], {
  stdio: "inherit",
  env: pgEnv,
});
