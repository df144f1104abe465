// A fresh SQLite database for each test file: a copy of the migrated template (milliseconds).
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { SQLITE_TEMPLATE, TEST_DB_DIR } from "./paths";
import { applyTestEnv } from "./test-env";

const file = join(
  TEST_DB_DIR,
  `worker-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`,
);
copyFileSync(SQLITE_TEMPLATE, file);
applyTestEnv(`file:${file}`);

afterAll(async () => {
  await globalThis.__tallyPrisma?.$disconnect();
  await globalThis.__tallySql?.close();
  globalThis.__tallyPrisma = undefined;
  globalThis.__tallySql = undefined;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
