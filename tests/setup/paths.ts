import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

export const TEST_DB_DIR = resolve(fileURLToPath(new URL("../../tmp/test-db", import.meta.url)));
export const SQLITE_TEMPLATE = join(TEST_DB_DIR, "template.sqlite");
