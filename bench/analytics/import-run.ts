// The CSV import alone (decisions 031, 047): a balances file of N customers, imported by a separate
// process three times — a dry run, the import, and the same file again (which must change nothing)
// — reporting rows/s, peak RSS and the load average. `--customers known`: Tally already knows them
// (as the order backfill leaves them). `--customers unknown`: Tally does not; the Admin API stand-in
// (a process of its own, bench/analytics/import-standin.ts) has them, the dry run exports the shop's
// customers with a bulk query and the import uses that export, as applying a preview does; the
// stand-in's own time is reported apart, and so is the import process's CPU time (on SQLite the
// database's work is in it; on PostgreSQL it is the server's). Then the rollup job's next refresh, which the import left to
// it. Appends a section to bench/RESULTS.md (not with `--no-results`: figures printed only).
//   npm run bench:import -- --rows 100000 [--db sqlite|postgresql|both] [--customers known|unknown]
//     [--no-results]
import { execFile, fork } from "node:child_process";
import { appendFileSync, createWriteStream, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { once } from "node:events";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase, machine, revision, type Kind } from "../lib/harness";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "bench-import.myshopify.com";
const { values: flags } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    db: { type: "string", default: "both" },
    customers: { type: "string", default: "known" },
    "no-results": { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const rows = Number(flags.rows);
const unknown = flags.customers === "unknown";
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
const table: string[] = [];
const work = join(ROOT, "tmp", "bench", `import-${Date.now()}`);
mkdirSync(work, { recursive: true });
// The import process runs the child bundled into one JavaScript file, as production runs the app's
// build: under `--import tsx` its RSS also held tsx's loader thread and its transformed sources
// (≈ 27 MB more at module load, 117 against 90 MB), which is the bench's, not the importer's.
const child = join(work, "import-child.mjs");
// Packages stay external (loaded from node_modules as the build does), except Polaris: the admin
// languages take its JSON texts, which Node's ESM loader refuses without an import attribute.
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const externalPackages = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => name !== "@shopify/polaris")
  .map((name) => `--external:${name}`);
await promisify(execFile)(
  join(ROOT, "node_modules/.bin/esbuild"),
  [
    join(ROOT, "bench/analytics/import-child.ts"),
    "--bundle",
    "--platform=node",
    "--format=esm",
    ...externalPackages,
    `--outfile=${child}`,
    "--log-level=warning",
  ],
  { cwd: ROOT },
);

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write("shopify_customer_id,email,points_balance,tier\r\n");
  for (let i = 1; i <= rows; i++)
    if (
      !out.write(
        `${9_000_000 + i},import${i}@example.com,${(i % 5000) + 1},${i % 7 === 0 ? "Silver" : ""}\r\n`,
      )
    )
      await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function bench(kind: Kind) {
  const database = await createDatabase(kind, {
    work,
    tag: `import_${process.pid}`,
    pgAdminUrl: flags["pg-url"]!,
  });
  Object.assign(process.env, demoEnv({ databaseUrl: database.url }), {
    TALLY_BACKGROUND_JOBS: "0",
  });
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(database.url);
  const { createPrismaClient, openSql } = await import("../../app/db.server");
  const { upsertShop } = await import("../../app/models/shop.server");
  const db = createPrismaClient(database.url);
  const sql = openSql(database.url);
  try {
    await upsertShop(db, SHOP, { currencyCode: "USD", timeZone: "UTC" });
    // The rollup job has run before (its watermark): the refresh after the import is its next one.
    const { refreshShopAnalytics } = await import("../../app/models/analytics-rollup.server");
    await refreshShopAnalytics(sql, SHOP, new Date());
    // The file's customers, known to Tally (no Shopify lookup), or only to Shopify (the stand-in).
    const series =
      kind === "sqlite"
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) SELECT i FROM n`
        : `SELECT i FROM generate_series(1, ${rows}) AS i`;
    if (!unknown)
      await sql.run(
        `INSERT INTO "Customer" (id, shop, "shopifyCustomerId", email, "enrolledAt", "createdAt", "updatedAt")
       SELECT 'bench-' || i, ?, CAST(9000000 + i AS TEXT), 'import' || i || '@example.com', ?, ?, ? FROM (${series}) AS s`,
        [SHOP, new Date(), new Date(), new Date()],
      );
    // A shop whose members came over time has statistics of them (autovacuum, or none where it is off).
    if (!unknown && kind === "postgresql") await sql.run(`ANALYZE "Customer"`);
    // PostgreSQL: what the server's buffers did during a step — this database's blocks read and hit,
    // and (cluster-wide: other databases' work counts too) the pages written by checkpoints, the
    // background writer and backends evicting dirty pages — to tell reading from writing hint bits.
    const serverIo = async () => {
      if (kind !== "postgresql") return null;
      const [row] = await sql.rows<Record<string, unknown>>(
        `SELECT d.blks_read, d.blks_hit, b.checkpoints_timed + b.checkpoints_req AS checkpoints,
           b.buffers_checkpoint, b.buffers_clean, b.buffers_backend
         FROM pg_stat_database d, pg_stat_bgwriter b WHERE d.datname = current_database()`,
      );
      return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
    };
    const serverIoNote = (before: Record<string, number>, after: Record<string, number>) => {
      const delta = (key: string) => (after[key] - before[key]).toLocaleString("en");
      return `server: ${delta("blks_read")} blocks read, ${delta("blks_hit")} hit; ${delta("checkpoints")} checkpoints wrote ${delta("buffers_checkpoint")} buffers, the background writer ${delta("buffers_clean")}, backends ${delta("buffers_backend")}`;
    };
    const file = join(work, `import-${rows}.csv`);
    await writeCsv(file);
    const standin = unknown ? await startStandin() : null;
    const results = [];
    let exportAt = "";
    try {
      for (const mode of ["dry-run", "import", "re-import"]) {
        const serverBefore = await serverIo();
        const loadBefore = load();
        const standinBefore = standin?.ms() ?? 0;
        const { stdout } = await run(
          process.execPath,
          [
            child,
            database.url,
            SHOP,
            file,
            mode === "dry-run" ? "dry-run" : "apply",
            ...(standin ? [standin.url, exportAt] : []),
          ],
          { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
        );
        const lines = stdout.trim().split("\n");
        const result = JSON.parse(lines.pop()!);
        const exported = lines
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((line) => line.message === "customers exported from Shopify");
        if (mode === "dry-run" && result.customersExportedAt) exportAt = result.customersExportedAt;
        const standinSeconds = ((standin?.ms() ?? 0) - standinBefore) / 1000;
        const server = serverBefore && serverIoNote(serverBefore, (await serverIo())!);
        results.push({ mode, ...result });
        const outcome = `${result.status}: ${result.rowsImported} imported, ${result.rowsSkipped} already there, ${result.rowsNothing} nothing, ${result.rowsFailed} rejected${result.failure ? ` (${result.failure})` : ""}`;
        const exportNote = exported
          ? `; export of ${Number(exported.customers).toLocaleString("en")} customers: ${exported.shopifySeconds} s waiting for the stand-in's file, ${exported.readSeconds} s reading it into the database; stand-in's own time ${standinSeconds.toFixed(1)} s`
          : standin && mode !== "dry-run" && result.customersExportedAt
            ? "; the dry run's export used again"
            : "";
        console.log(
          `${kind} ${mode}: ${rows.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s = ${result.rowsPerSecond.toFixed(0)} rows/s, import process CPU ${result.cpuSeconds.toFixed(1)} s (${((result.cpuSeconds * 1e6) / rows).toFixed(1)} µs/row), peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB (${(result.maxRssBeforeKb / 1024).toFixed(0)} MB before the import; at the sampled peak heap ${result.peakMb.heapUsed} of ${result.peakMb.heapTotal} MB, external ${result.peakMb.external} MB, RSS anonymous ${result.peakMb.rssAnon} MB and files ${result.peakMb.rssFile} MB); ${outcome}${exportNote}${server ? `; ${server}` : ""}; load ${loadBefore} → ${load()}`,
        );
        table.push(
          `| ${kind} | ${unknown ? "unknown to Tally" : "known"} | ${mode} | ${result.seconds.toFixed(1)} | ${Math.round(result.rowsPerSecond).toLocaleString("en")} | ${result.cpuSeconds.toFixed(1)} | ${(result.maxRssKb / 1024).toFixed(0)} MB | ${outcome}${exportNote} | ${loadBefore} → ${load()} |`,
        );
      }
    } finally {
      standin?.stop();
    }
    // The import leaves the rollups to the job's next refresh (decision 047): measured here.
    const refreshStarted = performance.now();
    const loadBefore = load();
    const refreshed = await refreshShopAnalytics(sql, SHOP, new Date());
    const refresh = (performance.now() - refreshStarted) / 1000;
    console.log(
      `${kind}: the rollup job's next refresh takes ${refresh.toFixed(1)} s (${refreshed.full ? "a full rebuild" : "incremental"})`,
    );
    table.push(
      `| ${kind} | | the rollup job's next refresh (${refreshed.full ? "full rebuild" : "incremental"}) | ${refresh.toFixed(1)} | | | | | ${loadBefore} → ${load()} |`,
    );
    const [{ entries }] = await sql.rows<{ entries: unknown }>(
      `SELECT COUNT(*) AS entries FROM "LedgerEntry" WHERE shop = ?`,
      [SHOP],
    );
    console.log(`${kind}: ${Number(entries).toLocaleString("en")} ledger entries after all three`);
    rmSync(file, { force: true });
    return results;
  } finally {
    await db.$disconnect();
    await sql.close();
    await database.drop();
  }
}

const run = promisify(execFile);

/** The stand-in's process, with the shop's customers; `ms()` sums the time it spent answering. */
async function startStandin() {
  const child = fork(join(ROOT, "bench/analytics/import-standin.ts"), [SHOP, String(rows)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  let total = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the stand-in exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const message = JSON.parse(line) as { url?: string; ms?: number };
      if (message.url) resolve(message.url);
      if (message.ms) total += message.ms;
    });
  });
  return { url, ms: () => total, stop: () => child.kill("SIGTERM") };
}

const started = new Date();
for (const kind of (flags.db === "both" ? ["sqlite", "postgresql"] : [flags.db]) as Kind[])
  await bench(kind);
const host = machine();
if (!flags["no-results"])
  appendFileSync(
    join(ROOT, "bench/RESULTS.md"),
    `
## ${started.toISOString().slice(0, 16).replace("T", " ")} UTC — CSV import, ${rows.toLocaleString("en")} rows, customers ${unknown ? "unknown to Tally (bulk export through the stand-in)" : "known to Tally"}

- machine: ${host.cpu}, ${host.cores} cores, ${host.ram}, ${host.os}; shared with other engineers' work (load average: 1, 5, 15 min, before → after each step)
- code: ${revision(ROOT)}
- command: \`npm run bench:import -- ${process.argv.slice(2).join(" ")}\`

| database | customers | step | seconds | rows/s | import process CPU s | peak RSS | outcome | load |
|---|---|---|---|---|---|---|---|---|
${table.join("\n")}
`,
  );
