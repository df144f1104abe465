// bench/webhooks: the webhook path under load, on a production build, on SQLite and PostgreSQL.
//
//   npm run bench:webhooks -- [--db sqlite|postgresql|both] [--orders 100000] [--quick]
//                             [--connections 16] [--no-build] [--keep] [--phases ABCD]
//                             [--without-totals]   (Home's totals triggers dropped: decision 052's A/B)
//
// Per database: a fresh database, migrated, with the shop installed; the server (scripts/serve.mjs, `npm start`, on a
// copy of the build) as a child process; the load from a separate process (load.ts). Phases:
//   A  throughput: autocannon against the bare HMAC route (/webhooks/bench/hmac), authenticate.webhook (/webhooks/bench/authenticate) and /webhooks/orders/paid,
//      same connections and duration, every crediting request a distinct order;
//   B  acknowledgement latency at 200 deliveries/s (autocannon overallRate, then an open-loop sender);
//   C  N orders (~5% refunded, ~2% cancelled), every delivery 3 times with distinct webhook ids,
//      globally shuffled, 32 at a time;
//   D  a fresh batch; the server is SIGKILLed mid-load, restarted, every unacknowledged delivery resent.
// After each phase every balance (and every order's ledger total) is checked against the reference
// computed from the rules (plan.ts). The summary is printed and appended to bench/RESULTS.md.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createDatabase,
  freePort,
  machine,
  revision,
  type BenchDatabase,
  type Kind,
} from "../lib/harness";
import type { AutocannonRun, LoadJob, LoadMessage, LoadResult, RunSummary } from "./load";
import { dropTotalsTriggers } from "../lib/program-totals";
import { seededRandom } from "../../tests/factories/random";
import {
  deliveriesFor,
  domainPoints,
  generateOrders,
  MEMBER_BUDGET,
  referencePoints,
  type BenchOrder,
  type Delivery,
} from "./plan";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "tally-bench.myshopify.com";
const SECRET = "tally-bench-secret-0123456789abcdef";
const API_KEY = "tally-bench";

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    orders: { type: "string" },
    quick: { type: "boolean", default: false },
    connections: { type: "string", default: "16" },
    "crash-orders": { type: "string" },
    build: { type: "boolean", default: true },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
    "no-results": { type: "boolean", default: false },
    phases: { type: "string", default: "ABCD" },
    "without-totals": { type: "boolean", default: false },
  },
  allowPositionals: false,
});

const quick = flags.quick;
const config = {
  databases:
    flags.db === "both"
      ? (["sqlite", "postgresql"] as const)
      : flags.db === "sqlite" || flags.db === "postgresql"
        ? ([flags.db] as const)
        : usage(`--db must be sqlite, postgresql or both (got ${flags.db})`),
  // The routes alternate in rounds (hmac, orders/paid, hmac, …) so drift on a shared machine hits both alike.
  throughput: {
    connections: Number(flags.connections),
    warmup: quick ? 2 : 3,
    duration: quick ? 6 : 15,
    rounds: 3,
    customers: 5000,
  },
  rate: { rate: 200, duration: quick ? 10 : 20, connections: 10 },
  shuffled: {
    orders: Number(flags.orders ?? (quick ? 5000 : 100_000)),
    copies: 3,
    concurrency: 32,
    refundRate: 0.05,
    cancelRate: 0.02,
  },
  crash: {
    orders: Number(flags["crash-orders"] ?? (quick ? 5000 : 20_000)),
    killAfterMs: quick ? 2000 : 5000,
    killAtFraction: 0.5,
    concurrency: 32,
  },
};
// Distinct orders the throughput phase can send to the crediting route; a faster route repeats deliveries (reported).
const THROUGHPUT_POOL_PER_SECOND = 4000;

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run bench:webhooks -- [--db sqlite|postgresql|both] [--orders 100000] [--quick] [--connections 16] [--crash-orders 20000] [--no-build] [--keep] [--phases ABCD]`,
  );
  process.exit(2);
}
for (const [name, value] of Object.entries({
  "--orders": config.shuffled.orders,
  "--connections": config.throughput.connections,
  "--crash-orders": config.crash.orders,
})) {
  if (!Number.isInteger(value) || value <= 0) usage(`${name} must be a positive whole number`);
}

const TAG = `wb${Date.now().toString(36)}`;
const WORK = join(ROOT, "tmp", "bench", TAG);
mkdirSync(WORK, { recursive: true });

// The orchestrator imports app modules that validate the environment at import.
Object.assign(process.env, {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://localhost:3000",
  TALLY_LOCAL_DEMO: "0",
});

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------------------------
// Databases

async function prepareDatabase(database: BenchDatabase) {
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  const applied = await migrateDatabase(database.url);
  const { createPrismaClient } = await import("../../app/db.server");
  const { installShop } = await import("../../tests/factories/shop");
  const db = createPrismaClient(database.url);
  try {
    await installShop(db, SHOP);
    if (flags["without-totals"]) await dropTotalsTriggers(db, database.kind);
  } finally {
    await db.$disconnect();
  }
  log(`${database.kind}: migrated (${applied.length} migrations), shop installed`);
}

// ---------------------------------------------------------------------------------------------
// The server

class Server {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly url: string;
  constructor(
    private readonly buildIndex: string,
    readonly port: number,
    private readonly databaseUrl: string,
    private readonly logPrefix: string,
  ) {
    this.url = `http://localhost:${port}`;
  }

  async start(): Promise<void> {
    const out = openSync(`${this.logPrefix}.out.log`, "a");
    const err = openSync(`${this.logPrefix}.err.log`, "a");
    // node directly (not npx): SIGKILL must reach the server process itself.
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written on SIGTERM).
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(ROOT, "scripts/serve.mjs"), this.buildIndex],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(this.port),
          SHOPIFY_API_KEY: API_KEY,
          SHOPIFY_API_SECRET: SECRET,
          SHOPIFY_APP_URL: this.url,
          DATABASE_URL: this.databaseUrl,
          TALLY_BACKGROUND_JOBS: "0",
          TALLY_BENCH_ROUTES: "1",
          TALLY_LOCAL_DEMO: "0",
        },
        stdio: ["ignore", out, err],
      },
    );
    closeSync(out);
    closeSync(err);
    this.child = child;
    let exitCode: number | null | undefined;
    this.exited = new Promise((done) => child.once("exit", (code) => ((exitCode = code), done())));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exitCode !== undefined)
        throw new Error(`the server exited (${exitCode}) while starting:\n${this.tail("err")}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not answer /healthz within 60 s:\n${this.tail("err")}`);
  }

  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null)
      return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  tail(stream: "out" | "err", lines = 30): string {
    const file = `${this.logPrefix}.${stream}.log`;
    return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";
  }

  errorLines(): string[] {
    const file = `${this.logPrefix}.err.log`;
    return existsSync(file)
      ? readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
      : [];
  }

  /** Request lines morgan logged with a 5xx status. */
  serverErrors(): string[] {
    const file = `${this.logPrefix}.out.log`;
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => /^(POST|GET) \S+ 5\d\d /.test(line));
  }
}

// ---------------------------------------------------------------------------------------------
// The load process

let jobCounter = 0;
let activeLoad: ChildProcess | null = null;

function runLoad(
  job: LoadJob,
  onProgress?: (progress: { done: number; ok: number; total: number }) => void,
): Promise<LoadResult> {
  const file = join(WORK, `job-${++jobCounter}.json`);
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolveLoad, reject) => {
    const child = fork(join(ROOT, "bench/webhooks/load.ts"), [file], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    activeLoad = child;
    let result: LoadResult | null = null;
    let failure: string | null = null;
    child.on("message", (message: LoadMessage) => {
      if (message.type === "progress") onProgress?.(message);
      else if (message.type === "result") result = message.result;
      else failure = message.message;
    });
    // "close", not "exit": it comes after the IPC channel has delivered every message.
    child.once("close", (code) => {
      activeLoad = null;
      rmSync(file, { force: true });
      if (result) resolveLoad(result);
      else reject(new Error(`the load process failed (exit ${code}): ${failure ?? "no result"}`));
    });
  });
}

const target = (server: Server) => ({ baseUrl: server.url, shop: SHOP, secret: SECRET });

/** Sends every delivery that has no 200 yet (same webhook ids, as Shopify retries), until all are acknowledged. */
async function resendUnacknowledged(
  server: Server,
  orders: BenchOrder[],
  deliveries: Delivery[],
  statuses: number[],
): Promise<{ resent: number; rounds: number; duplicates: number; stillFailing: number }> {
  let resent = 0;
  let duplicates = 0;
  let rounds = 0;
  let pending = deliveries.map((_, index) => index).filter((index) => statuses[index] !== 200);
  while (pending.length > 0 && rounds < 5) {
    rounds++;
    resent += pending.length;
    const result = await runLoad({
      ...target(server),
      kind: "send",
      orders,
      deliveries: pending.map((index) => deliveries[index]),
      concurrency: 8,
    });
    duplicates += result.duplicates;
    pending.forEach((index, i) => (statuses[index] = result.statuses[i]));
    pending = pending.filter((index) => statuses[index] !== 200);
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 1000));
  }
  return { resent, rounds, duplicates, stillFailing: pending.length };
}

// ---------------------------------------------------------------------------------------------
// The reference and the check

class Reference {
  readonly customers = new Map<string, number>();
  readonly orders = new Map<string, { points: number; maxEntries: number }>();
  /** Distinct webhook ids sent to the crediting routes (each must leave one WebhookDelivery row). */
  deliveryIds = 0;

  add(orders: Iterable<BenchOrder>): void {
    for (const order of orders) {
      const points = referencePoints(order);
      const domain = domainPoints(order);
      if (domain !== points)
        throw new Error(
          `the reference (${points}) disagrees with app/loyalty (${domain}) for order ${order.id}: fix plan.ts`,
        );
      this.orders.set(String(order.id), {
        points,
        maxEntries: 1 + (order.refund ? 1 : 0) + (order.cancelledAt ? 1 : 0),
      });
      this.customers.set(
        String(order.customer),
        (this.customers.get(String(order.customer)) ?? 0) + points,
      );
    }
  }
}

interface Verification {
  customers: number;
  orders: number;
  /** Customers whose balance is below / above the reference, and by how many points in all. */
  lost: number;
  lostPoints: number;
  doubled: number;
  doubledPoints: number;
  /** Orders whose ledger total differs from their reference (below / above). */
  ordersUnder: number;
  ordersOver: number;
  /** Orders the database does not know although deliveries for them were acknowledged. */
  ordersMissing: number;
  /** Orders with more ledger entries than distinct changes they went through. */
  ordersTooManyEntries: number;
  ledgerEntries: number;
  /** Customers whose cached balance differs from the sum of their ledger entries. */
  cacheDrift: number;
  /** Customers above Member (the reference assumes Member only). */
  tierCrossed: number;
  deliveryRows: number;
  deliveryRowsExpected: number;
  ok: boolean;
  examples: string[];
}

async function verify(database: BenchDatabase, reference: Reference): Promise<Verification> {
  const customers = await database.query<{
    id: string;
    balance: number | string;
    tier: string | null;
  }>(
    `SELECT "shopifyCustomerId" AS id, balance, "tierName" AS tier FROM "Customer" WHERE shop = ?`,
    [SHOP],
  );
  const orders = await database.query<{
    id: string;
    points: number | string | null;
    entries: number | string;
  }>(
    `SELECT o."shopifyOrderId" AS id, SUM(l.points) AS points, COUNT(l.id) AS entries FROM "Order" o LEFT JOIN "LedgerEntry" l ON l."orderId" = o.id WHERE o.shop = ? GROUP BY o."shopifyOrderId"`,
    [SHOP],
  );
  const drift = await database.query<{
    id: string;
    balance: number | string;
    total: number | string | null;
  }>(
    `SELECT c."shopifyCustomerId" AS id, c.balance AS balance, SUM(l.points) AS total FROM "Customer" c LEFT JOIN "LedgerEntry" l ON l."customerId" = c.id WHERE c.shop = ? GROUP BY c.id, c."shopifyCustomerId", c.balance`,
    [SHOP],
  );
  const [{ n: entryCount }] = await database.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM "LedgerEntry" WHERE shop = ?`,
    [SHOP],
  );
  const [{ n: deliveryRows }] = await database.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE shop = ?`,
    [SHOP],
  );

  const v: Verification = {
    customers: customers.length,
    orders: orders.length,
    lost: 0,
    lostPoints: 0,
    doubled: 0,
    doubledPoints: 0,
    ordersUnder: 0,
    ordersOver: 0,
    ordersMissing: 0,
    ordersTooManyEntries: 0,
    ledgerEntries: Number(entryCount),
    cacheDrift: 0,
    tierCrossed: 0,
    deliveryRows: Number(deliveryRows),
    deliveryRowsExpected: reference.deliveryIds,
    ok: false,
    examples: [],
  };
  const example = (text: string) => {
    if (v.examples.length < 8) v.examples.push(text);
  };
  const seenCustomers = new Set<string>();
  for (const row of customers) {
    seenCustomers.add(row.id);
    const expected = reference.customers.get(row.id) ?? 0;
    const diff = Number(row.balance) - expected;
    if (diff < 0) {
      v.lost++;
      v.lostPoints -= diff;
      example(`customer ${row.id}: balance ${row.balance}, reference ${expected}`);
    } else if (diff > 0) {
      v.doubled++;
      v.doubledPoints += diff;
      example(`customer ${row.id}: balance ${row.balance}, reference ${expected}`);
    }
    if (row.tier !== null && row.tier !== "Member") {
      v.tierCrossed++;
      example(`customer ${row.id}: tier ${row.tier}`);
    }
  }
  for (const [id, expected] of reference.customers) {
    if (seenCustomers.has(id) || expected === 0) continue;
    v.lost++;
    v.lostPoints += expected;
    example(`customer ${id}: missing, reference ${expected}`);
  }
  const seenOrders = new Set<string>();
  for (const row of orders) {
    seenOrders.add(row.id);
    const expected = reference.orders.get(row.id) ?? { points: 0, maxEntries: 0 };
    const points = Number(row.points ?? 0);
    const entries = Number(row.entries);
    if (points !== expected.points) {
      if (points < expected.points) v.ordersUnder++;
      else v.ordersOver++;
      example(`order ${row.id}: ledger ${points}, reference ${expected.points}`);
    }
    if (entries > expected.maxEntries) {
      v.ordersTooManyEntries++;
      example(
        `order ${row.id}: ${entries} ledger entries, at most ${expected.maxEntries} expected`,
      );
    }
  }
  for (const id of reference.orders.keys()) {
    if (seenOrders.has(id)) continue;
    v.ordersMissing++;
    example(`order ${id}: missing`);
  }
  for (const row of drift) {
    if (Number(row.balance) === Number(row.total ?? 0)) continue;
    v.cacheDrift++;
    example(`customer ${row.id}: cached balance ${row.balance}, ledger sum ${row.total ?? 0}`);
  }
  v.ok =
    v.lost +
      v.doubled +
      v.ordersUnder +
      v.ordersOver +
      v.ordersMissing +
      v.ordersTooManyEntries +
      v.cacheDrift +
      v.tierCrossed ===
      0 && v.deliveryRows === v.deliveryRowsExpected;
  if (v.deliveryRows !== v.deliveryRowsExpected)
    example(
      `WebhookDelivery rows ${v.deliveryRows}, distinct webhook ids sent ${v.deliveryRowsExpected}`,
    );
  return v;
}

// ---------------------------------------------------------------------------------------------
// The phases

interface ThroughputFigures {
  /** /webhooks/bench/hmac: verifyWebhook, the HMAC check the webhook routes run, and a 200. */
  hmac: RunSummary;
  /** /webhooks/bench/authenticate: authenticate.webhook (HMAC plus the shop's offline session lookup) and a 200. */
  authenticate: RunSummary;
  credit: RunSummary;
  /** credit ÷ hmac (the goal's ratio); credit ÷ authenticate for information. */
  ratio: number;
  ratioAuthenticate: number;
  poolExhausted: boolean;
  bodyBytes: LoadResult["bodyBytes"];
  resent: number;
}
interface RateFigures {
  autocannon: RunSummary;
  paced: RunSummary;
  resent: number;
}
interface ShuffledFigures {
  orders: number;
  deliveries: number;
  refunds: number;
  cancellations: number;
  run: RunSummary;
  ordersPerSecond: number;
  resent: number;
  bodyBytes: LoadResult["bodyBytes"];
}
interface CrashFigures {
  orders: number;
  deliveries: number;
  killedAfterMs: number;
  ackedBeforeKill: number;
  unacknowledged: number;
  resendRounds: number;
  appliedButUnacknowledged: number;
  restartMs: number;
  stillFailing: number;
  /** Acknowledged deliveries sent again with the same webhook ids after the restart. */
  replayed: number;
  replayedAcknowledged: number;
  replayedDuplicates: number;
}
interface DatabaseReport {
  kind: Kind;
  version: string;
  throughput?: ThroughputFigures;
  rate?: RateFigures;
  shuffled?: ShuffledFigures;
  crash?: CrashFigures;
  checks: { phase: string; verification: Verification }[];
  serverErrors: string[];
  stderr: string[];
  failure?: string;
}

async function phaseThroughput(server: Server, reference: Reference): Promise<ThroughputFigures> {
  const { connections, warmup, duration, rounds, customers } = config.throughput;
  const poolSize = THROUGHPUT_POOL_PER_SECOND * (warmup + duration);
  const orders = generateOrders({
    seed: 11,
    firstOrderId: 5_100_000_000,
    firstCustomerId: 710_000_000,
    customers,
    count: poolSize,
    refundRate: 0,
    cancelRate: 0,
    now: new Date(),
  });
  const pool = deliveriesFor(orders, { tag: `${TAG}-a`, copies: 1, seed: 0, shuffle: false });
  const run = (
    label: string,
    path: string,
    seconds: number,
    source: AutocannonRun["source"],
  ): AutocannonRun => ({ label, path, connections, duration: seconds, source });
  log(
    `A: autocannon, ${connections} connections, ${warmup} s warm-up, then ${rounds} rounds of ${duration / rounds} s per route, alternating (pool of ${poolSize} distinct orders)`,
  );
  const slice = duration / rounds;
  const measured = Array.from({ length: rounds }, () => [
    run("hmac", "/webhooks/bench/hmac", slice, "cycle"),
    run("authenticate.webhook", "/webhooks/bench/authenticate", slice, "cycle"),
    run("orders/paid", "/webhooks/orders/paid", slice, "consume"),
  ]).flat();
  const result = await runLoad({
    ...target(server),
    kind: "autocannon",
    orders,
    pool,
    runs: [
      run("hmac warm-up", "/webhooks/bench/hmac", warmup, "cycle"),
      run("authenticate.webhook warm-up", "/webhooks/bench/authenticate", warmup, "cycle"),
      run("orders/paid warm-up", "/webhooks/orders/paid", warmup, "consume"),
      ...measured,
    ],
  });
  const hmac = result.runs.find((r) => r.label === "hmac")!;
  const authenticate = result.runs.find((r) => r.label === "authenticate.webhook")!;
  const credit = result.runs.find((r) => r.label === "orders/paid")!;
  // Requests cut off when autocannon stopped may or may not have been applied: resend them (same webhook ids).
  const sent = pool.slice(0, result.consumed);
  const statuses = result.statuses.slice(0, result.consumed);
  const resend = await resendUnacknowledged(server, orders, sent, statuses);
  if (resend.stillFailing)
    throw new Error(`A: ${resend.stillFailing} deliveries never acknowledged`);
  reference.add(orders.slice(0, result.consumed));
  reference.deliveryIds += result.consumed;
  log(
    `A: bare (verifyWebhook) ${hmac.okPerSecond.toFixed(0)} req/s, bare (authenticate.webhook) ${authenticate.okPerSecond.toFixed(0)} req/s, orders/paid ${credit.okPerSecond.toFixed(0)} req/s (${((100 * credit.okPerSecond) / hmac.okPerSecond).toFixed(0)}%), ${result.consumed} orders sent, ${resend.resent} resent`,
  );
  return {
    hmac,
    authenticate,
    credit,
    ratio: credit.okPerSecond / hmac.okPerSecond,
    ratioAuthenticate: credit.okPerSecond / authenticate.okPerSecond,
    poolExhausted: result.poolExhausted,
    bodyBytes: result.bodyBytes,
    resent: resend.resent,
  };
}

async function phaseRate(server: Server, reference: Reference): Promise<RateFigures> {
  const { rate, duration, connections } = config.rate;
  const count = rate * duration;
  const figures: Partial<RateFigures> = { resent: 0 };
  for (const [index, mode] of (["autocannon", "paced"] as const).entries()) {
    const orders = generateOrders({
      seed: 21 + index,
      firstOrderId: 5_200_000_000 + index * 10_000_000,
      firstCustomerId: 720_000_000 + index * 1_000_000,
      customers: config.throughput.customers,
      count: Math.ceil(count * 1.2),
      refundRate: 0,
      cancelRate: 0,
      now: new Date(),
    });
    const pool = deliveriesFor(orders, {
      tag: `${TAG}-b${index}`,
      copies: 1,
      seed: 0,
      shuffle: false,
    });
    log(
      `B: ${rate} deliveries/s for ${duration} s to orders/paid (${mode === "autocannon" ? `autocannon overallRate, ${connections} connections` : "open-loop paced sender"})`,
    );
    const result =
      mode === "autocannon"
        ? await runLoad({
            ...target(server),
            kind: "autocannon",
            orders,
            pool,
            runs: [
              {
                label: "orders/paid at 200/s",
                path: "/webhooks/orders/paid",
                connections,
                duration,
                overallRate: rate,
                source: "consume",
              },
            ],
          })
        : await runLoad({ ...target(server), kind: "paced", orders, pool, rate, duration });
    const sent = pool.slice(0, result.consumed);
    const resend = await resendUnacknowledged(
      server,
      orders,
      sent,
      result.statuses.slice(0, result.consumed),
    );
    if (resend.stillFailing)
      throw new Error(`B: ${resend.stillFailing} deliveries never acknowledged`);
    figures.resent! += resend.resent;
    reference.add(orders.slice(0, result.consumed));
    reference.deliveryIds += result.consumed;
    figures[mode] = result.runs[0];
    const { latency } = result.runs[0];
    log(
      `B: ${mode}: ${result.runs[0].okPerSecond.toFixed(0)}/s acknowledged, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
    );
  }
  return figures as RateFigures;
}

async function phaseShuffled(server: Server, reference: Reference): Promise<ShuffledFigures> {
  const { orders: count, copies, concurrency, refundRate, cancelRate } = config.shuffled;
  const orders = generateOrders({
    seed: 31,
    firstOrderId: 5_300_000_000,
    firstCustomerId: 730_000_000,
    customers: Math.max(2000, Math.round(count / 5)),
    count,
    refundRate,
    cancelRate,
    now: new Date(),
  });
  const deliveries = deliveriesFor(orders, { tag: `${TAG}-c`, copies, seed: 32, shuffle: true });
  log(
    `C: ${count} orders, ${deliveries.length} deliveries (×${copies}, shuffled), ${concurrency} at a time`,
  );
  let lastReport = Date.now();
  const result = await runLoad(
    { ...target(server), kind: "send", orders, deliveries, concurrency },
    (progress) => {
      if (Date.now() - lastReport < 30_000) return;
      lastReport = Date.now();
      log(`C: ${progress.done} of ${progress.total} sent, ${progress.ok} acknowledged`);
    },
  );
  const run = result.runs[0];
  const resend = await resendUnacknowledged(server, orders, deliveries, result.statuses);
  if (resend.stillFailing)
    throw new Error(`C: ${resend.stillFailing} deliveries never acknowledged`);
  reference.add(orders);
  reference.deliveryIds += deliveries.length;
  const figures: ShuffledFigures = {
    orders: count,
    deliveries: deliveries.length,
    refunds: orders.filter((o) => o.refund).length,
    cancellations: orders.filter((o) => o.cancelledAt).length,
    run,
    ordersPerSecond: count / run.seconds,
    resent: resend.resent,
    bodyBytes: result.bodyBytes,
  };
  log(
    `C: ${(deliveries.length / run.seconds).toFixed(0)} deliveries/s, ${figures.ordersPerSecond.toFixed(0)} orders/s, ${run.non200 + run.errors} not acknowledged first time`,
  );
  return figures;
}

async function phaseCrash(server: Server, reference: Reference): Promise<CrashFigures> {
  const { orders: count, killAfterMs, killAtFraction, concurrency } = config.crash;
  const orders = generateOrders({
    seed: 41,
    firstOrderId: 5_400_000_000,
    firstCustomerId: 740_000_000,
    customers: Math.max(2000, Math.round(count / 5)),
    count,
    refundRate: config.shuffled.refundRate,
    cancelRate: config.shuffled.cancelRate,
    now: new Date(),
  });
  const deliveries = deliveriesFor(orders, { tag: `${TAG}-d`, copies: 1, seed: 42, shuffle: true });
  log(
    `D: ${count} orders, ${deliveries.length} deliveries; SIGKILL after ${killAfterMs / 1000} s or ${killAtFraction * 100}% acknowledged`,
  );
  let startedAt = 0;
  let killedAfterMs = 0;
  const killNow = (acked: number) => {
    if (killedAfterMs) return;
    killedAfterMs = Date.now() - startedAt;
    server.kill("SIGKILL");
    log(
      `D: server SIGKILLed after ${(killedAfterMs / 1000).toFixed(1)} s (${acked} of ${deliveries.length} acknowledged)`,
    );
  };
  let timer: NodeJS.Timeout | undefined;
  let lastOk = 0;
  const result = await runLoad(
    { ...target(server), kind: "send", orders, deliveries, concurrency },
    (progress) => {
      lastOk = progress.ok;
      if (!startedAt) {
        startedAt = Date.now() - 200; // the first report comes 200 ms after sending started
        timer = setTimeout(() => killNow(lastOk), Math.max(0, killAfterMs - 200));
      }
      if (progress.ok >= killAtFraction * progress.total) killNow(progress.ok);
    },
  );
  clearTimeout(timer);
  if (!killedAfterMs)
    throw new Error(
      "D: the batch finished before the server was killed; use a larger --crash-orders",
    );
  await server.stop();
  const restartStarted = Date.now();
  await server.start();
  const restartMs = Date.now() - restartStarted;
  const unacknowledged = result.statuses.filter((status) => status !== 200).length;
  log(`D: restarted in ${restartMs} ms; resending ${unacknowledged} unacknowledged deliveries`);
  const resend = await resendUnacknowledged(server, orders, deliveries, result.statuses);
  reference.add(orders);
  reference.deliveryIds += deliveries.length;
  // Shopify also retries deliveries that were acknowledged (a lost 200): replay some, same webhook ids.
  const random = seededRandom(43);
  const replay = Array.from(
    { length: Math.min(200, deliveries.length) },
    () => deliveries[random.int(0, deliveries.length - 1)],
  );
  const replayed = await runLoad({
    ...target(server),
    kind: "send",
    orders,
    deliveries: replay,
    concurrency: 8,
  });
  log(
    `D: replayed ${replay.length} acknowledged deliveries: ${replayed.runs[0].ok} acknowledged, ${replayed.duplicates} answered "duplicate"`,
  );
  return {
    orders: count,
    deliveries: deliveries.length,
    killedAfterMs,
    ackedBeforeKill: result.runs[0].ok,
    unacknowledged,
    resendRounds: resend.rounds,
    appliedButUnacknowledged: resend.duplicates,
    restartMs,
    stillFailing: resend.stillFailing,
    replayed: replay.length,
    replayedAcknowledged: replayed.runs[0].ok,
    replayedDuplicates: replayed.duplicates,
  };
}

async function benchDatabase(kind: Kind, buildIndex: string): Promise<DatabaseReport> {
  const report: DatabaseReport = { kind, version: "", checks: [], serverErrors: [], stderr: [] };
  const database = await createDatabase(kind, {
    work: WORK,
    tag: TAG,
    pgAdminUrl: flags["pg-url"]!,
  });
  const server = new Server(
    buildIndex,
    await freePort(),
    database.url,
    join(WORK, `server-${kind}`),
  );
  cleanup.push(async () => {
    await server.stop("SIGKILL");
    if (!flags.keep) await database.drop();
  });
  try {
    await prepareDatabase(database);
    report.version = await database.version();
    await server.start();
    log(`${kind}: server pid ${server.pid} on ${server.url}`);
    const reference = new Reference();
    const check = async (phase: string) => {
      const verification = await verify(database, reference);
      report.checks.push({ phase, verification });
      const v = verification;
      log(
        `${phase}: ${v.ok ? "OK" : "MISMATCH"} — ${v.customers} customers, ${v.orders} orders, ${v.ledgerEntries} ledger entries; lost ${v.lost}, doubled ${v.doubled}, orders under/over ${v.ordersUnder}/${v.ordersOver}, missing ${v.ordersMissing}, too many entries ${v.ordersTooManyEntries}, cache drift ${v.cacheDrift}, above Member ${v.tierCrossed}, delivery rows ${v.deliveryRows}/${v.deliveryRowsExpected}`,
      );
      for (const line of v.examples) log(`  ${line}`);
    };
    const phases = flags.phases!.toUpperCase();
    if (phases.includes("A")) report.throughput = await phaseThroughput(server, reference);
    if (phases.includes("B")) report.rate = await phaseRate(server, reference);
    if (/[AB]/.test(phases)) await check("after A+B");
    if (phases.includes("C")) {
      report.shuffled = await phaseShuffled(server, reference);
      await check("after C");
    }
    if (phases.includes("D")) {
      report.crash = await phaseCrash(server, reference);
      await check("after D");
    }
  } catch (error) {
    report.failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${kind}: FAILED: ${report.failure}`);
  } finally {
    await server.stop();
    report.serverErrors = server.serverErrors();
    report.stderr = server.errorLines();
    if (!flags.keep) await database.drop();
    cleanup.pop();
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// Reporting

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString("en-US")}/s`;
const int = (value: number) => value.toLocaleString("en-US");

function verificationCell(v: Verification | undefined): string {
  if (!v) return "not run";
  const problems = [
    v.lost && `${v.lost} customers short by ${v.lostPoints} pts (lost)`,
    v.doubled && `${v.doubled} customers over by ${v.doubledPoints} pts (double)`,
    v.ordersUnder && `${v.ordersUnder} orders under-credited`,
    v.ordersOver && `${v.ordersOver} orders over-credited`,
    v.ordersMissing && `${v.ordersMissing} orders missing`,
    v.ordersTooManyEntries && `${v.ordersTooManyEntries} orders with surplus ledger entries`,
    v.cacheDrift && `${v.cacheDrift} balances ≠ ledger sum`,
    v.tierCrossed && `${v.tierCrossed} customers above Member`,
    v.deliveryRows !== v.deliveryRowsExpected &&
      `${v.deliveryRows} delivery rows for ${v.deliveryRowsExpected} webhook ids`,
  ].filter(Boolean);
  const summary = `${int(v.customers)} balances, ${int(v.orders)} orders, ${int(v.ledgerEntries)} ledger entries`;
  return problems.length
    ? `**MISMATCH**: ${problems.join("; ")} (${summary})`
    : `exact: ${summary}`;
}

function databaseTable(r: DatabaseReport): string {
  const rows: [string, string][] = [];
  const t = r.throughput;
  if (t) {
    const c = config.throughput;
    const figures = (s: RunSummary) =>
      `${perSecond(s.okPerSecond)}; p50 ${ms(s.latency.p50)}, p99 ${ms(s.latency.p99)}${s.non200 + s.errors ? `; ${s.non200} non-200, ${s.errors} errors` : ""}`;
    rows.push([
      `A bare HMAC route: verifyWebhook as the webhook routes (/webhooks/bench/hmac), ${c.connections} conn, ${c.rounds} × ${c.duration / c.rounds} s`,
      figures(t.hmac),
    ]);
    rows.push([
      `A bare HMAC route: authenticate.webhook (/webhooks/bench/authenticate), same load`,
      figures(t.authenticate),
    ]);
    rows.push([
      `A orders/paid (each a new order), same load, rounds alternating with the bare routes`,
      `${perSecond(t.credit.okPerSecond)} orders credited; p50 ${ms(t.credit.latency.p50)}, p99 ${ms(t.credit.latency.p99)}${t.credit.non200 + t.credit.errors ? `; ${t.credit.non200} non-200, ${t.credit.errors} errors` : ""}${t.poolExhausted ? " (**pool of distinct orders exhausted: later requests were duplicates**)" : ""}`,
    ]);
    rows.push([
      `A crediting ÷ bare`,
      `${(100 * t.ratio).toFixed(0)}% of verifyWebhook; ${(100 * t.ratioAuthenticate).toFixed(0)}% of authenticate.webhook`,
    ]);
    rows.push([
      `A payload size`,
      `${int(t.bodyBytes.min)}–${int(t.bodyBytes.max)} bytes (mean ${int(t.bodyBytes.mean)})`,
    ]);
  }
  const b = r.rate;
  if (b) {
    const lat = (s: RunSummary) =>
      `p50 ${ms(s.latency.p50)}, p99 ${ms(s.latency.p99)}, max ${ms(s.latency.max)} (${perSecond(s.okPerSecond)} acknowledged${s.non200 + s.errors ? `, ${s.non200} non-200, ${s.errors} errors` : ""})`;
    rows.push([
      `B ack latency at ${config.rate.rate}/s, autocannon overallRate (${config.rate.connections} conn, ${config.rate.duration} s)`,
      lat(b.autocannon),
    ]);
    rows.push([
      `B ack latency at ${config.rate.rate}/s, open-loop paced sender (${config.rate.duration} s)`,
      lat(b.paced),
    ]);
  }
  rows.push([
    "✔ balances after A+B",
    verificationCell(r.checks.find((c) => c.phase === "after A+B")?.verification),
  ]);
  const c = r.shuffled;
  if (c) {
    rows.push([
      `C ${int(c.orders)} orders (${int(c.refunds)} refunded, ${int(c.cancellations)} cancelled), ${int(c.deliveries)} deliveries ×${config.shuffled.copies} shuffled, ${config.shuffled.concurrency} concurrent`,
      `${perSecond(c.deliveries / c.run.seconds)} deliveries, ${perSecond(c.ordersPerSecond)} orders; ${c.run.seconds.toFixed(1)} s; p50 ${ms(c.run.latency.p50)}, p99 ${ms(c.run.latency.p99)}; ${int(c.run.non200)} non-200, ${int(c.run.errors)} errors first time`,
    ]);
  }
  rows.push([
    "✔ balances and per-order ledger after C",
    verificationCell(r.checks.find((x) => x.phase === "after C")?.verification),
  ]);
  const d = r.crash;
  if (d) {
    rows.push([
      `D ${int(d.orders)} orders (${int(d.deliveries)} deliveries), SIGKILL mid-load`,
      `killed after ${(d.killedAfterMs / 1000).toFixed(1)} s with ${int(d.ackedBeforeKill)} acknowledged; ${int(d.unacknowledged)} unacknowledged resent after a ${(d.restartMs / 1000).toFixed(1)} s restart (${d.resendRounds} round${d.resendRounds === 1 ? "" : "s"}); ${int(d.appliedButUnacknowledged)} of them answered "duplicate" (applied and recorded before the kill)${d.stillFailing ? `; **${d.stillFailing} never acknowledged**` : ""}; ${d.replayed} acknowledged deliveries replayed: ${d.replayedDuplicates} answered "duplicate"${d.replayedAcknowledged < d.replayed ? `, **${d.replayed - d.replayedAcknowledged} not acknowledged**` : ""}`,
    ]);
  }
  rows.push([
    "✔ balances and per-order ledger after D",
    verificationCell(r.checks.find((x) => x.phase === "after D")?.verification),
  ]);
  if (r.serverErrors.length)
    rows.push([
      "server 5xx answers",
      `**${r.serverErrors.length}** (e.g. \`${r.serverErrors[0]}\`)`,
    ]);
  if (r.failure) rows.push(["**run failed**", `\`${r.failure.split("\n")[0]}\``]);
  return [
    "| measure | result |",
    "|---|---|",
    ...rows.map(([a, b]) => `| ${a} | ${b.replace(/\|/g, "\\|")} |`),
  ].join("\n");
}

function goals(reports: DatabaseReport[]): string {
  const sqlite = reports.find((r) => r.kind === "sqlite");
  const verdict = (met: boolean | undefined) =>
    met === undefined ? "not measured" : met ? "**met**" : "**not met**";
  const lines = ["| goal | measured | verdict |", "|---|---|---|"];
  const t = sqlite?.throughput;
  lines.push(
    `| SQLite: ≥ 1,000 orders credited/s sustained | ${t ? `${perSecond(t.credit.okPerSecond)} over ${config.throughput.duration} s (phase A, every request a new order)${sqlite?.shuffled ? `; phase C: ${perSecond(sqlite.shuffled.ordersPerSecond)} orders while also absorbing 2 duplicates of each delivery` : ""}` : "—"} | ${verdict(t && !t.poolExhausted ? t.credit.okPerSecond >= 1000 : undefined)} |`,
  );
  lines.push(
    `| SQLite: crediting route ≥ 50% of the bare HMAC route (verifyWebhook, the routes' own check) | ${t ? `${(100 * t.ratio).toFixed(0)}% (${perSecond(t.credit.okPerSecond)} vs ${perSecond(t.hmac.okPerSecond)}); vs authenticate.webhook: ${(100 * t.ratioAuthenticate).toFixed(0)}%` : "—"} | ${verdict(t && !t.poolExhausted ? t.ratio >= 0.5 : undefined)} |`,
  );
  const b = sqlite?.rate;
  // autocannon's overallRate releases each connection's share at the start of every second (bursts);
  // the open-loop sender spaces requests evenly. Both are shown, each with its own verdict.
  lines.push(
    `| SQLite: p99 ack ≤ 50 ms at 200 deliveries/s — autocannon overallRate (per-second bursts) | ${b ? `p99 ${ms(b.autocannon.latency.p99)}` : "—"} | ${verdict(b ? b.autocannon.latency.p99 <= 50 && b.autocannon.non200 + b.autocannon.errors === 0 : undefined)} |`,
  );
  lines.push(
    `| SQLite: p99 ack ≤ 50 ms at 200 deliveries/s — open-loop, evenly spaced | ${b ? `p99 ${ms(b.paced.latency.p99)}` : "—"} | ${verdict(b ? b.paced.latency.p99 <= 50 && b.paced.non200 + b.paced.errors === 0 : undefined)} |`,
  );
  for (const r of reports) {
    const complete = r.checks.length === 3 && !r.failure;
    const exact =
      complete && r.checks.every((c) => c.verification.ok) && (r.crash?.stillFailing ?? 0) === 0;
    lines.push(
      `| ${r.kind}: zero lost, zero double credits (duplicates, shuffling, crash) | ${r.checks.map((c) => `${c.phase}: ${c.verification.ok ? "exact" : "mismatch"}`).join("; ") || "—"}${complete ? "" : " (run incomplete)"} | ${verdict(complete ? exact : r.checks.some((c) => !c.verification.ok) ? false : undefined)} |`,
    );
  }
  return lines.join("\n");
}

function markdown(reports: DatabaseReport[], startedAt: Date, seconds: number): string {
  const m = machine();
  const args = process.argv.slice(2).join(" ");
  const parts = [
    `## ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — webhooks${quick ? " (--quick)" : ""}`,
    "",
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM (shared: compare figures within one run)`,
    `- node ${process.version}; ${reports
      .map((r) => r.version)
      .filter(Boolean)
      .join("; ")}; revision ${revision(ROOT)}`,
    `- command: \`npm run bench:webhooks${args ? ` -- ${args}` : ""}\` (${(seconds / 60).toFixed(1)} min)`,
    `- reference: per order floor(net earn base / 1.00), 0 when cancelled (default program, Member tier); every customer's orders total < ${MEMBER_BUDGET + 1} points before refunds, so nobody leaves Member (checked)`,
    "",
  ];
  for (const r of reports)
    parts.push(`### ${r.kind} (${r.version || "?"})`, "", databaseTable(r), "");
  parts.push("### Goals", "", goals(reports), "");
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Main

const cleanup: (() => Promise<void>)[] = [];
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping the server and dropping the databases…`);
    activeLoad?.kill("SIGKILL");
    Promise.allSettled(cleanup.map((step) => step())).finally(() => process.exit(130));
  });
}

async function main() {
  const startedAt = new Date();
  const buildIndex = join(WORK, "build", "index.js");
  if (flags.build && !flags["no-build"]) {
    log("building the production server (remix build)…");
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
  // The server runs from a copy, so a rebuild by someone else cannot change it mid-run (phase D restarts it).
  cpSync(join(ROOT, "build"), join(WORK, "build"), { recursive: true });
  const reports: DatabaseReport[] = [];
  for (const kind of config.databases) {
    log(`=== ${kind} ===`);
    reports.push(await benchDatabase(kind, buildIndex));
  }
  const section = markdown(reports, startedAt, (Date.now() - startedAt.getTime()) / 1000);
  console.log(`\n${section}`);
  for (const r of reports) {
    if (r.serverErrors.length)
      console.log(
        `${r.kind}: ${r.serverErrors.length} 5xx answers; first: ${r.serverErrors.slice(0, 3).join(" | ")}`,
      );
    if (r.stderr.length)
      console.log(
        `${r.kind}: server stderr (${r.stderr.length} lines), first lines:\n  ${r.stderr.slice(0, 10).join("\n  ")}`,
      );
  }
  if (!flags["no-results"]) {
    const file = join(ROOT, "bench", "RESULTS.md");
    if (!existsSync(file))
      writeFileSync(
        file,
        "# Benchmark results\n\nAppended by the benchmark scripts (bench/README.md); newest last.\n\n",
      );
    appendFileSync(file, `\n${section}`);
    log(`appended to bench/RESULTS.md`);
  }
  const failed = reports.some(
    (r) => r.failure || r.checks.some((c) => !c.verification.ok) || r.serverErrors.length > 0,
  );
  // Server logs stay for a look when something went wrong (the databases are dropped unless --keep).
  if (flags.keep || failed) log(`kept ${WORK} (server logs, build copy)`);
  else rmSync(WORK, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.allSettled(cleanup.map((step) => step()));
  process.exit(1);
});
