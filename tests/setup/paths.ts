import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

/** Every run's SQLite files live under here, each run in a folder of its own (see global-sqlite). */
export const TEST_DB_ROOT = resolve(fileURLToPath(new URL("../../tmp/test-db", import.meta.url)));

export const sqliteTemplateIn = (runDir: string) => join(runDir, "template.sqlite");
