// Fails when the Prisma models and the migrations of either database disagree:
// 1. prisma/postgresql/schema.prisma must be what prisma/schema.prisma derives (else a migration is missing);
// 2. for SQLite and PostgreSQL, a database built from the migrations must equal one built from the models.
// PostgreSQL is checked against TEST_DATABASE_URL's server (default: the local one on 127.0.0.1:5432).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateDatabase } from "../app/db/migrate.server";
import {
  POSTGRES_SCHEMA,
  SQLITE_SCHEMA,
  prismaMigrateDiff,
  readDerivedPostgresSchema,
} from "./lib/prisma-schemas";
import { catalogDifferences, postgresCatalog, sqliteCatalog } from "./lib/catalog";
import { partialIndexStatements } from "./lib/partial-indexes";

const problems: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), "tally-drift-"));

const derived = readDerivedPostgresSchema();
if (readFileSync(POSTGRES_SCHEMA, "utf8") !== derived) {
  problems.push(
    `${POSTGRES_SCHEMA} does not match ${SQLITE_SCHEMA}: a model changed without a migration. Run: npm run db:new-migration -- <name>`,
  );
}

// SQLite
{
  const fromMigrations = join(scratch, "migrations.sqlite");
  await migrateDatabase(`file:${fromMigrations}`);
  const fromModels = join(scratch, "models.sqlite");
  const db = new Database(fromModels);
  db.exec(prismaMigrateDiff(["--from-empty", "--to-schema-datamodel", SQLITE_SCHEMA]));
  db.exec(partialIndexStatements());
  db.close();
  const diff = catalogDifferences(sqliteCatalog(fromMigrations), sqliteCatalog(fromModels));
  if (diff.length) problems.push(`SQLite migrations differ from the models:\n${diff.join("\n")}`);
}

// PostgreSQL
{
  const serverUrl = new URL(
    process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  const suffix = `${process.pid}_${Date.now()}`;
  const names = { migrations: `tally_drift_m_${suffix}`, models: `tally_drift_s_${suffix}` };
  const urlOf = (database: string) =>
    Object.assign(new URL(serverUrl.toString()), { pathname: `/${database}` }).toString();
  try {
    for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
    await migrateDatabase(urlOf(names.migrations));
    const derivedFile = join(scratch, "postgres.prisma");
    writeFileSync(derivedFile, derived);
    const models = new pg.Client({ connectionString: urlOf(names.models) });
    await models.connect();
    await models.query(prismaMigrateDiff(["--from-empty", "--to-schema-datamodel", derivedFile]));
    await models.query(partialIndexStatements());
    await models.end();
    const diff = catalogDifferences(
      await postgresCatalog(urlOf(names.migrations)),
      await postgresCatalog(urlOf(names.models)),
    );
    if (diff.length)
      problems.push(`PostgreSQL migrations differ from the models:\n${diff.join("\n")}`);
  } finally {
    for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.end();
  }
}

if (problems.length) {
  console.error(`Schema drift:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("No drift: the models and the SQLite and PostgreSQL migrations agree.");
