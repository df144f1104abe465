// Applies prisma/migrations (SQLite) or prisma/postgresql/migrations (PostgreSQL) in order, with
// Prisma's own `_prisma_migrations` bookkeeping, so it works offline and `prisma migrate status/deploy`
// accept the result wherever the native engine exists. See docs/decisions/002.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath, type DatabaseKind } from "./database-url";
import { postgresDataStep, sqliteDataStep } from "./migration-data-steps.server";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const PROJECT_ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");

export function migrationsDir(kind: DatabaseKind, root = PROJECT_ROOT): string {
  return kind === "sqlite"
    ? join(root, "prisma", "migrations")
    : join(root, "prisma", "postgresql", "migrations");
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const POSTGRES_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Fails when an applied migration's file changed since: history must not be rewritten. */
function pendingMigrations(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const migration of migrations) {
    const appliedChecksum = applied.get(migration.name);
    if (appliedChecksum && appliedChecksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was modified after it was applied (checksum mismatch); add a new migration instead.`,
      );
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets the app read while a writer commits; it is a property of the file, so set it once here.
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_BOOKKEEPING);
    const rows = db
      .prepare(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
      )
      .all() as { migration_name: string; checksum: string }[];
    const todo = pendingMigrations(
      migrations,
      new Map(rows.map((row) => [row.migration_name, row.checksum])),
    );
    for (const migration of todo) {
      db.transaction(() => {
        db.exec(migration.sql);
        sqliteDataStep(migration.name, db);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
        ).run(randomUUID(), migration.checksum, migration.name);
      })();
    }
    return todo.map((migration) => migration.name);
  } finally {
    db.close();
  }
}

// Any fixed number works; it only has to be the same for every instance of Tally.
const MIGRATION_LOCK_KEY = 7_146_211;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several instances may boot at once: the advisory lock makes the others wait, then find nothing to do.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const todo = pendingMigrations(
      migrations,
      new Map(rows.map((row) => [row.migration_name, row.checksum])),
    );
    for (const migration of todo) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await postgresDataStep(migration.name, client);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return todo.map((migration) => migration.name);
  } finally {
    await client
      .query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await client.end();
  }
}

/** Brings the database at `url` up to date; returns the names of the migrations it applied. */
export async function migrateDatabase(url: string, root = PROJECT_ROOT): Promise<string[]> {
  const kind = databaseKind(url);
  const migrations = readMigrations(migrationsDir(kind, root));
  return kind === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
