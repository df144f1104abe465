// The PostgreSQL schema is derived from prisma/schema.prisma so the models are written once;
// only the datasource and the generated client's location differ.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const SQLITE_MIGRATIONS = "prisma/migrations";
export const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:new-migration`. Do not edit; edit that file.\n";

export function derivePostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/url\s+= "file:[^"]*"/, 'url      = env("DATABASE_URL")')
    .replace(
      'engineType = "client"',
      'engineType = "client"\n  output     = "../../node_modules/@tally/prisma-postgres"',
    );
  if (replaced === sqliteSchema)
    throw new Error("prisma/schema.prisma no longer has the expected datasource/generator blocks");
  return HEADER + replaced;
}

/** The inverse of derivePostgresSchema: the SQLite schema as of the last migration. */
export function sqliteSchemaOf(postgresSchema: string): string {
  return postgresSchema
    .replace(HEADER, "")
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('url      = env("DATABASE_URL")', 'url      = "file:./dev.sqlite"')
    .replace('\n  output     = "../../node_modules/@tally/prisma-postgres"', "");
}

export function readDerivedPostgresSchema(): string {
  return derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
}

/** Runs `prisma migrate diff` with the given arguments and returns its SQL script. */
export function prismaMigrateDiff(args: string[]): string {
  return execFileSync("npx", ["prisma", "migrate", "diff", ...args, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1/unused",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}

export function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}
