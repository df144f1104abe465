// The CSV import alone (decision 031): a balances file of N customers Tally already knows (as the
// order backfill leaves them), imported by a separate process three times — a dry run, the import,
// and the same file again (which must change nothing) — reporting rows/s and peak RSS.
//   npm run bench:import -- --rows 100000 [--db sqlite|postgresql|both] [--pg-url URL]
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { once } from "node:events";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase, type Kind } from "../lib/harness";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "bench-import.myshopify.com";
const { values: flags } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    db: { type: "string", default: "both" },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const rows = Number(flags.rows);
const work = join(ROOT, "tmp", "bench", `import-${Date.now()}`);
mkdirSync(work, { recursive: true });

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
    // The file's customers, known to Tally (no Shopify lookup in this measure).
    const series =
      kind === "sqlite"
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) SELECT i FROM n`
        : `SELECT i FROM generate_series(1, ${rows}) AS i`;
    await sql.run(
      `INSERT INTO "Customer" (id, shop, "shopifyCustomerId", email, "enrolledAt", "createdAt", "updatedAt")
       SELECT 'bench-' || i, ?, CAST(9000000 + i AS TEXT), 'import' || i || '@example.com', ?, ?, ? FROM (${series}) AS s`,
      [SHOP, new Date(), new Date(), new Date()],
    );
    const file = join(work, `import-${rows}.csv`);
    await writeCsv(file);
    const results = [];
    for (const mode of ["dry-run", "import", "re-import"]) {
      const out = execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          join(ROOT, "bench/analytics/import-child.ts"),
          database.url,
          SHOP,
          file,
          mode === "dry-run" ? "dry-run" : "apply",
        ],
        { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
      );
      const result = JSON.parse(out.trim().split("\n").pop()!);
      results.push({ mode, ...result });
      console.log(
        `${kind} ${mode}: ${rows.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s = ${result.rowsPerSecond.toFixed(0)} rows/s, peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB; ${result.status}: ${result.rowsImported} imported, ${result.rowsSkipped} already there, ${result.rowsNothing} nothing, ${result.rowsFailed} rejected`,
      );
    }
    // The import ends with the full rollup rebuild (imported entries may be dated in the past):
    // measured again alone, to tell the row writes from it.
    const { refreshShopAnalytics } = await import("../../app/models/analytics-rollup.server");
    const rebuildStarted = performance.now();
    await refreshShopAnalytics(sql, SHOP, new Date(), { full: true });
    const rebuild = (performance.now() - rebuildStarted) / 1000;
    const applied = results[1];
    console.log(
      `${kind}: the full analytics rebuild alone takes ${rebuild.toFixed(1)} s; the import's rows without it ≈ ${(rows / Math.max(0.001, applied.seconds - rebuild)).toFixed(0)} rows/s`,
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

for (const kind of (flags.db === "both" ? ["sqlite", "postgresql"] : [flags.db]) as Kind[])
  await bench(kind);
