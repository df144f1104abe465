// bench/redemption/loyalty-history: what one GET /api/loyalty costs the server for members with a
// short and a long history (issue 23: "response time must not grow with history"), in-process — the
// route's loader with a real session token, no HTTP, no load process.
//
//   npx tsx bench/redemption/loyalty-history.ts [--db sqlite|postgresql] [--requests 200]
//
// One shop with expiry after earning (365 days) and tiers over trailing 12 months; members with 1,
// 1,000 and 10,000 ledger entries over three years (tests/support/long-history), the expiry job run
// once as it would have been. Per member: process CPU per request (process.cpuUsage over the timed
// loop ÷ requests, the first tenth as warm-up), on PostgreSQL its backends' CPU per request too,
// wall time p50/p99, and the SQL port's round trips and statements per request. Prints the figures; the caller records them in bench/RESULTS.md.
import { mkdtempSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { shopperToken } from "../../tests/support/session-tokens";
import {
  createDatabase,
  machine,
  postgresBackendsCpuUs,
  revision,
  serverCpuSince,
  type Kind,
} from "../lib/harness";

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    requests: { type: "string", default: "200" },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const kind = flags.db as Kind;
const requests = Number(flags.requests);
const SHOP = "tally-loyalty-history.myshopify.com";
const HISTORIES = [1, 1_000, 10_000];

const database = await createDatabase(kind, {
  work: mkdtempSync(join(tmpdir(), "tally-loyalty-history-")),
  tag: `loyalty_history_${process.pid}`,
  pgAdminUrl: flags["pg-url"]!,
});
const env = demoEnv({ port: 3182, databaseUrl: database.url });
Object.assign(process.env, env, { TALLY_BACKGROUND_JOBS: "0" });
try {
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(database.url);
  const { getDb, getSql } = await import("../../app/db.server");
  const { installShop } = await import("../../tests/factories/shop");
  const { changeProgram } = await import("../../tests/support/members");
  const { appendHistory, threeYears } = await import("../../tests/support/long-history");
  const { expireShopPoints } = await import("../../app/services/point-expiry.server");
  const { upsertMember } = await import("../../app/models/customer.server");
  const loyalty = await import("../../app/routes/api.loyalty");
  await installShop(getDb(), SHOP);
  await changeProgram(SHOP, { expiry: { mode: "after_earning", days: 365 } });

  const now = new Date();
  for (const [index, count] of HISTORIES.entries()) {
    const customerId = 700_001 + index;
    const member = await upsertMember(
      getSql(),
      SHOP,
      { shopifyCustomerId: String(customerId), email: null, firstName: null, lastName: null },
      now,
    );
    await appendHistory(getDb(), getSql(), SHOP, member.id, threeYears(count, now));
  }
  await expireShopPoints(getSql(), SHOP, now);
  // As autovacuum would after the seeding's inserts: without statistics the planner reads the
  // whole ledger for the newest lots (a bitmap scan and a sort, ~3 ms at 10,000 entries).
  if (kind === "postgresql") await getSql().run("ANALYZE");

  const lines: string[] = [];
  for (const [index, count] of HISTORIES.entries()) {
    const token = await shopperToken({
      shop: SHOP,
      customerId: 700_001 + index,
      audience: env.SHOPIFY_API_KEY,
      secret: env.SHOPIFY_API_SECRET,
      expiresInSeconds: 3600,
    });
    const get = async () => {
      const response = await loyalty.loader({
        request: new Request(`${env.SHOPIFY_APP_URL}/api/loyalty`, {
          headers: { Authorization: `Bearer ${token}`, "User-Agent": "Mozilla/5.0 Chrome/156" },
        }),
        params: {},
        context: {},
      });
      if (response.status !== 200) throw new Error(`GET /api/loyalty answered ${response.status}`);
      await response.text();
    };
    for (let i = 0; i < Math.max(5, requests / 10); i++) await get();
    const databaseCpu = () =>
      kind === "postgresql" ? postgresBackendsCpuUs((text) => getSql().rows(text)) : null;
    const databaseBefore = await databaseCpu();
    const traffic = getSql().traffic();
    const cpu = process.cpuUsage();
    const walls: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      await get();
      walls.push(performance.now() - started);
    }
    const used = process.cpuUsage(cpu);
    const after = getSql().traffic();
    const databaseAfter = await databaseCpu();
    const databaseText =
      databaseBefore && databaseAfter
        ? `, PostgreSQL ${(serverCpuSince(databaseBefore, databaseAfter) / 1000 / requests).toFixed(2)} ms`
        : "";
    walls.sort((a, b) => a - b);
    const at = (q: number) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))];
    const line = `${kind}: ${String(count).padStart(6)} ledger entries: CPU app ${((used.user + used.system) / 1000 / requests).toFixed(2)} ms${databaseText} per request; wall p50 ${at(0.5).toFixed(2)} ms p99 ${at(0.99).toFixed(2)} ms; ${((after.roundTrips - traffic.roundTrips) / requests).toFixed(1)} round trips, ${((after.statements - traffic.statements) / requests).toFixed(1)} statements per request`;
    console.log(line);
    lines.push(line);
  }
  const { cpu, cores } = machine();
  console.log(
    `\n${cpu}, ${cores} cores; load average ${os.loadavg()[0].toFixed(1)}; revision ${revision(ROOT)}; ${requests} requests per member`,
  );
  await getSql().close();
  await getDb().$disconnect();
} finally {
  await database.drop();
}
