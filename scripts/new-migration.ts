// Writes a migration for both databases from the change to prisma/schema.prisma:
//   npm run db:new-migration -- add_redemptions
// Both are diffed from the schema as of the last migration, kept as prisma/postgresql/schema.prisma
// (the SQLite one is its exact inverse); the drift check proves that snapshot matches the migrations.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdtempSync,
} from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  isEmptyMigration,
  prismaMigrateDiff,
  readDerivedPostgresSchema,
  sqliteSchemaOf,
} from "./lib/prisma-schemas";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(1);
}

const hasMigrations = (dir: string) =>
  existsSync(dir) && readdirSync(dir).some((entry) => /^\d{14}_/.test(entry));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

const scratch = mkdtempSync(join(tmpdir(), "tally-schema-"));
const previousSqliteSchema = join(scratch, "previous.prisma");
if (hasMigrations(SQLITE_MIGRATIONS))
  writeFileSync(previousSqliteSchema, sqliteSchemaOf(readFileSync(POSTGRES_SCHEMA, "utf8")));
const sqliteSql = prismaMigrateDiff([
  ...(hasMigrations(SQLITE_MIGRATIONS)
    ? ["--from-schema-datamodel", previousSqliteSchema]
    : ["--from-empty"]),
  "--to-schema-datamodel",
  SQLITE_SCHEMA,
]);

const derived = readDerivedPostgresSchema();
const nextPostgresSchema = join(scratch, "schema.prisma");
writeFileSync(nextPostgresSchema, derived);
const postgresSql = prismaMigrateDiff([
  ...(hasMigrations(POSTGRES_MIGRATIONS)
    ? ["--from-schema-datamodel", POSTGRES_SCHEMA]
    : ["--from-empty"]),
  "--to-schema-datamodel",
  nextPostgresSchema,
]);

if (isEmptyMigration(sqliteSql) && isEmptyMigration(postgresSql)) {
  console.log("No schema changes: no migration written.");
  process.exit(0);
}

for (const [dir, sql, provider] of [
  [SQLITE_MIGRATIONS, sqliteSql, "sqlite"],
  [POSTGRES_MIGRATIONS, postgresSql, "postgresql"],
] as const) {
  const folder = join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  writeFileSync(
    join(dir, "migration_lock.toml"),
    `# Managed by Tally's scripts/new-migration.ts\nprovider = "${provider}"\n`,
  );
  console.log(`wrote ${folder}/migration.sql`);
}
writeFileSync(POSTGRES_SCHEMA, derived);
console.log(`updated ${POSTGRES_SCHEMA}`);
