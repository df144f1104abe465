// A fresh SQLite database for each test file: a copy of the migrated template (milliseconds).
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { sqliteTemplateIn } from "./paths";
import { applyTestEnv } from "./test-env";

const runDir = inject("sqliteRunDir");
const file = join(
  runDir,
  `worker-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`,
);
copyFileSync(sqliteTemplateIn(runDir), file);
applyTestEnv(`file:${file}`);

afterAll(async () => {
  await globalThis.__tallyPrisma?.$disconnect();
  await globalThis.__tallySql?.close();
  globalThis.__tallyPrisma = undefined;
  globalThis.__tallySql = undefined;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
