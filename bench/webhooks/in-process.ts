// bench/webhooks/in-process: what one orders/paid delivery costs inside the app, stage by stage, with no
// HTTP and no load process (so the figures are the app's own CPU, not the machine's contention).
//
//   npx tsx bench/webhooks/in-process.ts [--db sqlite|postgresql] [--orders 4000] [--record]
//   TALLY_PG_NAMED_STATEMENTS=0|1 npx tsx bench/webhooks/in-process.ts --db postgresql   (none or all named: decisions 051, 060)
//   npx tsx bench/webhooks/in-process.ts --without-totals   (Home's totals triggers dropped: decision 052's A/B)
//
// Stages, each timed over the same signed deliveries: verify (HMAC + headers), parse (JSON + zod),
// admission (both, as the production server runs them on node's headers), the writer's work alone
// (apply: one delivery at a time, each its own commit, and in groups as under load, where SQLite's
// port commits up to 32 together), the whole Remix route action. Deliveries are signed before the
// clock starts: signing is Shopify's work. "Per new order" is admit + apply, the production path on
// SQLite (decision 023); `--record` puts it in bench/goals.json (issue 23's ≤ 0.5 ms goal).
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import {
  createDatabase,
  machine,
  postgresBackendsCpuUs,
  revision,
  serverCpuSince,
  type Kind,
} from "../lib/harness";
import { recordGoals } from "../lib/goals";
import { dropTotalsTriggers } from "../lib/program-totals";
import { webhookHeaders } from "../../tests/factories/webhook-request";
import { deliveryPayload, generateOrders } from "./plan";

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    orders: { type: "string", default: "4000" },
    record: { type: "boolean", default: false },
    "without-totals": { type: "boolean", default: false },
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
const kind = flags.db as Kind;
const count = Number(flags.orders);
const SHOP = "tally-inprocess.myshopify.com";
const SECRET = "tally-inprocess-secret-0123456789";
const APP_URL = "http://localhost:3999";

const database = await createDatabase(kind, {
  work: mkdtempSync(join(tmpdir(), "tally-inprocess-")),
  tag: `inprocess_${process.pid}`,
  pgAdminUrl: flags["pg-url"]!,
});
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  SHOPIFY_API_KEY: "tally-inprocess",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: APP_URL,
  TALLY_BACKGROUND_JOBS: "0",
  TALLY_LOCAL_DEMO: "0",
});
const { migrateDatabase } = await import("../../app/db/migrate.server");
await migrateDatabase(database.url);
const { getDb, getSql } = await import("../../app/db.server");
if (flags["without-totals"]) await dropTotalsTriggers(getDb(), kind);
const { installShop } = await import("../../tests/factories/shop");
await installShop(getDb(), SHOP);
const { verifyWebhook } = await import("../../app/shopify/webhook-verification.server");
const { orderPayload } = await import("../../app/shopify/webhooks/payloads");
const { parseLosslessJson } = await import("../../app/shopify/webhooks/lossless-json");
const { action } = await import("../../app/routes/webhooks.orders.paid");

const orders = generateOrders({
  seed: 7,
  firstOrderId: 1,
  firstCustomerId: 1,
  customers: Math.max(10, count / 2),
  count,
  refundRate: 0,
  cancelRate: 0,
  now: new Date(),
});
const bodies = orders.map((order) => JSON.stringify(deliveryPayload(order, "paid")));
const sign = (body: string) =>
  webhookHeaders(body, { shop: SHOP, topic: "orders/paid", secret: SECRET });
// Node's request headers as the production server reads them (lowercase names, no Request built).
const nodeHeaders = (headers: Record<string, string>) => {
  const lower = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
};
const signed = bodies.map((body) => nodeHeaders(sign(body)));
const requestFor = (body: string, headers: Record<string, string>) =>
  new Request(`${APP_URL}/webhooks/orders/paid`, { method: "POST", headers, body });

/** On PostgreSQL the statements' cost is mostly the server's: its backends' CPU (bench/lib/harness). */
const databaseServerCpuUs = () =>
  kind === "postgresql" ? postgresBackendsCpuUs((text) => getSql().rows(text)) : null;

/**
 * On PostgreSQL, the row versions each table got (inserts, updates and how many of them were HOT)
 * and the index entries they wrote: every insert and every non-HOT update adds one to each index.
 * The backends report their counters when idle, at most every 10 s: the caller waits that long.
 */
async function tableWrites(): Promise<Map<string, TableWrites> | null> {
  if (kind !== "postgresql") return null;
  const rows = await getSql().rows<{
    relname: string;
    inserts: string;
    updates: string;
    hot: string;
    indexes: string;
  }>(
    `SELECT t.relname, t.n_tup_ins AS inserts, t.n_tup_upd AS updates, t.n_tup_hot_upd AS hot,
            (SELECT COUNT(*) FROM pg_index i WHERE i.indrelid = t.relid) AS indexes
     FROM pg_stat_user_tables t`,
  );
  return new Map(
    rows.map((row) => [
      row.relname,
      {
        inserts: Number(row.inserts),
        updates: Number(row.updates),
        hot: Number(row.hot),
        indexes: Number(row.indexes),
      },
    ]),
  );
}
interface TableWrites {
  inserts: number;
  updates: number;
  hot: number;
  indexes: number;
}
const STATS_REPORTED_MS = 11_000;

async function reportTableWrites(before: Map<string, TableWrites>, deliveries: number) {
  await new Promise((resolve) => setTimeout(resolve, STATS_REPORTED_MS));
  const after = (await tableWrites())!;
  let entries = 0;
  const lines: string[] = [];
  for (const [table, now] of after) {
    const was = before.get(table) ?? { inserts: 0, updates: 0, hot: 0, indexes: now.indexes };
    const inserts = (now.inserts - was.inserts) / deliveries;
    const updates = (now.updates - was.updates) / deliveries;
    const hot = (now.hot - was.hot) / deliveries;
    if (inserts + updates === 0) continue;
    const written = (inserts + updates - hot) * now.indexes;
    entries += written;
    lines.push(
      `  ${table.padEnd(22)} ${inserts.toFixed(2)} inserts, ${updates.toFixed(2)} updates (${hot.toFixed(2)} HOT), ${now.indexes} indexes: ${written.toFixed(1)} index entries`,
    );
  }
  console.log(
    `PostgreSQL writes per delivery: ${entries.toFixed(1)} index entries\n${lines.join("\n")}`,
  );
}

/** CPU µs per delivery of `work` over the bodies (the first tenth warms up and is not counted). */
async function stage(
  name: string,
  work: (body: string, index: number) => Promise<unknown>,
  { group = 1 } = {},
): Promise<number> {
  const warm = Math.floor(bodies.length / 10);
  const run = async (from: number, to: number) => {
    // `group` deliveries at once: their transactions reach the port in one turn of the event loop.
    for (let i = from; i < to; i += group)
      await Promise.all(
        Array.from({ length: Math.min(group, to - i) }, (_, k) => work(bodies[i + k], i + k)),
      );
  };
  await run(0, warm);
  const serverBefore = await databaseServerCpuUs();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await run(warm, bodies.length);
  const n = bodies.length - warm;
  const wallUs = ((performance.now() - started) * 1000) / n;
  const cpu = process.cpuUsage(cpuBefore);
  const serverUs =
    serverBefore === null ? null : serverCpuSince(serverBefore, (await databaseServerCpuUs())!) / n;
  // CPU time is what the app costs; wall time also holds waits for the disk and for a busy machine.
  console.log(
    `${name.padEnd(46)} cpu ${((cpu.user + cpu.system) / n).toFixed(0).padStart(5)} µs (user ${(cpu.user / n).toFixed(0)}, system ${(cpu.system / n).toFixed(0)})${serverUs === null ? "" : `, PostgreSQL backends ${serverUs.toFixed(0).padStart(5)} µs`}, wall ${wallUs.toFixed(0).padStart(5)} µs per delivery`,
  );
  return (cpu.user + cpu.system) / n;
}

const host = machine();
console.log(
  `${host.cpu}, ${host.cores} cores — ${await database.version()} — ${count} orders/paid of ${Math.round(bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length)} bytes`,
);
await stage("verify (HMAC, headers)", async (body, index) => {
  const result = verifyWebhook(signed[index], body);
  if (!result.ok) throw new Error(result.reason);
});
await stage("parse (lossless JSON + zod)", async (body) =>
  orderPayload.parse(parseLosslessJson(body)),
);
// The two stages the production server runs on different threads on SQLite (decision 023): admission on
// the HTTP thread, the database work on the writer thread. Admitted deliveries are prepared apart so
// each stage is timed alone, on orders new to the database each time.
const pipeline = action.webhook;
const admit = (body: string, headers: { get(name: string): string | null }) => {
  const admitted = pipeline.admit(headers, body);
  if (admitted instanceof Response) throw new Error(`admission refused: ${admitted.status}`);
  if (admitted.refused) throw new Error(`admission refused: ${admitted.refused.message}`);
  return admitted;
};
const admitCpu = await stage("admit (HMAC, headers, JSON, zod)", async (body, index) =>
  admit(body, signed[index]),
);
let nextOrderId = count + 1;
let nextCustomerId = 10 * count + 1;
const freshDeliveries = () => {
  const fresh = generateOrders({
    seed: nextOrderId,
    firstOrderId: nextOrderId,
    firstCustomerId: nextCustomerId,
    customers: Math.max(10, count / 2),
    count,
    refundRate: 0,
    cancelRate: 0,
    now: new Date(),
  });
  nextOrderId += count;
  nextCustomerId += 10 * count;
  return fresh.map((order) => {
    const body = JSON.stringify(deliveryPayload(order, "paid"));
    return admit(body, nodeHeaders(sign(body)));
  });
};
const applyStage = async (name: string, group: number) => {
  const deliveries = freshDeliveries();
  return stage(
    name,
    // What the SQLite server's webhook thread does: the pipeline's answer, serialized for the HTTP thread.
    async (_body, index) => {
      const answer = await pipeline.answer(deliveries[index]);
      const body = JSON.stringify(answer.body);
      if (answer.status !== 200) throw new Error(`status ${answer.status}: ${body}`);
    },
    { group },
  );
};
const writesBefore = await tableWrites();
const applyCpu = await applyStage("apply, one at a time (its own commit)", 1);
// Every delivery of the stage, its warm-up included, wrote.
if (writesBefore) await reportTableWrites(writesBefore, bodies.length);
const groupedCpu = await applyStage("apply, 32 at once (group commit, as under load)", 32);
await stage("route action (Remix path, crediting)", async (body) => {
  const response = await action({ request: requestFor(body, sign(body)), params: {}, context: {} });
  if (response.status !== 200)
    throw new Error(`status ${response.status}: ${await response.text()}`);
});
await stage("route action (same orders again, new ids)", async (body) => {
  const response = await action({ request: requestFor(body, sign(body)), params: {}, context: {} });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
});
const perOrder = admitCpu + applyCpu;
const perOrderGrouped = admitCpu + groupedCpu;
console.log(
  `per new order, production path (admit + apply): ${perOrder.toFixed(0)} µs one at a time, ${perOrderGrouped.toFixed(0)} µs in groups of 32`,
);
if (flags.record && kind === "sqlite") {
  const root = join(import.meta.dirname, "..", "..");
  recordGoals(root, [
    {
      id: "webhooks-cpu-sqlite",
      issue: "#23",
      goal: "SQLite: in-process CPU per new order ≤ 0.5 ms (admit + apply, one at a time)",
      figure: `${(perOrder / 1000).toFixed(2)} ms one at a time (admit ${admitCpu.toFixed(0)} µs + apply ${applyCpu.toFixed(0)} µs); ${(perOrderGrouped / 1000).toFixed(2)} ms in groups of 32; load ${loadavg()[0].toFixed(1)}`,
      met: perOrder <= 500,
      command: `npx tsx bench/webhooks/in-process.ts --db sqlite --orders ${count} --record`,
    },
  ]);
  console.log(`recorded in bench/goals.json at ${revision(root)}`);
}
await database.drop();
process.exit(0);
