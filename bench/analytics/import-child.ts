// One CSV import in its own process, so its peak RSS is the import's: prints a JSON line. The bench
// runs it bundled (bench/analytics/import-run.ts); by hand:
//   node --import tsx bench/analytics/import-child.ts <database url> <shop> <csv file> <dry-run|apply>
//     [<stand-in url> [<the preview's customer export time, ISO>]]
import { createReadStream, readFileSync, statSync } from "node:fs";

const [url, shop, file, mode, standinUrl, exportAt] = process.argv.slice(2);
const { demoEnv } = await import("../../scripts/demo/demo-env");
Object.assign(process.env, demoEnv({ databaseUrl: url }), { TALLY_BACKGROUND_JOBS: "0" });
const { createPrismaClient, openSql } = await import("../../app/db.server");
const { createImport } = await import("../../app/models/data-import.server");
const { runImport } = await import("../../app/services/import.server");
const { createFetchAdminClient } = await import("../../admin-api-standin/fetch-admin-client");

const db = createPrismaClient(url);
const sql = openSql(url);
// Customers Tally does not know are asked of the stand-in's process, over HTTP.
const admin = standinUrl
  ? createFetchAdminClient({
      shop,
      fetch: (input, init) =>
        fetch(String(input).replace(`https://${shop}/`, `${standinUrl}/${shop}/`), init),
    })
  : null;
const before = process.resourceUsage().maxRSS;
// What holds the memory at RSS's peak: the heap V8 has reserved (heapTotal) and what of it is in use,
// external (Buffers, typed arrays), and (Linux) the anonymous part of RSS against mapped files
// (the node binary, native modules): what is left of RssAnon besides the heap is native memory
// (SQLite's page cache, the drivers').
const rssParts = () => {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssAnon: kb("RssAnon") * 1024, rssFile: kb("RssFile") * 1024 };
  } catch {
    return { rssAnon: 0, rssFile: 0 };
  }
};
const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, rssAnon: 0, rssFile: 0 };
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > peak.rss) Object.assign(peak, usage, rssParts());
}, 100);
const id = await createImport(db, shop, "balances", file, statSync(file).size);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const progress = await runImport(db, sql, id, shop, "balances", createReadStream(file), {
  dryRun: mode === "dry-run",
  admin,
  customerExportAt: exportAt ? new Date(exportAt) : null,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
// This process's CPU time (the database server's is not in it): on a loaded machine, the figure
// that does not depend on the other work.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const row = await db.dataImport.findUniqueOrThrow({ where: { id } });
console.log(
  JSON.stringify({
    ...progress,
    status: row.status,
    failure: row.failure,
    customersExportedAt: row.customersExportedAt,
    seconds,
    cpuSeconds,
    rowsPerSecond: progress.rowsRead / seconds,
    maxRssBeforeKb: before,
    maxRssKb: process.resourceUsage().maxRSS,
    peakMb: Object.fromEntries(
      ["rss", "heapTotal", "heapUsed", "external", "rssAnon", "rssFile"].map((key) => [
        key,
        Math.round(peak[key as keyof typeof peak] / 2 ** 20),
      ]),
    ),
  }),
);
await db.$disconnect();
await sql.close();
