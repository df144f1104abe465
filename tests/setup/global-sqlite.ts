// Migrates one template SQLite database per run; each test file then starts from a copy of it.
import { mkdirSync, rmSync } from "node:fs";
import { migrateDatabase } from "../../app/db/migrate.server";
import { SQLITE_TEMPLATE, TEST_DB_DIR } from "./paths";

export default async function setup() {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DB_DIR, { recursive: true });
  await migrateDatabase(`file:${SQLITE_TEMPLATE}`);
  return () => rmSync(TEST_DB_DIR, { recursive: true, force: true });
}
