// A fresh PostgreSQL database for each test file, cloned from the migrated template.
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrlFor } from "./postgres-urls";
import { applyTestEnv } from "./test-env";

const server = process.env.TEST_DATABASE_URL!;
const database = `tally_test_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${inject("postgresTemplate")}"`);
applyTestEnv(databaseUrlFor(server, database));

afterAll(async () => {
  await globalThis.__tallyPrisma?.$disconnect();
  await globalThis.__tallySql?.close();
  globalThis.__tallyPrisma = undefined;
  globalThis.__tallySql = undefined;
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});
