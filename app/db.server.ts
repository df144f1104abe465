// One Prisma client per process. SQLite (embedded default) or PostgreSQL, picked by DATABASE_URL.
// Each database has its own generated client (Prisma binds a client to one provider); both come from
// the same models, so the SQLite client's types describe either (docs/decisions/002).
import { PrismaClient } from "@prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@tally/prisma-postgres";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind } from "./db/database-url";
import { env } from "./config/env.server";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createPrismaClient(url: string): Db {
  if (databaseKind(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}

declare global {
  var __tallyPrisma: Db | undefined;
}

/** The process-wide client, created on first use (kept across dev-server reloads). */
export function getDb(): Db {
  globalThis.__tallyPrisma ??= createPrismaClient(env.DATABASE_URL);
  return globalThis.__tallyPrisma;
}
