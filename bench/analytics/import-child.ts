// One CSV import in its own process, so its peak RSS is the import's: prints a JSON line.
//   node --import tsx bench/analytics/import-child.ts <database url> <shop> <csv file> [dry-run]
import { createReadStream, statSync } from "node:fs";

const [url, shop, file, mode] = process.argv.slice(2);
const { demoEnv } = await import("../../scripts/demo/demo-env");
Object.assign(process.env, demoEnv({ databaseUrl: url }), { TALLY_BACKGROUND_JOBS: "0" });
const { createPrismaClient, openSql } = await import("../../app/db.server");
const { createImport } = await import("../../app/models/data-import.server");
const { runImport } = await import("../../app/services/import.server");

const db = createPrismaClient(url);
const sql = openSql(url);
const before = process.resourceUsage().maxRSS;
const id = await createImport(db, shop, "balances", file, statSync(file).size);
const started = performance.now();
const progress = await runImport(db, sql, id, shop, "balances", createReadStream(file), {
  dryRun: mode === "dry-run",
});
const seconds = (performance.now() - started) / 1000;
const row = await db.dataImport.findUniqueOrThrow({ where: { id } });
console.log(
  JSON.stringify({
    ...progress,
    status: row.status,
    failure: row.failure,
    seconds,
    rowsPerSecond: progress.rowsRead / seconds,
    maxRssBeforeKb: before,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
await db.$disconnect();
await sql.close();
