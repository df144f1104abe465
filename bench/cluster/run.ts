// bench/cluster: three production instances on one PostgreSQL database behind a round-robin balancer.
//
//   npm run bench:cluster -- [--quick] [--orders 3000] [--port-base 3601] [--no-build] [--keep]
//
// The instances are `node scripts/serve.mjs <build>` in local-demo mode (bench/lib/harness DemoServer)
// sending their Admin API calls to one stand-in process shared by all (scripts/demo/admin-api-server.ts
// on port-base + 7, TALLY_LOCAL_ADMIN_API_URL), as they would share one Shopify: a code created by one
// instance is known to the others and to an instance restarted later (phase e). The balancer is
// bench/cluster/balancer.ts (retries refused/reset connections on the next instance). Phases:
//   a  throughput: orders/paid through a balancer with 1 instance, then with 3 (same load, new orders);
//   b  orders with refunds and cancellations, every delivery 3 times (distinct webhook ids), shuffled,
//      so copies land on different instances;
//   c  the same while one instance is SIGKILLed mid-load; every unacknowledged delivery is resent;
//   d  concurrent redemptions through the balancer: each customer has points for exactly 3 rewards and
//      sends 5 requests at once (plus retries with the same Idempotency-Key);
//   e  the instances restarted with background jobs on and the sweeps every 200 ms; every code from d
//      made expired: each must be released exactly once.
// Then: every balance equals the reference, ledger verify clean, no order credited above its reference.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import os from "node:os";
import {
  cpuBetween,
  cpuSnapshot,
  createDatabase,
  DemoServer,
  machine,
  revision,
  startStandinServer,
  summarise,
  type BenchDatabase,
  type CpuSnapshot,
} from "../lib/harness";
import {
  deliveriesFor,
  generateOrders,
  referencePoints,
  type BenchOrder,
  type Delivery,
} from "../webhooks/plan";
import type {
  LoadJob as WebhookJob,
  LoadMessage as WebhookMessage,
  LoadResult as WebhookResult,
  RunSummary,
} from "../webhooks/load";
import type {
  LoadJob as RedeemJob,
  LoadMessage as RedeemMessage,
  RedeemAnswer,
  RedeemResult,
} from "../redemption/load";
import type { BalancerStats } from "./balancer";
import { recordGoals } from "../lib/goals";
import { orderPayload } from "../../tests/factories/webhook-payloads";
import { webhookHeaders } from "../../tests/factories/webhook-request";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "tally-demo.myshopify.com";
const POINTS_EACH = 1500;
const REWARD_COST = 500;
const AFFORDABLE = POINTS_EACH / REWARD_COST;

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    orders: { type: "string" },
    "port-base": { type: "string", default: "3601" },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "no-results": { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const quick = flags.quick;
const portBase = Number(flags["port-base"]);
const config = {
  instances: 3,
  throughput: { seconds: quick ? 4 : 15, connections: 16, poolPerSecond: 1500 },
  shuffled: {
    orders: Number(flags.orders ?? (quick ? 600 : 5000)),
    copies: 3,
    concurrency: 32,
    refundRate: 0.1,
    cancelRate: 0.05,
  },
  crash: { orders: quick ? 600 : 5000, killAfterMs: quick ? 1500 : 4000 },
  redeem: { customers: quick ? 30 : 200, attempts: 5 },
  sweepIntervalMs: 200,
};

const TAG = `cl${Date.now().toString(36)}`;
const WORK = join(ROOT, "tmp", "bench", TAG);
mkdirSync(WORK, { recursive: true });
const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const children: ChildProcess[] = [];

// ---------------------------------------------------------------------------------------------
// Processes: load generators (reused from bench/webhooks and bench/redemption) and balancers

let jobCounter = 0;
function runChild<R>(
  script: string,
  job: unknown,
  onProgress?: (message: { done: number; ok: number; total: number }) => void,
): Promise<R> {
  const file = join(WORK, `job-${++jobCounter}.json`);
  writeFileSync(file, JSON.stringify(job));
  return new Promise((done, fail) => {
    const child = fork(join(ROOT, script), [file], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: R | null = null;
    let failure = "";
    child.on("message", (message: WebhookMessage | RedeemMessage) => {
      if (message.type === "progress") onProgress?.(message);
      else if (message.type === "result") result = message.result as R;
      else if (message.type === "error") failure = message.message;
    });
    child.once(
      "close",
      (code) => (
        rmSync(file, { force: true }),
        result ? done(result) : fail(new Error(`${script} failed (${code}): ${failure}`))
      ),
    );
  });
}
const webhookLoad = (
  job: WebhookJob,
  onProgress?: (message: { done: number; ok: number; total: number }) => void,
) => runChild<WebhookResult>("bench/webhooks/load.ts", job, onProgress);
const redeemLoad = (job: RedeemJob) => runChild<RedeemResult>("bench/redemption/load.ts", job);

class Balancer {
  private child!: ChildProcess;
  constructor(
    readonly port: number,
    private readonly upstreams: string[],
  ) {}
  get url() {
    return `http://localhost:${this.port}`;
  }
  async start() {
    this.child = fork(
      join(ROOT, "bench/cluster/balancer.ts"),
      [String(this.port), this.upstreams.join(",")],
      { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    children.push(this.child);
    await new Promise<void>((ready) => this.child.once("message", () => ready()));
  }
  stats(): Promise<BalancerStats> {
    return new Promise((answer) => {
      this.child.once("message", (message: { stats: BalancerStats }) => answer(message.stats));
      this.child.send({ type: "stats" });
    });
  }
  stop() {
    // Not started when the run failed before it (e.g. an instance did not come up).
    this.child?.kill("SIGTERM");
  }
}

// ---------------------------------------------------------------------------------------------
// Setup and checks

async function prepare(database: BenchDatabase) {
  Object.assign(process.env, {
    NODE_ENV: "production",
    SHOPIFY_API_KEY: "tally-local-demo",
    SHOPIFY_API_SECRET: "x".repeat(32),
    SHOPIFY_APP_URL: "http://localhost:3000",
    TALLY_LOCAL_DEMO: "0",
    DATABASE_URL: database.url,
  });
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(database.url);
  const { createPrismaClient } = await import("../../app/db.server");
  const { installShop } = await import("../../tests/factories/shop");
  const db = createPrismaClient(database.url);
  await installShop(db, SHOP);
  await db.$disconnect();
}

async function ledgerVerify(database: BenchDatabase) {
  const { createPrismaClient } = await import("../../app/db.server");
  const { verifyLedger } = await import("../../app/models/ledger-verify.server");
  const db = createPrismaClient(database.url);
  try {
    return await verifyLedger(db, SHOP, new Date());
  } finally {
    await db.$disconnect();
  }
}

/** Expected balance per Shopify customer id, and expected points per order. */
class Reference {
  readonly customers = new Map<string, number>();
  readonly orders = new Map<string, number>();
  add(orders: Iterable<BenchOrder>) {
    for (const order of orders) {
      const points = referencePoints(order);
      this.orders.set(String(order.id), points);
      this.customers.set(
        String(order.customer),
        (this.customers.get(String(order.customer)) ?? 0) + points,
      );
    }
  }
}

interface Check {
  name: string;
  problems: string[];
  detail: string;
}
const checks: Check[] = [];
function check(name: string, problems: string[], detail: string) {
  checks.push({ name, problems, detail });
  log(
    `${problems.length ? "FAIL" : "ok  "} ${name}: ${detail}${problems.length ? ` — ${problems.slice(0, 3).join("; ")}` : ""}`,
  );
}

async function checkBalances(database: BenchDatabase, reference: Reference, phase: string) {
  const rows = await database.query<{ id: string; balance: number }>(
    `SELECT "shopifyCustomerId" AS id, balance FROM "Customer" WHERE shop = ?`,
    [SHOP],
  );
  const balances = new Map(rows.map((row) => [row.id, Number(row.balance)]));
  const problems: string[] = [];
  for (const [id, expected] of reference.customers)
    if ((balances.get(id) ?? 0) !== expected)
      problems.push(`customer ${id}: ${balances.get(id) ?? "missing"} ≠ ${expected}`);
  const orders = await database.query<{ id: string; points: number | null }>(
    `SELECT o."shopifyOrderId" AS id, SUM(l.points) AS points FROM "Order" o LEFT JOIN "LedgerEntry" l ON l."orderId" = o.id WHERE o.shop = ? GROUP BY o."shopifyOrderId"`,
    [SHOP],
  );
  let over = 0;
  for (const row of orders) {
    const expected = reference.orders.get(row.id);
    if (expected !== undefined && Number(row.points ?? 0) > expected) over++;
    if (expected !== undefined && Number(row.points ?? 0) !== expected)
      problems.push(`order ${row.id}: ledger ${row.points} ≠ ${expected}`);
  }
  if (over) problems.unshift(`${over} orders credited above the reference (double credit)`);
  check(
    `${phase}: every balance and order equals the reference`,
    problems,
    `${reference.customers.size} customers, ${reference.orders.size} orders`,
  );
}

// ---------------------------------------------------------------------------------------------
// Phases

const target = (url: string, secret: string) => ({ baseUrl: url, shop: SHOP, secret });
let nextOrderId = 6_100_000_000;
let nextCustomer = 760_000_000;
function newOrders(count: number, seed: number, refundRate = 0, cancelRate = 0) {
  const orders = generateOrders({
    seed,
    firstOrderId: nextOrderId,
    firstCustomerId: nextCustomer,
    customers: Math.max(200, Math.round(count / 4)),
    count,
    refundRate,
    cancelRate,
    now: new Date(),
  });
  nextOrderId += count + 1;
  nextCustomer += 10_000_000;
  return orders;
}

async function resend(
  url: string,
  secret: string,
  orders: BenchOrder[],
  deliveries: Delivery[],
  statuses: number[],
) {
  let pending = deliveries.map((_, index) => index).filter((index) => statuses[index] !== 200);
  let resent = 0;
  for (let round = 0; round < 5 && pending.length; round++) {
    resent += pending.length;
    const result = await webhookLoad({
      ...target(url, secret),
      kind: "send",
      orders,
      deliveries: pending.map((index) => deliveries[index]),
      concurrency: 8,
    });
    pending.forEach((index, i) => (statuses[index] = result.statuses[i]));
    pending = pending.filter((index) => statuses[index] !== 200);
  }
  return { resent, stillFailing: pending.length };
}

interface Throughput {
  instances: number;
  run: RunSummary;
  cpu: number;
  /** Server CPU ms per delivery, warm-up included: the instances' processes, this database's backends. */
  perDelivery: { instances: number; postgres: number };
}

/** The backends serving the bench's database (the instances' pools and the checks' connection). */
const backendPids = async (database: BenchDatabase) =>
  (
    await database.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
    )
  ).map((row) => Number(row.pid));

/** CPU ms the given processes used between two snapshots (a process that ended meanwhile is lost). */
function cpuMsOf(pids: Iterable<number>, start: CpuSnapshot, end: CpuSnapshot): number {
  let ticks = 0;
  for (const pid of new Set(pids))
    ticks += (end.procs.get(pid)?.ticks ?? 0) - (start.procs.get(pid)?.ticks ?? 0);
  return (ticks / CLOCK_TICKS) * 1000;
}
const CLOCK_TICKS = 100; // CLK_TCK on Linux

/** Cores the whole machine used (other teams' work included: the machine is shared). */
const coresUsed = (start: CpuSnapshot, end: CpuSnapshot) =>
  cpuBetween(start, end, undefined, 0).machine;

async function throughput(
  balancer: Balancer,
  servers: readonly DemoServer[],
  database: BenchDatabase,
  secret: string,
  reference: Reference,
  seed: number,
): Promise<Throughput> {
  const instances = servers.length;
  const backendsBefore = await backendPids(database);
  const { seconds, connections, poolPerSecond } = config.throughput;
  const orders = newOrders(poolPerSecond * (seconds + 2), seed);
  const pool = deliveriesFor(orders, {
    tag: `${TAG}-a${instances}`,
    copies: 1,
    seed: 0,
    shuffle: false,
  });
  const before = cpuSnapshot();
  const result = await webhookLoad({
    ...target(balancer.url, secret),
    kind: "autocannon",
    orders,
    pool,
    runs: [
      {
        label: "warm-up",
        path: "/webhooks/orders/paid",
        connections,
        duration: 2,
        source: "consume",
      },
      {
        label: "measured",
        path: "/webhooks/orders/paid",
        connections,
        duration: seconds,
        source: "consume",
      },
    ],
  });
  const after = cpuSnapshot();
  const cpu = coresUsed(before, after);
  const backends = [...backendsBefore, ...(await backendPids(database))];
  const perDelivery = {
    instances:
      cpuMsOf(
        servers.flatMap((server) => (server.pid ? [server.pid] : [])),
        before,
        after,
      ) / result.consumed,
    postgres: cpuMsOf(backends, before, after) / result.consumed,
  };
  const sent = pool.slice(0, result.consumed);
  const { stillFailing } = await resend(
    balancer.url,
    secret,
    orders,
    sent,
    result.statuses.slice(0, result.consumed),
  );
  if (stillFailing) throw new Error(`a: ${stillFailing} deliveries never acknowledged`);
  reference.add(orders.slice(0, result.consumed));
  const run = result.runs.find((r) => r.label === "measured")!;
  log(
    `a: ${instances} instance(s): ${run.okPerSecond.toFixed(0)} orders/s, p50 ${run.latency.p50.toFixed(0)} ms, p99 ${run.latency.p99.toFixed(0)} ms; machine ${cpu.toFixed(2)} cores busy, load average ${os.loadavg()[0].toFixed(1)}; server CPU per delivery ${perDelivery.instances.toFixed(2)} ms instances + ${perDelivery.postgres.toFixed(2)} ms PostgreSQL`,
  );
  return { instances, run, cpu, perDelivery };
}

async function shuffled(
  balancer: Balancer,
  secret: string,
  reference: Reference,
  kill?: { server: DemoServer; afterMs: number },
) {
  const { copies, concurrency, refundRate, cancelRate } = config.shuffled;
  const count = kill ? config.crash.orders : config.shuffled.orders;
  const orders = newOrders(count, kill ? 41 : 31, refundRate, cancelRate);
  const deliveries = deliveriesFor(orders, {
    tag: `${TAG}-${kill ? "c" : "b"}`,
    copies,
    seed: kill ? 42 : 32,
    shuffle: true,
  });
  const statsBefore = await balancer.stats();
  let timer: NodeJS.Timeout | undefined;
  let killedAt = 0;
  const started = Date.now();
  const result = await webhookLoad(
    { ...target(balancer.url, secret), kind: "send", orders, deliveries, concurrency },
    () => {
      if (kill && !timer) {
        timer = setTimeout(() => {
          killedAt = Date.now() - started;
          void kill.server.stop("SIGKILL");
          log(
            `c: instance on port ${kill.server.port} SIGKILLed after ${(killedAt / 1000).toFixed(1)} s`,
          );
        }, kill.afterMs);
      }
    },
  );
  clearTimeout(timer);
  const firstTime = result.statuses.filter((status) => status !== 200).length;
  const { resent, stillFailing } = await resend(
    balancer.url,
    secret,
    orders,
    deliveries,
    result.statuses,
  );
  reference.add(orders);
  const statsAfter = await balancer.stats();
  const figures = {
    orders: count,
    deliveries: deliveries.length,
    refunds: orders.filter((o) => o.refund).length,
    cancels: orders.filter((o) => o.cancelledAt).length,
    run: result.runs[0],
    firstTime,
    resent,
    stillFailing,
    killedAt,
    perInstance: statsAfter.answered.map((n, i) => n - statsBefore.answered[i]),
    retried: statsAfter.retried - statsBefore.retried,
    failed: statsAfter.failed - statsBefore.failed,
  };
  log(
    `${kill ? "c" : "b"}: ${deliveries.length} deliveries in ${result.runs[0].seconds.toFixed(1)} s; answered per instance ${figures.perInstance.join("/")}; balancer retried ${figures.retried}; ${firstTime} not acknowledged first time, ${resent} resent, ${stillFailing} never`,
  );
  if (kill && !killedAt)
    throw new Error("c: the batch finished before the kill; raise the order count");
  return figures;
}

async function seedPoints(url: string, secret: string, customers: number[]) {
  const createdAt = new Date(Date.now() - 3_600_000).toISOString();
  for (let start = 0; start < customers.length; start += 8) {
    await Promise.all(
      customers.slice(start, start + 8).map(async (customer) => {
        const body = JSON.stringify(
          orderPayload({
            id: 7_000_000_000 + customer,
            customer: { id: customer },
            lines: [{ price: POINTS_EACH * 100 }],
            createdAt,
            updatedAt: createdAt,
          }),
        );
        const response = await fetch(`${url}/webhooks/orders/paid`, {
          method: "POST",
          headers: webhookHeaders(body, { shop: SHOP, topic: "orders/paid", secret }),
          body,
        });
        if (response.status !== 200)
          throw new Error(`seeding customer ${customer}: ${response.status}`);
        await response.arrayBuffer();
      }),
    );
  }
}

async function redemptions(database: BenchDatabase, balancer: Balancer, server: DemoServer) {
  const customers = Array.from({ length: config.redeem.customers }, (_, i) => 980_001 + i);
  await seedPoints(balancer.url, server.env.SHOPIFY_API_SECRET, customers);
  const [{ id: rewardId }] = await database.query<{ id: string }>(
    `SELECT id FROM "Reward" WHERE shop = ? ORDER BY position LIMIT 1`,
    [SHOP],
  );
  // Each customer: `attempts` different keys at once, and the first key sent twice more (retries).
  const sequences = customers.flatMap((customer) => [
    ...Array.from({ length: config.redeem.attempts }, (_, attempt) => [
      { customer, key: `cluster-${customer}-${attempt}`, rewardId },
    ]),
    [{ customer, key: `cluster-${customer}-0`, rewardId, retry: true }],
    [{ customer, key: `cluster-${customer}-0`, rewardId, retry: true }],
  ]);
  const result = await redeemLoad({
    baseUrl: balancer.url,
    shop: SHOP,
    apiKey: server.env.SHOPIFY_API_KEY,
    secret: server.env.SHOPIFY_API_SECRET,
    kind: "redeem",
    sequences,
    concurrency: sequences.length,
  });
  const byCustomer = new Map<number, RedeemAnswer[]>();
  for (const answer of result.answers)
    byCustomer.set(answer.customer, [...(byCustomer.get(answer.customer) ?? []), answer]);
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  for (const answer of result.answers)
    statuses[`${answer.status}${answer.error ? ` ${answer.error}` : ""}`] =
      (statuses[`${answer.status}${answer.error ? ` ${answer.error}` : ""}`] ?? 0) + 1;
  for (const [customer, answers] of byCustomer) {
    const redemptionIds = new Set(
      answers.filter((a) => a.status === 201 || a.status === 200).map((a) => a.redemptionId),
    );
    if (redemptionIds.size !== AFFORDABLE)
      problems.push(
        `customer ${customer}: ${redemptionIds.size} redemptions, ${AFFORDABLE} affordable`,
      );
  }
  const rows = await database.query<{ id: string; balance: number; issued: number }>(
    `SELECT c."shopifyCustomerId" AS id, c.balance, (SELECT COUNT(*) FROM "Redemption" r WHERE r."customerId" = c.id AND r.status = 'issued') AS issued FROM "Customer" c WHERE c.shop = ? AND c."shopifyCustomerId" IN (${customers.map(() => "?").join(",")})`,
    [SHOP, ...customers.map(String)],
  );
  for (const row of rows) {
    if (Number(row.balance) < 0)
      problems.push(`customer ${row.id}: balance ${row.balance} below zero`);
    if (
      Number(row.balance) !== POINTS_EACH - AFFORDABLE * REWARD_COST ||
      Number(row.issued) !== AFFORDABLE
    )
      problems.push(`customer ${row.id}: balance ${row.balance}, ${row.issued} issued codes`);
  }
  const latency = summarise(result.answers.map((a) => a.ms));
  check(
    "d: concurrent redemptions: exactly the affordable number succeed, no balance below zero",
    problems,
    `${customers.length} customers × ${config.redeem.attempts} keys at once + 2 retries each (${result.answers.length} requests in ${result.seconds.toFixed(1)} s, p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms); answers ${JSON.stringify(statuses)}`,
  );
  return { customers, requests: result.answers.length, seconds: result.seconds, statuses, latency };
}

async function sweeps(database: BenchDatabase, servers: DemoServer[], customers: number[]) {
  for (const server of servers) await server.stop();
  // Every code from phase d ended a minute ago; the instances come back with their sweeps on.
  const expiredAt = new Date(Date.now() - 60_000);
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: database.url });
  await client.connect();
  const { rowCount } = await client.query(
    `UPDATE "Redemption" SET "expiresAt" = $1 WHERE shop = $2 AND status = 'issued'`,
    [expiredAt, SHOP],
  );
  await client.end();
  for (const server of servers)
    server.extraEnv = {
      ...server.extraEnv,
      TALLY_BACKGROUND_JOBS: "1",
      TALLY_REDEMPTION_SWEEP_INTERVAL_MS: String(config.sweepIntervalMs),
    };
  await Promise.all(servers.map((server) => server.start()));
  const started = Date.now();
  let left = Number(rowCount);
  while (left > 0 && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 500));
    [{ left }] = (
      await database.query<{ left: number }>(
        `SELECT COUNT(*) AS left FROM "Redemption" WHERE shop = ? AND status = 'issued'`,
        [SHOP],
      )
    ).map((r) => ({ left: Number(r.left) }));
  }
  const seconds = (Date.now() - started) / 1000;
  // Let the sweeps run a few more rounds over nothing, on all instances at once.
  await new Promise((r) => setTimeout(r, config.sweepIntervalMs * 5));
  const releases = await database.query<{ id: string; releases: number; status: string }>(
    `SELECT r.id, r.status, (SELECT COUNT(*) FROM "LedgerEntry" l WHERE l.shop = r.shop AND l.kind = 'release' AND l."idempotencyKey" = 'redemption:' || r.id || ':release') AS releases FROM "Redemption" r WHERE r.shop = ?`,
    [SHOP],
  );
  const problems = releases
    .filter((r) => r.status !== "expired" || Number(r.releases) !== 1)
    .map((r) => `redemption ${r.id}: ${r.status}, ${r.releases} release entries`);
  const balances = await database.query<{ id: string; balance: number }>(
    `SELECT "shopifyCustomerId" AS id, balance FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" IN (${customers.map(() => "?").join(",")})`,
    [SHOP, ...customers.map(String)],
  );
  for (const row of balances)
    if (Number(row.balance) !== POINTS_EACH)
      problems.push(
        `customer ${row.id}: balance ${row.balance} after the sweep, ${POINTS_EACH} expected`,
      );
  // Which instance released how many (from each instance's structured log).
  const perInstance = servers.map((server) =>
    server
      .appLogLines()
      .map((line) => {
        try {
          return JSON.parse(line) as { message?: string; job?: string; released?: number };
        } catch {
          return {};
        }
      })
      // The job runner's line for each sweep that did something (app/jobs/background.server.ts).
      .filter((event) => event.message === "job ran" && event.job === "redemption-release")
      .reduce((sum, event) => sum + (event.released ?? 0), 0),
  );
  check(
    "e: sweeps on every instance at once: each expired code released exactly once",
    problems,
    `${rowCount} codes expired, all released in ${seconds.toFixed(1)} s; releases logged per instance ${perInstance.join("/")} (sum ${perInstance.reduce((a, b) => a + b, 0)})`,
  );
  return { expired: Number(rowCount), seconds, perInstance };
}

// ---------------------------------------------------------------------------------------------
// Main

const startLoad = os.loadavg()[0];

async function main() {
  const startedAt = new Date();
  if (!flags["no-build"]) {
    log("building (remix build)…");
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"],
      {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
  }
  cpSync(join(ROOT, "build"), join(WORK, "build"), { recursive: true });
  const buildIndex = join(WORK, "build", "index.js");
  const database = await createDatabase("postgresql", {
    work: WORK,
    tag: TAG,
    pgAdminUrl: flags["pg-url"]!,
  });
  const servers = Array.from(
    { length: config.instances },
    (_, i) =>
      new DemoServer(ROOT, buildIndex, portBase + i, database.url, join(WORK, `instance-${i + 1}`)),
  );
  // Three boots at once on the shared cores, again in phase e: give them time rather than fail the run.
  for (const server of servers) server.startTimeoutMs = 180_000;
  const single = new Balancer(portBase + 8, [servers[0].url]);
  const cluster = new Balancer(
    portBase + 9,
    servers.map((server) => server.url),
  );
  const report: Record<string, unknown> = {};
  let failure: string | null = null;
  let standin: Awaited<ReturnType<typeof startStandinServer>> | null = null;
  try {
    await prepare(database);
    standin = await startStandinServer(ROOT, portBase + 7);
    for (const server of servers) server.extraEnv = { TALLY_LOCAL_ADMIN_API_URL: standin.url };
    const version = await database.version();
    await Promise.all(servers.map((server) => server.start()));
    await single.start();
    await cluster.start();
    log(
      `${version}; instances on ${servers.map((s) => s.port).join(", ")}; balancers ${single.port} (1 instance), ${cluster.port} (3); Admin API stand-in ${standin.url}`,
    );
    const secret = servers[0].env.SHOPIFY_API_SECRET;
    const reference = new Reference();
    report.version = version;
    report.a1 = await throughput(single, servers.slice(0, 1), database, secret, reference, 11);
    report.a3 = await throughput(cluster, servers, database, secret, reference, 12);
    await checkBalances(database, reference, "a");
    report.b = await shuffled(cluster, secret, reference);
    await checkBalances(database, reference, "b");
    report.c = await shuffled(cluster, secret, reference, {
      server: servers[1],
      afterMs: config.crash.killAfterMs,
    });
    await checkBalances(database, reference, "c");
    await servers[1].start();
    report.d = await redemptions(database, cluster, servers[0]);
    report.e = await sweeps(database, servers, (report.d as { customers: number[] }).customers);
    await checkBalances(database, reference, "after all phases");
    const verified = await ledgerVerify(database);
    check(
      "ledger verify (app/models/ledger-verify.server.ts)",
      verified.mismatches.map(
        (m) =>
          `${m.customerId}: cached ${JSON.stringify(m.cached)} ≠ ${JSON.stringify(m.fromLedger)}`,
      ),
      `${verified.customersChecked} customers checked`,
    );
    const errors = servers.flatMap((server) => server.serverErrors());
    check("no 5xx answer from any instance", errors, `${errors.length} 5xx`);
  } catch (error) {
    failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`FAILED: ${failure}`);
  } finally {
    single.stop();
    cluster.stop();
    await Promise.all(servers.map((server) => server.stop()));
    standin?.stop();
    if (!flags.keep) await database.drop();
  }
  const section = markdown(report, failure, startedAt);
  console.log(`\n${section}`);
  if (!flags["no-results"]) {
    appendFileSync(join(ROOT, "bench", "RESULTS.md"), `\n${section}`);
    const a1 = report.a1 as Throughput | undefined;
    const a3 = report.a3 as Throughput | undefined;
    if (a1 && a3)
      recordGoals(ROOT, [
        {
          id: "cluster-cpu-per-delivery",
          issue: "#23",
          goal: "PostgreSQL: server CPU per delivery with 3 instances ≤ 1.1× that with 1",
          figure: `${cpuRatio(a1, a3).toFixed(2)}× (${serverCpu(a3).toFixed(2)} vs ${serverCpu(a1).toFixed(2)} ms: instances ${a3.perDelivery.instances.toFixed(2)} vs ${a1.perDelivery.instances.toFixed(2)}, PostgreSQL ${a3.perDelivery.postgres.toFixed(2)} vs ${a1.perDelivery.postgres.toFixed(2)}); load ${os.loadavg()[0].toFixed(0)}`,
          met: cpuRatio(a1, a3) <= 1.1,
          command: `npm run bench:cluster -- ${process.argv.slice(2).join(" ")}`.trim(),
        },
      ]);
  }
  const failed = Boolean(failure) || checks.some((c) => c.problems.length);
  if (!flags.keep && !failed) rmSync(WORK, { recursive: true, force: true });
  else log(`kept ${WORK}`);
  process.exit(failed ? 1 : 0);
}

/** What one delivery costs the servers: the instances' processes and PostgreSQL's backends. */
const serverCpu = (t: Throughput) => t.perDelivery.instances + t.perDelivery.postgres;
const cpuRatio = (a1: Throughput, a3: Throughput) => serverCpu(a3) / serverCpu(a1);

function markdown(
  report: Record<string, unknown>,
  failure: string | null,
  startedAt: Date,
): string {
  const m = machine();
  const args = process.argv.slice(2).join(" ");
  const a1 = report.a1 as Throughput | undefined;
  const a3 = report.a3 as Throughput | undefined;
  const phase = (x: unknown) => x as Awaited<ReturnType<typeof shuffled>> | undefined;
  const rows: [string, string][] = [];
  const tp = (t: Throughput) =>
    `${Math.round(t.run.okPerSecond)} orders/s; p50 ${t.run.latency.p50.toFixed(0)} ms, p99 ${t.run.latency.p99.toFixed(0)} ms; machine ${t.cpu.toFixed(2)} of ${m.cores} cores busy (other work included); server CPU per delivery ${serverCpu(t).toFixed(2)} ms (instances ${t.perDelivery.instances.toFixed(2)}, PostgreSQL ${t.perDelivery.postgres.toFixed(2)})`;
  if (a1)
    rows.push([
      `a orders/paid, 1 instance behind the balancer (${config.throughput.connections} conn, ${config.throughput.seconds} s)`,
      tp(a1),
    ]);
  if (a3) rows.push([`a the same, 3 instances behind the balancer`, tp(a3)]);
  if (a1 && a3)
    rows.push([
      "a server CPU per delivery, 3 instances ÷ 1 (goal ≤ 1.1×)",
      `${cpuRatio(a1, a3).toFixed(2)}× (${serverCpu(a3).toFixed(2)} vs ${serverCpu(a1).toFixed(2)} ms)`,
    ]);
  if (a1 && a3)
    rows.push([
      "a scaling 3 ÷ 1",
      `${(a3.run.okPerSecond / a1.run.okPerSecond).toFixed(2)}× — ${m.cores} cores shared by PostgreSQL, the balancer, the load generator and the instances: more instances cannot add CPU here`,
    ]);
  for (const [key, label] of [
    ["b", "b"],
    ["c", "c (one instance SIGKILLed mid-load)"],
  ] as const) {
    const x = phase(report[key]);
    if (x)
      rows.push([
        `${label}: ${x.orders} orders (${x.refunds} refunded, ${x.cancels} cancelled), ${x.deliveries} deliveries ×3 shuffled`,
        `${Math.round(x.deliveries / x.run.seconds)} deliveries/s; answered per instance ${x.perInstance.join(" / ")}; balancer retried ${x.retried} on another instance, ${x.failed} unanswered; ${x.firstTime} not acknowledged first time, resent until acknowledged (${x.stillFailing} never)${x.killedAt ? `; killed after ${(x.killedAt / 1000).toFixed(1)} s` : ""}`,
      ]);
  }
  const d = report.d as Awaited<ReturnType<typeof redemptions>> | undefined;
  if (d)
    rows.push([
      `d redemptions: ${d.customers.length} customers × ${config.redeem.attempts} keys at once + 2 same-key retries, through the balancer`,
      `${d.requests} requests in ${d.seconds.toFixed(1)} s, p50 ${d.latency.p50.toFixed(0)} ms, p99 ${d.latency.p99.toFixed(0)} ms; answers ${Object.entries(
        d.statuses,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")} (one Admin API stand-in shared by the instances)`,
    ]);
  const e = report.e as Awaited<ReturnType<typeof sweeps>> | undefined;
  if (e)
    rows.push([
      `e sweeps on all 3 instances every ${config.sweepIntervalMs} ms`,
      `${e.expired} expired codes released in ${e.seconds.toFixed(1)} s; releases per instance ${e.perInstance.join(" / ")}`,
    ]);
  for (const c of checks)
    rows.push([
      `✔ ${c.name}`,
      c.problems.length
        ? `**FAIL**: ${c.problems.slice(0, 3).join("; ")} (${c.detail})`
        : `ok: ${c.detail}`,
    ]);
  if (failure) rows.push(["**run failed**", `\`${failure.split("\n")[0]}\``]);
  return [
    `## ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — cluster (3 instances, PostgreSQL)${quick ? " (--quick)" : ""}`,
    "",
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM (shared with other work: compare within one run); load average at the start ${startLoad.toFixed(1)}, at the end ${os.loadavg()[0].toFixed(1)}`,
    `- node ${process.version}; ${String(report.version ?? "")}; revision ${revision(ROOT)}`,
    `- command: \`npm run bench:cluster${args ? ` -- ${args}` : ""}\` (${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min)`,
    "",
    "| measure | result |",
    "|---|---|",
    ...rows.map(([a, b]) => `| ${a} | ${b.replace(/\|/g, "\\|")} |`),
    "",
  ].join("\n");
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(
    signal,
    () => (children.forEach((child) => child.kill("SIGKILL")), process.exit(130)),
  );
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
