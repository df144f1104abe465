// Migrates one template SQLite database per run; each test file then starts from a copy of it.
// Each run has a folder of its own, so two runs in one checkout (a file re-run beside the suite)
// never delete or overwrite each other's databases.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../app/db/migrate.server";
import { sqliteTemplateIn, TEST_DB_ROOT } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteRunDir: string;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Folders of runs that ended without their teardown (killed, crashed). */
function removeAbandonedRuns() {
  mkdirSync(TEST_DB_ROOT, { recursive: true });
  for (const entry of readdirSync(TEST_DB_ROOT)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid || !isRunning(pid))
      rmSync(join(TEST_DB_ROOT, entry), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  removeAbandonedRuns();
  const runDir = join(TEST_DB_ROOT, `run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  await migrateDatabase(`file:${sqliteTemplateIn(runDir)}`);
  project.provide("sqliteRunDir", runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
