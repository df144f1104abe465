// bench/reconcile: reconciliation of missed webhooks over a large window (docs/decisions/030).
//
//   npm run bench:reconcile -- --orders 10000          # a shared machine (~minutes)
//   npm run bench:reconcile                            # the goal's 100,000 orders (a quiet machine)
//   options: --orders N, --db sqlite|postgresql, --no-results, --pg-url URL
//
// A fresh database, migrated; the Admin API stand-in in this process (msw) with Shopify's standard
// rate limit enforced (bucket 2,000 points, 100 points/s restore). N orders exist in Shopify; Tally
// already applied all of them (setup, not timed) except 1% that differ: a third never arrived, a
// third lack a refund, a third lack their cancellation. Timed: one reconciliation pass over the
// window (it goes through a bulk operation: N orders do not fit paged queries at 100 points/s),
// then the next pass 30 minutes later (nothing to apply). Checks: exactly the differing orders are
// applied, nothing fails, no Admin API call was refused for cost (THROTTLED answers are counted:
// they are the budget being enforced, not exceeded), Σ cached balances = Σ ledger, the differing
// orders end in the state their webhooks would have given. Goal: 100,000 orders within 10 minutes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setupServer } from "msw/node";
import { demoEnv } from "../../scripts/demo/demo-env";
import { bulkOrder } from "../../tests/factories/bulk-orders";
import { createDatabase, machine, revision, type Kind } from "../lib/harness";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values: flags } = parseArgs({
  options: {
    orders: { type: "string", default: "100000" },
    db: { type: "string", default: "sqlite" },
    "no-results": { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const ORDERS = Number(flags.orders);
const KIND = flags.db as Kind;
const SHOP = "bench-reconcile.myshopify.com";
const GOAL_S = 600;
const WORK = join(ROOT, "tmp", "bench", `reconcile-${Date.now()}`);
mkdirSync(WORK, { recursive: true });
const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

type Difference = "missing" | "refund" | "cancelled" | null;
const differenceOf = (n: number): Difference =>
  n % 100 !== 0 ? null : (["missing", "refund", "cancelled"] as const)[(n / 100) % 3];

async function main() {
  const startedAt = new Date();
  const database = await createDatabase(KIND, {
    work: WORK,
    tag: `reconcile_${process.pid}`,
    pgAdminUrl: flags["pg-url"]!,
  });
  Object.assign(process.env, demoEnv({ port: 3205, databaseUrl: database.url }), {
    TALLY_BACKGROUND_JOBS: "0",
  });
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  const { createPrismaClient, openSql } = await import("../../app/db.server");
  const { upsertShop } = await import("../../app/models/shop.server");
  const { shopContext } = await import("../../app/models/program.server");
  const { applyOrderDelivery } = await import("../../app/services/order-points.server");
  const { reconcileShopOrders } = await import("../../app/services/order-reconciliation.server");
  const { ordersFromJsonl } = await import("../../app/shopify/bulk-orders-jsonl");
  const { createAdminApiStandin } =
    await import("../../admin-api-standin/admin-api-standin.server");
  const { createFetchAdminClient } = await import("../../admin-api-standin/fetch-admin-client");
  const { Readable } = await import("node:stream");

  await migrateDatabase(database.url);
  const db = createPrismaClient(database.url);
  const sql = openSql(database.url);
  const standin = createAdminApiStandin({
    rateLimit: { maximumAvailable: 2000, restoreRate: 100 },
  });
  const server = setupServer(...standin.handlers);
  server.listen({ onUnhandledRequest: "bypass" });
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  try {
    await upsertShop(db, SHOP, { currencyCode: "USD", timeZone: "UTC" });
    const context = (await shopContext(sql, SHOP))!;
    const now = new Date();
    // Orders updated over the last day, as after an outage longer than Shopify's retry window.
    const at = (n: number) => new Date(now.getTime() - 86_400_000 + (n * 80_000_000) / ORDERS);
    const full = [];
    const known = [];
    for (let n = 0; n < ORDERS; n++) {
      const difference = differenceOf(n);
      const id = 5_000_000_000 + n;
      const spec = {
        id,
        createdAt: at(n).toISOString(),
        updatedAt: at(n).toISOString(),
        customer: { id: 1_000 + (n % Math.max(1, Math.floor(ORDERS / 5))) },
        lines: [
          { id: id * 10 + 1, price: 1000 + (n % 50) * 100, quantity: 2, productId: 1 },
          { id: id * 10 + 2, price: 2500, productId: 2 },
        ],
      };
      const refunds = [
        {
          id: id * 10,
          lines: [{ lineId: id * 10 + 1, quantity: 1, subtotal: 1000 + (n % 50) * 100 }],
        },
      ];
      full.push(
        bulkOrder({
          ...spec,
          ...(difference === "refund" ? { refunds } : {}),
          ...(difference === "cancelled" ? { cancelledAt: spec.updatedAt } : {}),
        }),
      );
      if (difference !== "missing") known.push(bulkOrder(spec));
    }
    // Tally's side: what the webhooks that did arrive applied, through the webhook path (not timed).
    log(`${KIND}: applying ${known.length.toLocaleString("en")} known orders (setup)…`);
    const setup = createAdminApiStandin();
    setup.state.shop(SHOP).orders.push(...known);
    // The known orders as the stand-in's bulk file holds them, read by the backfill's own reader.
    const jsonl = await (async () => {
      const { bulkOperationRunQuery, node } =
        await import("../../admin-api-standin/resolvers/bulk-operations");
      const { bulkOrdersQuery } = await import("../../app/shopify/documents/bulk-orders");
      const ctx = { state: setup.state, shop: setup.state.shop(SHOP), now };
      const run = bulkOperationRunQuery(
        {
          query: bulkOrdersQuery(new Date(0), new Date(now.getTime() + 1), "updated_at"),
          groupObjects: true,
        },
        ctx,
      );
      await node({ id: run.bulkOperation!.id }, ctx);
      await node({ id: run.bulkOperation!.id }, ctx);
      return setup.state.shop(SHOP).bulkOperations.get(run.bulkOperation!.id)!.jsonl ?? "";
    })();
    let batch = [];
    for await (const delivery of ordersFromJsonl(Readable.from([jsonl]))) {
      batch.push(delivery);
      if (batch.length === 500) {
        const page = batch;
        await sql.transaction(async (tx) => {
          for (const order of page)
            await applyOrderDelivery(tx, context, order, "orders/paid", now);
        });
        batch = [];
      }
    }
    if (batch.length) {
      const page = batch;
      await sql.transaction(async (tx) => {
        for (const order of page) await applyOrderDelivery(tx, context, order, "orders/paid", now);
      });
    }
    standin.state.shop(SHOP).orders.push(...full);
    // The watermark of the last pass before the outage.
    await sql.run(
      `INSERT INTO "OrderReconciliation" (shop, watermark, "updatedAt") VALUES (?, ?, ?)`,
      [SHOP, new Date(now.getTime() - 86_400_000 - 60_000), now],
    );

    const admin = createFetchAdminClient({ shop: SHOP });
    const load = [os.loadavg()[0]];
    log(`${KIND}: reconciling ${ORDERS.toLocaleString("en")} orders…`);
    const passAt = new Date();
    const started = performance.now();
    const cpu = process.cpuUsage();
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
    const counts = await reconcileShopOrders(sql, SHOP, admin, passAt, { bulkPollMs: 1000 });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    load.push(os.loadavg()[0]);
    log(`${KIND}: ${JSON.stringify(counts)} in ${seconds.toFixed(1)} s`);
    const nextStarted = performance.now();
    const next = await reconcileShopOrders(
      sql,
      SHOP,
      admin,
      new Date(passAt.getTime() + 30 * 60_000),
      { bulkPollMs: 1000 },
    );
    const nextSeconds = (performance.now() - nextStarted) / 1000;

    const expected = Array.from({ length: ORDERS }, (_, n) => differenceOf(n)).filter(
      Boolean,
    ).length;
    const calls = standin.calls;
    const throttled = calls.filter((call) => call.outcome === "THROTTLED").length;
    const rejected = calls.filter((call) => call.status !== 200).length;
    checks.push({
      name: "applied exactly the differing orders",
      ok: counts.applied === expected && counts.checked === ORDERS && counts.finished === 1,
      detail: `checked ${counts.checked}, applied ${counts.applied} of ${expected} differing`,
    });
    checks.push({
      name: "no failures",
      ok: counts.failed === 0,
      detail: `${counts.failed} failed`,
    });
    checks.push({
      name: "next pass applies nothing",
      ok: next.applied === 0 && next.failed === 0,
      detail: `checked ${next.checked}, applied ${next.applied} (${nextSeconds.toFixed(1)} s)`,
    });
    checks.push({
      name: "within the cost budget (stand-in enforced, nothing refused but throttles)",
      ok: rejected === 0,
      detail: `${calls.length} Admin API calls, ${throttled} throttled`,
    });
    // Cached balance = Σ ledger per member, in one statement (verifyLedger pages 1,000 ids into an
    // IN list, over the SQLite adapter's parameter limit at this size: reported, not changed here).
    const [{ mismatches }] = await sql.rows<{ mismatches: unknown }>(
      `SELECT COUNT(*) AS mismatches FROM "Customer" c
       WHERE c.shop = ? AND c.balance <> (SELECT COALESCE(SUM(e.points), 0) FROM "LedgerEntry" e WHERE e."customerId" = c.id)`,
      [SHOP],
    );
    checks.push({
      name: "cached balances = ledger",
      ok: Number(mismatches) === 0,
      detail: `${Number(mismatches)} mismatches`,
    });
    const [states] = await sql.rows<{ refunded: unknown; cancelled: unknown; orders: unknown }>(
      `SELECT (SELECT COUNT(*) FROM "OrderRefund" WHERE shop = ?) AS refunded,
              (SELECT COUNT(*) FROM "Order" WHERE shop = ? AND cancelled) AS cancelled,
              (SELECT COUNT(*) FROM "Order" WHERE shop = ?) AS orders`,
      [SHOP, SHOP, SHOP],
    );
    const byKind = (kind: Difference) =>
      Array.from({ length: ORDERS }, (_, n) => differenceOf(n)).filter((d) => d === kind).length;
    checks.push({
      name: "differing orders end as their webhooks would leave them",
      ok:
        Number(states.orders) === ORDERS &&
        Number(states.refunded) === byKind("refund") &&
        Number(states.cancelled) === byKind("cancelled"),
      detail: `${states.orders} orders, ${states.refunded} refunds, ${states.cancelled} cancelled`,
    });
    for (const check of checks) log(`${check.ok ? "ok  " : "FAIL"} ${check.name}: ${check.detail}`);

    const m = machine();
    const section = [
      `## ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — reconciliation of missed webhooks, ${ORDERS.toLocaleString("en")} orders, ${KIND}`,
      "",
      `- machine: ${m.cpu}, ${m.cores} cores, ${m.ram}, ${m.os}; load average ${load.map((value) => value.toFixed(1)).join(" → ")} (shared with other engineers' work)`,
      `- code: ${revision(ROOT)}; ${await database.version()}`,
      `- command: \`npm run bench:reconcile -- --orders ${ORDERS} --db ${KIND}\``,
      `- data: ${ORDERS.toLocaleString("en")} orders updated over one day (2 lines each), 1% differing (missing / refund / cancellation, a third each); the stand-in enforces 2,000 points, 100 points/s`,
      "",
      "| figure | value |",
      "|---|---|",
      `| pass over the window (bulk operation, download, compare, apply) | ${seconds.toFixed(1)} s (process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB) |`,
      `| orders checked / applied / failed | ${counts.checked.toLocaleString("en")} / ${counts.applied.toLocaleString("en")} / ${counts.failed} |`,
      `| next pass 30 min later (nothing updated since: one ordersCount call) | ${nextSeconds.toFixed(1)} s, applied ${next.applied} |`,
      `| Admin API calls (throttled) | ${calls.length} (${throttled}) |`,
      ...checks.map(
        (check) => `| check: ${check.name} | ${check.ok ? "ok" : "**FAILED**"}: ${check.detail} |`,
      ),
      `| goal: 100,000 orders within ${GOAL_S / 60} min | ${ORDERS < 100_000 ? "not measured at this scale (run at 100,000 on a quiet machine)" : seconds <= GOAL_S ? "**met**" : "**not met**"} |`,
      "",
    ].join("\n");
    console.log(`\n${section}`);
    if (!flags["no-results"]) {
      const file = join(ROOT, "bench", "RESULTS.md");
      const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
      writeFileSync(file, `${current.replace(/\n*$/, "\n")}\n${section}`);
      log("appended to bench/RESULTS.md");
    }
  } finally {
    server.close();
    await sql.close();
    await db.$disconnect();
    await database.drop();
    rmSync(WORK, { recursive: true, force: true });
  }
  process.exit(checks.every((check) => check.ok) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
