// bench/redemption: redemptions under concurrency and the shopper API's read latency, on a
// production build in local-demo mode, on SQLite and PostgreSQL.
//
//   npm run bench:redemption -- [--db sqlite|postgresql|both] [--quick] [--customers 50]
//                               [--attempts 4] [--rate 500] [--duration 20] [--connections 10]
//                               [--no-build] [--keep] [--no-results] [--pg-url URL]
//
// Per database: a fresh database, migrated, the shop tally-demo.myshopify.com installed (default
// reward "5.00 off" for 500 points); the production server (scripts/serve.mjs) on a copy of the build with demoEnv() and
// TALLY_BACKGROUND_JOBS=0 (the Admin API is answered by the schema-validating stand-in — by default in a process of its own, scripts/demo/admin-api-server.ts; `--standin in-process` keeps it inside the app — so
// reward codes are created without Shopify). Every customer gets exactly 1,500 points from one signed
// orders/paid webhook of 1,500.00 (the first order earns at Member ×1.0), so affords exactly 3 rewards.
// The load always comes from a separate process (load.ts).
//   1  burst: N customers × `attempts` distinct Idempotency-Keys, plus 20% duplicate-key retries, all
//      sent at once; then N more customers redeeming `attempts` times one after the other, 10
//      customers at a time (steady). Checked from the answers and the database: exactly 3 issued per
//      customer, every other attempt 409 INSUFFICIENT_POINTS, no balance below zero, balance = Σ
//      ledger, one reserve entry per redemption, nothing left "reserved", every code handed out is in
//      the database and vice versa; every key sent again → the same answer, nothing spent twice.
//      Then the expiry sweep (app/services/redemption-release.server.ts) with a `now` past every
//      code's end, from this process and a second process at the same moment: each redemption
//      released exactly once, balances back to 1,500.
//   2  GET /api/loyalty at a steady rate (autocannon overallRate, then an open-loop sender), tokens
//      of different customers rotating; client latency and the server's own time (its request log).
// The summary is printed and appended to bench/RESULTS.md.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { seededRandom } from "../../tests/factories/random";
import { orderPayload } from "../../tests/factories/webhook-payloads";
import { webhookHeaders } from "../../tests/factories/webhook-request";
import { demoEnv } from "../../scripts/demo/demo-env";
import {
  cpuBetween,
  cpuSnapshot,
  createDatabase,
  DemoServer,
  freePort,
  machine,
  revision,
  startStandinServer,
  summarise,
  type BenchDatabase,
  type CpuSnapshot,
  type CpuUse,
  type Kind,
  type LatencySummary,
  type LoggedRequest,
} from "../lib/harness";
import type {
  GetResult,
  LoadJob,
  LoadMessage,
  RedeemAnswer,
  RedeemRequest,
  RedeemResult,
} from "./load";
import type { SweepMessage } from "./sweep";
import { recordGoals } from "../lib/goals";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "tally-demo.myshopify.com";
const POINTS_EACH = 1500;
const REWARD_COST = 500;
const AFFORDABLE = POINTS_EACH / REWARD_COST; // 3

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    quick: { type: "boolean", default: false },
    customers: { type: "string", default: "50" },
    attempts: { type: "string", default: "4" },
    rate: { type: "string", default: "500" },
    duration: { type: "string" },
    connections: { type: "string", default: "10" },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "no-results": { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
    standin: { type: "string", default: "process" },
  },
  allowPositionals: false,
});

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run bench:redemption -- [--db sqlite|postgresql|both] [--quick] [--customers 50] [--attempts 4] [--rate 500] [--duration 20] [--connections 10] [--no-build] [--keep] [--no-results] [--pg-url URL] [--standin process|in-process]`,
  );
  process.exit(2);
}

const quick = flags.quick;
if (flags.standin !== "process" && flags.standin !== "in-process")
  usage(`--standin must be process or in-process (got ${flags.standin})`);
/** The Admin API stand-in in a process of its own (as Shopify is), or inside the app (msw). */
const standinInProcess: boolean = flags.standin === "in-process";
// The expiry sweep deactivates each code in the stand-in the app created it in (decision 027): the
// bench's own sweepers can reach that stand-in only when it runs as a process of its own.
if (standinInProcess)
  usage(
    "--standin in-process cannot run the expiry sweep phase (it must reach the app's stand-in)",
  );
const config = {
  databases:
    flags.db === "both"
      ? (["sqlite", "postgresql"] as Kind[])
      : flags.db === "sqlite" || flags.db === "postgresql"
        ? [flags.db as Kind]
        : usage(`--db must be sqlite, postgresql or both (got ${flags.db})`),
  customers: Number(flags.customers),
  attempts: Number(flags.attempts),
  retryShare: 0.2,
  steady: { customers: quick ? 20 : Number(flags.customers), concurrency: 10 },
  get: {
    rate: Number(flags.rate),
    duration: Number(flags.duration ?? (quick ? 10 : 20)),
    connections: Number(flags.connections),
  },
  capacitySeconds: quick ? 5 : 10,
  sequentialCustomers: quick ? 10 : 20,
};
for (const [name, value] of Object.entries({
  "--customers": config.customers,
  "--rate": config.get.rate,
  "--duration": config.get.duration,
  "--connections": config.get.connections,
})) {
  if (!Number.isInteger(value) || value <= 0) usage(`${name} must be a positive whole number`);
}
if (!Number.isInteger(config.attempts) || config.attempts <= AFFORDABLE)
  usage(
    `--attempts must be a whole number above ${AFFORDABLE} (each customer affords ${AFFORDABLE})`,
  );

const TAG = `rb${Date.now().toString(36)}`;
const WORK = join(ROOT, "tmp", "bench", TAG);
mkdirSync(WORK, { recursive: true });

// The orchestrator imports app modules (the sweep, migrations) that validate the environment at import.
const DEMO = demoEnv({ port: 3000, databaseUrl: `file:${join(WORK, "unused.sqlite")}` });
Object.assign(process.env, DEMO, { TALLY_BACKGROUND_JOBS: "0" });

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// Customers: one warm-up customer, the burst's, the steady phase's (Shopify customer ids).
const WARMUP_CUSTOMER = 900_000;
const burstCustomers = Array.from({ length: config.customers }, (_, i) => 900_001 + i);
const steadyCustomers = Array.from({ length: config.steady.customers }, (_, i) => 910_001 + i);
const allCustomers = [WARMUP_CUSTOMER, ...burstCustomers, ...steadyCustomers];

// ---------------------------------------------------------------------------------------------
// The load process

let activeChild: ChildProcess | null = null;
let jobCounter = 0;

/** Runs a job in a new load process; with the server's pid, also who used the CPU while the job's clock ran. */
function runLoad<R extends RedeemResult | GetResult>(
  job: LoadJob,
  serverPid?: number,
): Promise<{ result: R; cpu?: CpuUse }> {
  const file = join(WORK, `job-${++jobCounter}.json`);
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolveLoad, reject) => {
    const child = fork(join(ROOT, "bench/redemption/load.ts"), [file], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    activeChild = child;
    let result: R | null = null;
    let cpu: CpuUse | undefined;
    let startSnapshot: CpuSnapshot | null = null;
    let failure: string | null = null;
    child.on("message", (message: LoadMessage) => {
      if (message.type === "start") startSnapshot = serverPid ? cpuSnapshot() : null;
      else if (message.type === "result") {
        result = message.result as R;
        if (startSnapshot) cpu = cpuBetween(startSnapshot, cpuSnapshot(), serverPid, result.cpuMs);
      } else failure = message.message;
    });
    child.once("exit", (code) => {
      activeChild = null;
      rmSync(file, { force: true });
      if (result) resolveLoad({ result, cpu });
      else reject(new Error(`the load process failed (exit ${code}): ${failure ?? "no result"}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Setup: database, shop, points

async function prepareDatabase(database: BenchDatabase): Promise<void> {
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  const applied = await migrateDatabase(database.url);
  const { createPrismaClient } = await import("../../app/db.server");
  const { installShop } = await import("../../tests/factories/shop");
  const db = createPrismaClient(database.url);
  try {
    await installShop(db, SHOP);
  } finally {
    await db.$disconnect();
  }
  log(`${database.kind}: migrated (${applied.length} migrations), ${SHOP} installed`);
}

/** One signed orders/paid of 1,500.00 per customer, through the real webhook route. */
async function seedPoints(server: DemoServer, customers: number[]): Promise<{ seconds: number }> {
  const started = performance.now();
  const createdAt = new Date(Date.now() - 3_600_000).toISOString();
  let next = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < customers.length) {
      const index = next++;
      const customer = customers[index];
      const body = JSON.stringify(
        orderPayload({
          id: 7_000_000_000 + customer,
          customer: { id: customer },
          lines: [{ price: POINTS_EACH * 100 }],
          createdAt,
          updatedAt: createdAt,
        }),
      );
      const response = await fetch(`${server.url}/webhooks/orders/paid`, {
        method: "POST",
        headers: webhookHeaders(body, {
          shop: SHOP,
          topic: "orders/paid",
          secret: server.env.SHOPIFY_API_SECRET,
        }),
        body,
      });
      if (response.status !== 200)
        failures.push(
          `customer ${customer}: ${response.status} ${(await response.text()).slice(0, 200)}`,
        );
      else await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failures.length)
    throw new Error(
      `seeding: ${failures.length} orders/paid deliveries not acknowledged, e.g. ${failures[0]}`,
    );
  return { seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** integrity: spends, balances, codes, releases; idempotency: the answer a retried key gets; service: the read API under load. */
type CheckCategory = "integrity" | "idempotency" | "service";

interface Check {
  phase: string;
  category: CheckCategory;
  name: string;
  ok: boolean;
  detail: string;
  examples: string[];
}

class Checks {
  readonly list: Check[] = [];
  constructor(private readonly kind: Kind) {}
  add(
    phase: string,
    name: string,
    problems: string[],
    detail: string,
    category: CheckCategory = "integrity",
  ): boolean {
    const ok = problems.length === 0;
    this.list.push({
      phase,
      category,
      name,
      ok,
      detail: ok
        ? detail
        : `${problems.length} problem${problems.length === 1 ? "" : "s"}; ${detail}`,
      examples: problems.slice(0, 6),
    });
    log(
      `${this.kind}: ${ok ? "OK  " : "FAIL"} [${phase}] ${name} — ${ok ? detail : `${problems.length} problems: ${problems.slice(0, 3).join(" | ")}`}`,
    );
    return ok;
  }
}

type Row = Record<string, unknown>;
const num = (value: unknown) => Number(value ?? 0);

interface KeyOutcome {
  customer: number;
  key: string;
  succeeded: boolean;
  redemptionId?: string;
  code?: string | null;
  /** The balance the first 201 answered (a replay answers the same body: 1aee125). */
  balance?: number;
}

/** Classifies the answers per Idempotency-Key and checks them against the rules (§3–§4). */
function checkAnswers(
  checks: Checks,
  phase: string,
  answers: RedeemAnswer[],
  customers: number[],
): Map<string, KeyOutcome> {
  const byKey = new Map<string, RedeemAnswer[]>();
  for (const answer of answers) byKey.set(answer.key, [...(byKey.get(answer.key) ?? []), answer]);
  const outcomes = new Map<string, KeyOutcome>();
  const problems: string[] = [];
  const unexpected: string[] = [];
  const inconsistent: string[] = [];
  for (const [key, group] of byKey) {
    const created = group.filter((a) => a.status === 201);
    const replays = group.filter((a) => a.status === 200);
    const inProgress = group.filter(
      (a) => a.status === 409 && a.error === "REDEMPTION_IN_PROGRESS",
    );
    const insufficient = group.filter((a) => a.status === 409 && a.error === "INSUFFICIENT_POINTS");
    const other = group.filter(
      (a) =>
        !created.includes(a) &&
        !replays.includes(a) &&
        !inProgress.includes(a) &&
        !insufficient.includes(a),
    );
    for (const a of other) unexpected.push(`${key}: ${a.status} ${a.error ?? ""}`);
    if (created.length > 1)
      problems.push(`${key}: ${created.length} answers 201 for one key (spent twice)`);
    const first = created[0] ?? replays[0];
    for (const replay of replays) {
      if (!first || replay.redemptionId !== first.redemptionId || replay.code !== first.code)
        problems.push(
          `${key}: replay answered ${replay.redemptionId}/${replay.code}, first ${first?.redemptionId}/${first?.code}`,
        );
    }
    if (created.length === 0 && replays.length > 0)
      problems.push(`${key}: replayed (200) but never created (201)`);
    for (const a of [...created, ...replays]) {
      if (
        typeof a.balance !== "number" ||
        a.balance < 0 ||
        a.balance > POINTS_EACH - REWARD_COST ||
        a.balance % REWARD_COST !== 0
      )
        problems.push(`${key}: answered balance ${a.balance}`);
      if (!/^TALLY-[A-Z2-9]{12}$/.test(a.code ?? "")) problems.push(`${key}: code ${a.code}`);
    }
    // Design §3: a retried request with the same key gets the first result (or "in progress"), never a refusal.
    if (insufficient.length > 0 && created.length + replays.length > 0) {
      const order = [...group]
        .sort((a, b) => a.startedAt - b.startedAt)
        .map((a) => `${statusLabel(a)} after ${ms(a.ms)}`);
      inconsistent.push(
        `${key}: ${created.length} × 201 (code ${first?.code}) and ${insufficient.length} × 409 INSUFFICIENT_POINTS for the same key and body [${order.join(", ")}]`,
      );
    }
    if (created.length + replays.length + insufficient.length === 0 && other.length === 0)
      problems.push(`${key}: only REDEMPTION_IN_PROGRESS answers, no outcome`);
    outcomes.set(key, {
      customer: group[0].customer,
      key,
      succeeded: created.length === 1,
      redemptionId: first?.redemptionId,
      code: first?.code,
      balance: first?.balance,
    });
  }
  const perCustomer = new Map<number, { ok: number; refused: number }>(
    customers.map((c) => [c, { ok: 0, refused: 0 }]),
  );
  for (const outcome of outcomes.values()) {
    const tally = perCustomer.get(outcome.customer);
    if (!tally) continue;
    if (outcome.succeeded) tally.ok++;
    else tally.refused++;
  }
  const wrongCount: string[] = [];
  for (const [customer, tally] of perCustomer) {
    if (tally.ok !== AFFORDABLE)
      wrongCount.push(`customer ${customer}: ${tally.ok} keys succeeded (expected ${AFFORDABLE})`);
    if (tally.refused !== config.attempts - AFFORDABLE)
      wrongCount.push(
        `customer ${customer}: ${tally.refused} keys refused (expected ${config.attempts - AFFORDABLE})`,
      );
  }
  const codes = [...outcomes.values()].filter((o) => o.succeeded).map((o) => o.code);
  const duplicateCodes = codes.length - new Set(codes).size;
  checks.add(
    phase,
    `exactly ${AFFORDABLE} keys succeed per customer`,
    wrongCount,
    `${customers.length} customers × ${AFFORDABLE} succeeded, × ${config.attempts - AFFORDABLE} refused`,
  );
  checks.add(
    phase,
    "no key created twice, replays identical, no code handed out twice",
    [...problems, ...(duplicateCodes ? [`${duplicateCodes} codes handed out twice`] : [])],
    `${answers.length} answers, ${outcomes.size} keys, ${codes.length} distinct codes`,
  );
  checks.add(
    phase,
    "every answer is 201, 200, or 409 INSUFFICIENT_POINTS / REDEMPTION_IN_PROGRESS (no 5xx, no connection error)",
    unexpected,
    `${answers.length} answers: ${formatCounts(countBy(answers.map(statusLabel)))}`,
  );
  const retried = [...byKey.values()].filter(
    (g) => g.length > 1 && g.some((a) => a.status === 201),
  ).length;
  checks.add(
    phase,
    "a duplicate-key retry of a key that succeeded gets that result (200) or REDEMPTION_IN_PROGRESS, never INSUFFICIENT_POINTS",
    inconsistent,
    `of ${retried} succeeded keys sent more than once at the same time`,
    "idempotency",
  );
  return outcomes;
}

/** The database after the redemptions (before the sweep), for the customers of the phases so far. */
async function checkDatabaseAfterRedemptions(
  checks: Checks,
  database: BenchDatabase,
  phase: string,
  outcomes: Map<string, KeyOutcome>,
  customers: number[],
): Promise<{ redemptions: number; ledgerEntries: number }> {
  const members = await database.query<Row>(
    `SELECT id, "shopifyCustomerId" AS sid, balance, pending FROM "Customer" WHERE shop = ?`,
    [SHOP],
  );
  const negative = await database.query<Row>(
    `SELECT "shopifyCustomerId" AS sid, balance FROM "Customer" WHERE balance < 0`,
  );
  const sums = new Map(
    (
      await database.query<Row>(
        `SELECT "customerId" AS cid, SUM(points) AS total, COUNT(*) AS n FROM "LedgerEntry" WHERE shop = ? GROUP BY "customerId"`,
        [SHOP],
      )
    ).map((r) => [String(r.cid), num(r.total)]),
  );
  const redemptions = await database.query<Row>(
    `SELECT r.id, c."shopifyCustomerId" AS sid, r.status, r.code, r."discountId" AS "discountId", r.points, r."expiresAt" AS "expiresAt", r."idempotencyKey" AS key FROM "Redemption" r JOIN "Customer" c ON c.id = r."customerId" WHERE r.shop = ?`,
    [SHOP],
  );
  const entries = await database.query<Row>(
    `SELECT "idempotencyKey" AS key, kind, points FROM "LedgerEntry" WHERE shop = ? AND kind IN ('redeem', 'release')`,
    [SHOP],
  );
  const [{ n: ledgerEntries }] = await database.query<Row>(
    `SELECT COUNT(*) AS n FROM "LedgerEntry" WHERE shop = ?`,
    [SHOP],
  );
  const tested = new Set(customers.map(String));

  const balanceProblems: string[] = negative.map((r) => `customer ${r.sid}: balance ${r.balance}`);
  const seen = new Set<string>();
  for (const m of members) {
    if (!tested.has(String(m.sid))) continue;
    seen.add(String(m.sid));
    const expected = POINTS_EACH - AFFORDABLE * REWARD_COST;
    if (num(m.balance) !== expected)
      balanceProblems.push(`customer ${m.sid}: balance ${m.balance}, expected ${expected}`);
    if (num(m.pending) !== 0) balanceProblems.push(`customer ${m.sid}: pending ${m.pending}`);
  }
  for (const c of tested) if (!seen.has(c)) balanceProblems.push(`customer ${c}: missing`);
  checks.add(
    phase,
    "no balance below zero; every balance 0 (1,500 − 3 × 500)",
    balanceProblems,
    `${seen.size} customers, lowest balance in the database ${Math.min(...members.map((m) => num(m.balance)))}`,
  );

  const drift = members
    .filter((m) => num(m.balance) !== (sums.get(String(m.id)) ?? 0))
    .map((m) => `customer ${m.sid}: balance ${m.balance}, Σ ledger ${sums.get(String(m.id)) ?? 0}`);
  checks.add(
    phase,
    "balance = Σ ledger, every customer",
    drift,
    `${members.length} customers, ${num(ledgerEntries)} ledger entries`,
  );

  // Redemption rows ↔ answers: every code handed out is in the database, and every row was handed out.
  const succeeded = new Map(
    [...outcomes.values()].filter((o) => o.succeeded).map((o) => [o.redemptionId!, o]),
  );
  const rowProblems: string[] = [];
  const perCustomer = new Map<string, number>();
  const maxExpiry = Date.now() + 31 * 86_400_000;
  for (const r of redemptions) {
    perCustomer.set(String(r.sid), (perCustomer.get(String(r.sid)) ?? 0) + 1);
    if (r.status !== "issued")
      rowProblems.push(`redemption ${r.id} (customer ${r.sid}, key ${r.key}): status ${r.status}`);
    if (!r.code || !r.discountId)
      rowProblems.push(`redemption ${r.id}: code ${r.code}, discountId ${r.discountId}`);
    const expiresAt = r.expiresAt ? new Date(r.expiresAt as string).getTime() : NaN;
    if (!(expiresAt > Date.now() + 29 * 86_400_000 && expiresAt < maxExpiry))
      rowProblems.push(`redemption ${r.id}: expiresAt ${String(r.expiresAt)}`);
    const answered = succeeded.get(String(r.id));
    if (!answered)
      rowProblems.push(
        `redemption ${r.id} (customer ${r.sid}, key ${r.key}, ${r.status}, code ${r.code}): never handed out to the shopper`,
      );
    else if (answered.code !== r.code || answered.key !== r.key)
      rowProblems.push(
        `redemption ${r.id}: answered ${answered.key}/${answered.code}, stored ${r.key}/${r.code}`,
      );
  }
  const stored = new Set(redemptions.map((r) => String(r.id)));
  for (const [id, o] of succeeded)
    if (!stored.has(id))
      rowProblems.push(
        `code ${o.code} (customer ${o.customer}, key ${o.key}) answered but no redemption ${id} stored`,
      );
  for (const c of tested)
    if ((perCustomer.get(c) ?? 0) !== AFFORDABLE)
      rowProblems.push(`customer ${c}: ${perCustomer.get(c) ?? 0} redemption rows`);
  const byStatus = countBy(redemptions.map((r) => String(r.status)));
  checks.add(
    phase,
    "every code handed out ↔ one issued redemption; none reserved/failed",
    rowProblems,
    `${redemptions.length} redemptions (${formatCounts(byStatus)}), ${succeeded.size} codes answered`,
  );

  const reserveKeys = countBy(entries.filter((e) => e.kind === "redeem").map((e) => String(e.key)));
  const ledgerProblems: string[] = [];
  for (const r of redemptions) {
    const n = reserveKeys.get(`redemption:${r.id}:reserve`) ?? 0;
    if (n !== 1) ledgerProblems.push(`redemption ${r.id}: ${n} reserve entries`);
  }
  for (const e of entries) {
    if (e.kind === "redeem" && num(e.points) !== -REWARD_COST)
      ledgerProblems.push(`${e.key}: redeem ${e.points}`);
    if (e.kind === "redeem" && !stored.has(String(e.key).split(":")[1]))
      ledgerProblems.push(`${e.key}: redeem entry without a redemption (lost reservation)`);
    if (e.kind === "release") ledgerProblems.push(`${e.key}: release ${e.points} before the sweep`);
  }
  checks.add(
    phase,
    "one −500 reserve entry per redemption, no orphan or release entries",
    ledgerProblems,
    `${entries.filter((e) => e.kind === "redeem").length} redeem entries, ${entries.filter((e) => e.kind === "release").length} release entries`,
  );
  return { redemptions: redemptions.length, ledgerEntries: num(ledgerEntries) };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const formatCounts = (counts: Map<string, number> | Record<string, number>) =>
  [...(counts instanceof Map ? counts : Object.entries(counts))]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");

function statusLabel(a: RedeemAnswer): string {
  return a.error ? `${a.status} ${a.error}` : String(a.status);
}

// ---------------------------------------------------------------------------------------------
// Phases

interface RedeemFigures {
  requests: number;
  keys: number;
  retries: number;
  concurrency: number;
  seconds: number;
  outcomes: Record<string, number>;
  /** Client-measured: new redemptions (201), refusals (409), every request. */
  client: { created: LatencySummary; refused: LatencySummary; all: LatencySummary };
  /** Client latency less the time the server said it waited on Shopify (Server-Timing), for 201s. */
  excludingShopify: LatencySummary;
  /** The server's own time (its request log) for the same requests. */
  server: { created: LatencySummary; refused: LatencySummary; all: LatencySummary; lines: number };
  cpu?: CpuUse;
}

function redeemFigures(
  { result, cpu }: { result: RedeemResult; cpu?: CpuUse },
  logged: LoggedRequest[],
  concurrency: number,
): RedeemFigures {
  const answers = result.answers;
  const posts = logged.filter((r) => r.method === "POST" && r.path === "/api/loyalty/redemptions");
  return {
    requests: answers.length,
    keys: new Set(answers.map((a) => a.key)).size,
    retries: answers.filter((a) => a.retry).length,
    concurrency,
    seconds: result.seconds,
    outcomes: Object.fromEntries(countBy(answers.map(statusLabel))),
    client: {
      created: summarise(answers.filter((a) => a.status === 201).map((a) => a.ms)),
      refused: summarise(answers.filter((a) => a.status === 409).map((a) => a.ms)),
      all: summarise(answers.map((a) => a.ms)),
    },
    excludingShopify: summarise(
      answers.filter((a) => a.status === 201).map((a) => a.ms - a.shopifyMs),
    ),
    server: {
      created: summarise(posts.filter((r) => r.status === 201).map((r) => r.ms)),
      refused: summarise(posts.filter((r) => r.status === 409).map((r) => r.ms)),
      all: summarise(posts.map((r) => r.ms)),
      lines: posts.length,
    },
    cpu,
  };
}

interface GetFigures {
  mode: "autocannon" | "paced" | "capacity";
  result: GetResult;
  cpu?: CpuUse;
  server: LatencySummary;
  serverStatuses: Record<string, number>;
}

interface SweepFigures {
  now: string;
  issued: number;
  releasedHere: number;
  releasedOther: number;
  ms: number;
  secondPass: number;
}

interface DatabaseReport {
  kind: Kind;
  version: string;
  seedSeconds?: number;
  rewardId?: string;
  burst?: RedeemFigures;
  steady?: RedeemFigures;
  replay?: RedeemFigures;
  sequential?: RedeemFigures;
  sweep?: SweepFigures;
  gets: GetFigures[];
  checks: Check[];
  serverErrors: string[];
  stderr: string[];
  failure?: string;
}

function redeemRequests(
  customers: number[],
  rewardId: string,
  phase: string,
  attempts = config.attempts,
): RedeemRequest[][] {
  return customers.map((customer) =>
    Array.from({ length: attempts }, (_, attempt) => ({
      customer,
      key: `bench-${TAG}-${phase}-${customer}-${attempt + 1}`,
      rewardId,
    })),
  );
}

async function sweepTwice(
  database: BenchDatabase,
  now: Date,
  standinUrl: string,
): Promise<{ here: number; other: number; ms: number }> {
  const child = fork(
    join(ROOT, "bench/redemption/sweep.ts"),
    [database.url, now.toISOString(), standinUrl],
    {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  activeChild = child;
  const messages: SweepMessage[] = [];
  let onMessage: (() => void) | null = null;
  child.on("message", (message: SweepMessage) => {
    messages.push(message);
    onMessage?.();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const waitFor = (type: SweepMessage["type"]) =>
    new Promise<SweepMessage>((resolveMessage, reject) => {
      const look = () => {
        const found = messages.find((m) => m.type === type || m.type === "error");
        if (found)
          return found.type === "error"
            ? reject(new Error(`the second sweeper failed: ${found.message}`))
            : resolveMessage(found);
      };
      onMessage = look;
      look();
      void exited.then((code) =>
        reject(new Error(`the second sweeper exited (${code}) before "${type}"`)),
      );
    });
  const { openSql } = await import("../../app/db.server");
  const { sweepExpiredRedemptions } = await import("../../app/services/redemption-release.server");
  const { standinAdminFor } = await import("./standin-admin");
  const adminFor = standinAdminFor(standinUrl);
  const sql = openSql(database.url);
  await waitFor("ready");
  const started = performance.now();
  child.send("go");
  let here = 0;
  for (;;) {
    const count = (await sweepExpiredRedemptions(sql, adminFor, now)).released;
    here += count;
    if (count === 0) break;
  }
  const done = (await waitFor("done")) as Extract<SweepMessage, { type: "done" }>;
  const elapsed = performance.now() - started;
  await sql.close();
  await exited;
  activeChild = null;
  return { here, other: done.released, ms: elapsed };
}

async function checkAfterSweep(
  checks: Checks,
  database: BenchDatabase,
  customers: number[],
  issued: number,
  sweep: { here: number; other: number },
): Promise<number> {
  const phase = "after sweep";
  const redemptions = await database.query<Row>(
    `SELECT r.id, c."shopifyCustomerId" AS sid, r.status FROM "Redemption" r JOIN "Customer" c ON c.id = r."customerId" WHERE r.shop = ?`,
    [SHOP],
  );
  const releases = countBy(
    (
      await database.query<Row>(
        `SELECT "idempotencyKey" AS key, points FROM "LedgerEntry" WHERE shop = ? AND kind = 'release'`,
        [SHOP],
      )
    )
      .filter((e) => num(e.points) === REWARD_COST)
      .map((e) => String(e.key)),
  );
  const [{ n: releaseEntries }] = await database.query<Row>(
    `SELECT COUNT(*) AS n FROM "LedgerEntry" WHERE shop = ? AND kind = 'release'`,
    [SHOP],
  );
  const problems: string[] = [];
  if (sweep.here + sweep.other !== issued)
    problems.push(
      `the two sweepers released ${sweep.here} + ${sweep.other} = ${sweep.here + sweep.other}, ${issued} codes were issued`,
    );
  for (const r of redemptions) {
    if (r.status !== "expired")
      problems.push(`redemption ${r.id} (customer ${r.sid}): status ${r.status}`);
    const n = releases.get(`redemption:${r.id}:release`) ?? 0;
    if (n !== 1) problems.push(`redemption ${r.id}: ${n} release entries of +${REWARD_COST}`);
  }
  if (num(releaseEntries) !== redemptions.length)
    problems.push(`${releaseEntries} release entries for ${redemptions.length} redemptions`);
  checks.add(
    phase,
    "every issued code released exactly once (two sweepers at once)",
    problems,
    `${redemptions.length} redemptions expired, ${releaseEntries} release entries; released ${sweep.here} here + ${sweep.other} by the second process`,
  );

  const members = await database.query<Row>(
    `SELECT id, "shopifyCustomerId" AS sid, balance FROM "Customer" WHERE shop = ?`,
    [SHOP],
  );
  const sums = new Map(
    (
      await database.query<Row>(
        `SELECT "customerId" AS cid, SUM(points) AS total FROM "LedgerEntry" WHERE shop = ? GROUP BY "customerId"`,
        [SHOP],
      )
    ).map((r) => [String(r.cid), num(r.total)]),
  );
  const tested = new Set(customers.map(String));
  const balanceProblems: string[] = [];
  for (const m of members) {
    if (tested.has(String(m.sid)) && num(m.balance) !== POINTS_EACH)
      balanceProblems.push(`customer ${m.sid}: balance ${m.balance}, expected ${POINTS_EACH}`);
    if (num(m.balance) !== (sums.get(String(m.id)) ?? 0))
      balanceProblems.push(
        `customer ${m.sid}: balance ${m.balance}, Σ ledger ${sums.get(String(m.id))}`,
      );
  }
  checks.add(
    phase,
    "balances back to 1,500 and = Σ ledger",
    balanceProblems,
    `${members.length} customers`,
  );
  return redemptions.length;
}

async function benchDatabase(kind: Kind, buildIndex: string): Promise<DatabaseReport> {
  const report: DatabaseReport = {
    kind,
    version: "",
    gets: [],
    checks: [],
    serverErrors: [],
    stderr: [],
  };
  const checks = new Checks(kind);
  report.checks = checks.list;
  const database = await createDatabase(kind, {
    work: WORK,
    tag: TAG,
    pgAdminUrl: flags["pg-url"]!,
  });
  // The stand-in listens before the app's port is chosen, so both can come from BENCH_PORTS.
  const standin = standinInProcess ? null : await startStandinServer(ROOT);
  const server = new DemoServer(
    ROOT,
    buildIndex,
    await freePort(),
    database.url,
    join(WORK, `server-${kind}`),
  );
  if (standin) server.extraEnv = { TALLY_LOCAL_ADMIN_API_URL: standin.url };
  cleanup.push(async () => {
    await server.stop("SIGKILL");
    standin?.stop();
    if (!flags.keep) await database.drop();
  });
  try {
    await prepareDatabase(database);
    report.version = await database.version();
    await server.start();
    log(`${kind}: server pid ${server.pid} on ${server.url} (local demo, TALLY_BACKGROUND_JOBS=0)`);

    report.seedSeconds = (await seedPoints(server, allCustomers)).seconds;
    const seeded = await database.query<Row>(
      `SELECT "shopifyCustomerId" AS sid, balance, "lifetimeEarned" AS earned, "tierName" AS tier FROM "Customer" WHERE shop = ?`,
      [SHOP],
    );
    const seedProblems = seeded
      .filter((r) => num(r.balance) !== POINTS_EACH)
      .map((r) => `customer ${r.sid}: balance ${r.balance} after one order of 1,500.00`);
    if (seeded.length !== allCustomers.length)
      seedProblems.push(
        `${seeded.length} customers in the database, ${allCustomers.length} seeded`,
      );
    checks.add(
      "setup",
      "each customer has exactly 1,500 points (one orders/paid of 1,500.00)",
      seedProblems,
      `${seeded.length} customers in ${report.seedSeconds.toFixed(1)} s; tiers ${formatCounts(countBy(seeded.map((r) => String(r.tier))))}`,
    );
    if (seedProblems.length)
      throw new Error(
        "seeding did not give every customer 1,500 points; the redemption checks would be meaningless",
      );

    const rewards = await database.query<Row>(
      `SELECT id, cost, title FROM "Reward" WHERE shop = ? AND enabled = ?`,
      [SHOP, kind === "sqlite" ? 1 : true],
    );
    if (rewards.length !== 1 || num(rewards[0].cost) !== REWARD_COST)
      throw new Error(`expected the default reward (500 points), found ${JSON.stringify(rewards)}`);
    const rewardId = String(rewards[0].id);
    report.rewardId = rewardId;

    // Warm-up: one customer's attempts, one after the other (compiles the route's code paths).
    const { result: warmup } = await runLoad<RedeemResult>({
      ...target(server),
      kind: "redeem",
      sequences: redeemRequests([WARMUP_CUSTOMER], rewardId, "warmup"),
      concurrency: 1,
    });
    log(`${kind}: warm-up: ${warmup.answers.map(statusLabel).join(", ")}`);

    // Phase 1a: the burst.
    const sequences = redeemRequests(burstCustomers, rewardId, "burst");
    const random = seededRandom(7);
    const firstRound = sequences.flat();
    const retries = Array.from(
      { length: Math.round(firstRound.length * config.retryShare) },
      () => ({ ...firstRound[random.int(0, firstRound.length - 1)], retry: true }),
    );
    const burstRequests = [...firstRound, ...retries];
    // Shuffled, so a customer's attempts and a key's retry are not neighbours in the send order.
    for (let i = burstRequests.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [burstRequests[i], burstRequests[j]] = [burstRequests[j], burstRequests[i]];
    }
    log(
      `${kind}: 1a burst: ${burstRequests.length} POST /api/loyalty/redemptions at once (${burstCustomers.length} customers × ${config.attempts} keys + ${retries.length} duplicate-key retries)`,
    );
    let mark = server.logMark();
    const burstRun = await runLoad<RedeemResult>(
      {
        ...target(server),
        kind: "redeem",
        sequences: burstRequests.map((r) => [r]),
        concurrency: burstRequests.length,
      },
      server.pid,
    );
    const burst = burstRun.result;
    await settleLog();
    report.burst = redeemFigures(
      burstRun,
      server.requestsBetween(mark, server.logMark()),
      burstRequests.length,
    );
    log(
      `${kind}: 1a: ${formatCounts(report.burst.outcomes)} in ${burst.seconds.toFixed(2)} s; 201 client p50 ${ms(report.burst.client.created.p50)} p95 ${ms(report.burst.client.created.p95)}; server p95 ${ms(report.burst.server.created.p95)}; ${cpuText(report.burst.cpu)}`,
    );

    // Phase 1b: steady, each customer's attempts one after the other, 10 customers at a time.
    log(
      `${kind}: 1b steady: ${steadyCustomers.length} customers × ${config.attempts} attempts in sequence, ${config.steady.concurrency} customers at a time`,
    );
    mark = server.logMark();
    const steadyRun = await runLoad<RedeemResult>(
      {
        ...target(server),
        kind: "redeem",
        sequences: redeemRequests(steadyCustomers, rewardId, "steady"),
        concurrency: config.steady.concurrency,
      },
      server.pid,
    );
    const steady = steadyRun.result;
    await settleLog();
    report.steady = redeemFigures(
      steadyRun,
      server.requestsBetween(mark, server.logMark()),
      config.steady.concurrency,
    );
    log(
      `${kind}: 1b: ${formatCounts(report.steady.outcomes)} in ${steady.seconds.toFixed(2)} s; 201 client p50 ${ms(report.steady.client.created.p50)} p95 ${ms(report.steady.client.created.p95)}; server p95 ${ms(report.steady.server.created.p95)}; ${cpuText(report.steady.cpu)}`,
    );

    const tested = [WARMUP_CUSTOMER, ...burstCustomers, ...steadyCustomers];
    const outcomes = checkAnswers(
      checks,
      "after 1a+1b",
      [...warmup.answers, ...burst.answers, ...steady.answers],
      tested,
    );
    const before = await checkDatabaseAfterRedemptions(
      checks,
      database,
      "after 1a+1b",
      outcomes,
      tested,
    );

    // Phase 1c: every key sent again — the same answer, nothing spent twice.
    const again = [...outcomes.values()].map((o) => [
      { customer: o.customer, key: o.key, rewardId, retry: true },
    ]);
    log(`${kind}: 1c: every key sent again (${again.length} requests, 4 at a time)`);
    mark = server.logMark();
    const replayRun = await runLoad<RedeemResult>({
      ...target(server),
      kind: "redeem",
      sequences: again,
      concurrency: 4,
    });
    const replay = replayRun.result;
    await settleLog();
    report.replay = redeemFigures(replayRun, server.requestsBetween(mark, server.logMark()), 4);
    const replayProblems: string[] = [];
    for (const a of replay.answers) {
      const o = outcomes.get(a.key)!;
      if (
        o.succeeded &&
        !(
          a.status === 200 &&
          a.redemptionId === o.redemptionId &&
          a.code === o.code &&
          a.balance === o.balance
        )
      )
        replayProblems.push(
          `${a.key}: ${statusLabel(a)} ${a.redemptionId}/${a.code} balance ${a.balance}, first ${o.redemptionId}/${o.code} balance ${o.balance}`,
        );
      if (!o.succeeded && !(a.status === 409 && a.error === "INSUFFICIENT_POINTS"))
        replayProblems.push(`${a.key} (refused first): now ${statusLabel(a)}`);
    }
    const [{ n: rowsAfter }] = await database.query<Row>(
      `SELECT COUNT(*) AS n FROM "Redemption" WHERE shop = ?`,
      [SHOP],
    );
    const [{ n: entriesAfter }] = await database.query<Row>(
      `SELECT COUNT(*) AS n FROM "LedgerEntry" WHERE shop = ?`,
      [SHOP],
    );
    if (num(rowsAfter) !== before.redemptions)
      replayProblems.push(
        `${rowsAfter} redemptions after the replays, ${before.redemptions} before`,
      );
    if (num(entriesAfter) !== before.ledgerEntries)
      replayProblems.push(
        `${entriesAfter} ledger entries after the replays, ${before.ledgerEntries} before`,
      );
    checks.add(
      "1c replays",
      "a key sent again: same redemption and code (200), or 409 again; nothing written",
      replayProblems,
      `${replay.answers.length} replays: ${formatCounts(report.replay.outcomes)}`,
      "idempotency",
    );

    // The expiry sweep, from here and from a second process at the same moment.
    const [{ latest }] = await database.query<Row>(
      `SELECT MAX("expiresAt") AS latest FROM "Redemption" WHERE shop = ?`,
      [SHOP],
    );
    const sweepNow = new Date(new Date(latest as string).getTime() + 60_000);
    const issued = before.redemptions;
    log(
      `${kind}: sweep: now = ${sweepNow.toISOString()} (after every code's end), two sweepers at once`,
    );
    const sweep = await sweepTwice(database, sweepNow, standin!.url);
    await checkAfterSweep(checks, database, tested, issued, sweep);
    const { openSql } = await import("../../app/db.server");
    const { sweepExpiredRedemptions } =
      await import("../../app/services/redemption-release.server");
    const { standinAdminFor } = await import("./standin-admin");
    const sql = openSql(database.url);
    const secondPass = (
      await sweepExpiredRedemptions(
        sql,
        standinAdminFor(standin!.url),
        new Date(sweepNow.getTime() + 86_400_000),
      )
    ).released;
    await sql.close();
    checks.add(
      "after sweep",
      "a later sweep releases nothing more",
      secondPass ? [`${secondPass} released again`] : [],
      "0 released",
    );
    report.sweep = {
      now: sweepNow.toISOString(),
      issued,
      releasedHere: sweep.here,
      releasedOther: sweep.other,
      ms: sweep.ms,
      secondPass,
    };

    // Phase 1d: one request at a time (the balances are back to 1,500): a redemption's latency without queueing.
    const sequentialCustomers = steadyCustomers.slice(0, config.sequentialCustomers);
    log(
      `${kind}: 1d one at a time: ${sequentialCustomers.length} customers × ${AFFORDABLE} redemptions, one request at a time`,
    );
    mark = server.logMark();
    const sequentialRun = await runLoad<RedeemResult>(
      {
        ...target(server),
        kind: "redeem",
        sequences: redeemRequests(sequentialCustomers, rewardId, "seq", AFFORDABLE),
        concurrency: 1,
      },
      server.pid,
    );
    await settleLog();
    report.sequential = redeemFigures(
      sequentialRun,
      server.requestsBetween(mark, server.logMark()),
      1,
    );
    log(
      `${kind}: 1d: ${formatCounts(report.sequential.outcomes)}; 201 client p50 ${ms(report.sequential.client.created.p50)} p95 ${ms(report.sequential.client.created.p95)}; server p95 ${ms(report.sequential.server.created.p95)}; ${cpuText(report.sequential.cpu)}`,
    );
    const sequentialProblems = sequentialRun.result.answers
      .filter((a) => a.status !== 201)
      .map((a) => `${a.key}: ${statusLabel(a)}`);
    const afterSequential = await database.query<Row>(
      `SELECT c."shopifyCustomerId" AS sid, c.balance, (SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" l WHERE l."customerId" = c.id) AS total FROM "Customer" c WHERE c.shop = ?`,
      [SHOP],
    );
    const sequentialSet = new Set(sequentialCustomers.map(String));
    for (const r of afterSequential) {
      const expected = sequentialSet.has(String(r.sid))
        ? POINTS_EACH - AFFORDABLE * REWARD_COST
        : POINTS_EACH;
      if (num(r.balance) !== expected || num(r.total) !== num(r.balance))
        sequentialProblems.push(
          `customer ${r.sid}: balance ${r.balance} (expected ${expected}), Σ ledger ${r.total}`,
        );
    }
    checks.add(
      "1d one at a time",
      "every redemption 201; balances 0 for these customers, 1,500 for the others, = Σ ledger",
      sequentialProblems,
      `${sequentialRun.result.answers.length} redemptions`,
    );

    // Phase 2: GET /api/loyalty at a steady rate (autocannon, then open loop); then the capacity
    // (closed loop, no rate) so the steady figures can be read against how close 500/s is to it.
    const { rate, duration, connections } = config.get;
    for (const mode of ["autocannon", "paced", "capacity"] as const) {
      const seconds = mode === "capacity" ? config.capacitySeconds : duration;
      const how =
        mode === "autocannon"
          ? `at ${rate}/s, autocannon overallRate, ${connections} connections`
          : mode === "paced"
            ? `at ${rate}/s, open-loop paced sender`
            : `as fast as ${connections} connections go (closed loop)`;
      log(
        `${kind}: 2 GET /api/loyalty ${how}, ${seconds} s, ${allCustomers.length} customers' tokens rotating`,
      );
      mark = server.logMark();
      const { result, cpu } =
        mode === "paced"
          ? await runLoad<GetResult>(
              {
                ...target(server),
                kind: "get-paced",
                customers: allCustomers,
                rate,
                duration: seconds,
              },
              server.pid,
            )
          : await runLoad<GetResult>(
              {
                ...target(server),
                kind: "get-autocannon",
                customers: allCustomers,
                rate: mode === "capacity" ? 0 : rate,
                duration: seconds,
                connections,
              },
              server.pid,
            );
      await settleLog();
      const gets = server
        .requestsBetween(mark, server.logMark())
        .filter((r) => r.method === "GET" && r.path === "/api/loyalty");
      const figures: GetFigures = {
        mode,
        result,
        cpu,
        server: summarise(gets.map((r) => r.ms)),
        serverStatuses: Object.fromEntries(countBy(gets.map((r) => String(r.status)))),
      };
      report.gets.push(figures);
      log(
        `${kind}: 2 ${mode}: ${(result.ok / result.seconds).toFixed(0)}/s answered 2xx (${formatCounts(result.statuses)}); client p50 ${ms(result.latency.p50)} p99 ${ms(result.latency.p99)} max ${ms(result.latency.max)}; server p50 ${ms(figures.server.p50)} p99 ${ms(figures.server.p99)} max ${ms(figures.server.max)}; ${cpuText(cpu)}`,
      );
      const sample = result.sample as
        | {
            balance?: number;
            rewards?: { cost: number; affordable: boolean }[];
            history?: unknown[];
          }
        | undefined;
      const shape: string[] = [];
      if (
        !sample ||
        sample.balance !== POINTS_EACH ||
        sample.rewards?.[0]?.cost !== REWARD_COST ||
        sample.rewards?.[0]?.affordable !== true ||
        !Array.isArray(sample.history)
      )
        shape.push(`sample answer ${JSON.stringify(sample)?.slice(0, 300)}`);
      if (result.ok !== result.requests)
        shape.push(
          `${result.requests - result.ok} of ${result.requests} requests not 2xx (${formatCounts(result.statuses)}${result.errorSamples.length ? `; ${result.errorSamples.join("; ")}` : ""})`,
        );
      checks.add(
        `2 ${mode}`,
        "every GET /api/loyalty answered 200 with the shopper's figures",
        shape,
        `${result.requests} requests; sample balance ${sample?.balance}, ${sample?.history?.length ?? 0} history entries`,
        "service",
      );
    }
  } catch (error) {
    report.failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${kind}: FAILED: ${report.failure}`);
  } finally {
    await server.stop();
    report.serverErrors = server.serverErrors();
    report.stderr = server.errorLines();
    if (!flags.keep) await database.drop();
    standin?.stop();
    cleanup.pop();
  }
  return report;
}

const target = (server: DemoServer) => ({
  baseUrl: server.url,
  shop: SHOP,
  apiKey: server.env.SHOPIFY_API_KEY,
  secret: server.env.SHOPIFY_API_SECRET,
});

/** The server writes the line when the response finishes; give the last ones a moment to reach the file. */
const settleLog = () => new Promise((r) => setTimeout(r, 300));

// ---------------------------------------------------------------------------------------------
// The stand-in's own time (what Shopify would spend): issueReward against it, in this process.

async function standinTime(): Promise<LatencySummary | null> {
  try {
    const { setupServer } = await import("msw/node");
    const { createAdminApiStandin } =
      await import("../../admin-api-standin/admin-api-standin.server");
    const { createFetchAdminClient } = await import("../../admin-api-standin/fetch-admin-client");
    const { issueReward, newRewardCode } = await import("../../app/shopify/reward-codes.server");
    const { defaultReward, codeExpiry } = await import("../../app/loyalty/rewards");
    const standin = createAdminApiStandin();
    const mocked = setupServer(...standin.handlers);
    mocked.listen({ onUnhandledRequest: "bypass" });
    try {
      const admin = createFetchAdminClient({ shop: SHOP, accessToken: `shpat_test_${SHOP}` });
      const reward = { id: "bench", ...defaultReward(2) };
      const times: number[] = [];
      for (let i = 0; i < 220; i++) {
        const now = new Date();
        const started = performance.now();
        await issueReward(admin, {
          reward,
          customerGid: `gid://shopify/Customer/${900_001 + (i % 50)}`,
          code: newRewardCode(),
          currencyCode: "USD",
          currencyExponent: 2,
          now,
          expiresAt: codeExpiry(reward, now),
        });
        if (i >= 20) times.push(performance.now() - started);
      }
      if (standin.invalidDocuments.length)
        log(
          `stand-in: ${standin.invalidDocuments.length} invalid documents: ${JSON.stringify(standin.invalidDocuments[0]).slice(0, 300)}`,
        );
      return summarise(times);
    } finally {
      mocked.close();
    }
  } catch (error) {
    log(`stand-in timing skipped: ${String(error)}`);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
/** Server CPU (all its threads) per request over a phase: what one request costs, whatever the queueing. */
const cpuPerRequest = (cpu: CpuUse | undefined, requests: number) =>
  cpu && requests
    ? `${ms((cpu.server * cpu.seconds * 1000) / requests)} server CPU per request`
    : "";
const cpuText = (cpu: CpuUse | undefined) =>
  cpu
    ? `CPU ${cpu.machine.toFixed(2)} of ${cpu.cores} cores busy: server ${cpu.server.toFixed(2)}, load process ${cpu.load.toFixed(2)}, postgres ${cpu.postgres.toFixed(2)}, other processes ${cpu.other.toFixed(2)} (load avg ${cpu.loadAverage.toFixed(1)})`
    : "CPU not measured";
const lat = (
  s: LatencySummary,
  keys: ("p50" | "p95" | "p99" | "max")[] = ["p50", "p95", "p99", "max"],
) => (s.count ? keys.map((k) => `${k} ${ms(s[k])}`).join(", ") : "—");

function databaseTable(r: DatabaseReport): string {
  const rows: [string, string][] = [];
  if (r.seedSeconds !== undefined)
    rows.push([
      "setup",
      `${allCustomers.length} customers × 1,500 points (one signed orders/paid of 1,500.00 each, ${r.seedSeconds.toFixed(1)} s); reward "5.00 off" for 500`,
    ]);
  const redeem = (label: string, f: RedeemFigures | undefined) => {
    if (!f) return;
    rows.push([
      `${label}: answers`,
      `${f.requests} requests, ${f.keys} keys${f.retries ? ` (${f.retries} duplicate-key retries)` : ""}, ${f.concurrency} at a time, ${f.seconds.toFixed(2)} s: ${formatCounts(f.outcomes)}`,
    ]);
    rows.push([
      `${label}: latency, client (201 / 409)`,
      `${lat(f.client.created)} / ${lat(f.client.refused, ["p50", "p95"])}`,
    ]);
    rows.push([
      `${label}: latency, server time (201 / 409)`,
      `${lat(f.server.created)} / ${lat(f.server.refused, ["p50", "p95"])}`,
    ]);
    rows.push([
      `${label}: latency excluding Shopify (201: client − Server-Timing shopify)`,
      lat(f.excludingShopify),
    ]);
    if (f.cpu)
      rows.push([
        `${label}: who used the CPU`,
        `${cpuText(f.cpu)}; ${cpuPerRequest(f.cpu, f.requests)}`,
      ]);
  };
  redeem(`1a burst (${r.burst?.requests ?? "?"} at once)`, r.burst);
  redeem(
    `1b steady (${config.steady.concurrency} customers at a time, each in sequence)`,
    r.steady,
  );
  if (r.replay)
    rows.push([
      `1c every key sent again (${r.replay.concurrency} at a time)`,
      `${formatCounts(r.replay.outcomes)}; client ${lat(r.replay.client.all, ["p50", "p95"])}`,
    ]);
  redeem("1d one at a time (after the sweep)", r.sequential);
  if (r.sweep)
    rows.push([
      "expiry sweep, two processes at once",
      `${r.sweep.issued} issued codes: ${r.sweep.releasedHere} + ${r.sweep.releasedOther} released (${(r.sweep.ms / 1000).toFixed(2)} s); a later sweep: ${r.sweep.secondPass}`,
    ]);
  for (const g of r.gets) {
    const label =
      g.mode === "autocannon"
        ? `2a GET /api/loyalty at ${config.get.rate}/s, autocannon overallRate (${config.get.connections} conn, ${config.get.duration} s)`
        : g.mode === "paced"
          ? `2b GET /api/loyalty at ${config.get.rate}/s, open-loop paced sender (${config.get.duration} s)`
          : `2c GET /api/loyalty capacity: closed loop, ${config.get.connections} conn, no rate (${config.capacitySeconds} s)`;
    const res = g.result;
    rows.push([
      `${label}: client`,
      `${Math.round(res.ok / res.seconds)}/s answered 200 (${res.requests} requests; ${res.non2xx} non-2xx, ${res.errors} errors); ${lat(res.latency, ["p50", "p99", "max"])}`,
    ]);
    rows.push([
      `${label}: server time`,
      `${lat(g.server, ["p50", "p95", "p99", "max"])} (${g.server.count} requests logged)`,
    ]);
    if (g.cpu)
      rows.push([
        `${label}: who used the CPU`,
        `${cpuText(g.cpu)}; ${cpuPerRequest(g.cpu, g.result.requests)}`,
      ]);
  }
  for (const c of r.checks)
    rows.push([
      `${c.ok ? "✔" : "✘"} ${c.phase}: ${c.name}`,
      c.ok ? c.detail : `**FAILED**: ${c.detail}; e.g. ${c.examples.slice(0, 3).join("; ")}`,
    ]);
  if (r.serverErrors.length)
    rows.push([
      "server 5xx answers",
      `**${r.serverErrors.length}** (e.g. \`${r.serverErrors[0]}\`)`,
    ]);
  if (r.stderr.length)
    rows.push([
      "server stderr",
      `${r.stderr.length} lines (e.g. \`${r.stderr[0].slice(0, 160)}\`)`,
    ]);
  if (r.failure) rows.push(["**run failed**", `\`${r.failure.split("\n")[0]}\``]);
  return [
    "| measure | result |",
    "|---|---|",
    ...rows.map(([a, b]) => `| ${a} | ${b.replace(/\|/g, "\\|")} |`),
  ].join("\n");
}

const verdict = (met: boolean | undefined) =>
  met === undefined ? "not measured" : met ? "**met**" : "**not met**";

/** The burst's p95 (excluding Shopify) against its bound, from the server CPU the burst used. */
function burstGoal(r: DatabaseReport) {
  const f = r.burst;
  if (!f?.cpu || !f.requests) return null;
  const cpuMs = (f.cpu.server * f.cpu.seconds * 1000) / f.requests;
  return { p95: f.excludingShopify.p95, cpuMs, bound: (1.2 * f.requests * cpuMs) / f.cpu.cores };
}

function recordRedemptionGoals(reports: DatabaseReport[]) {
  const name = (kind: string) => (kind === "sqlite" ? "SQLite" : "PostgreSQL");
  const bursts = reports.map((r) => ({ r, b: burstGoal(r) }));
  const steadies = reports.map((r) => ({ r, f: r.steady }));
  if (bursts.some(({ b }) => !b) || steadies.some(({ f }) => !f)) return;
  const args = process.argv.slice(2).join(" ");
  const command = `npm run bench:redemption${args ? ` -- ${args}` : ""}`;
  recordGoals(ROOT, [
    {
      id: "redemption-burst",
      figure: bursts
        .map(
          ({ r, b }) => `${name(r.kind)} ${ms(b!.p95)} (bound ${ms(b!.bound)} at ${ms(b!.cpuMs)})`,
        )
        .join(", "),
      met: bursts.every(({ b }) => b!.p95 <= b!.bound),
      command,
    },
    {
      id: "redemption-steady",
      figure: steadies
        .map(({ r, f }) => `${ms(f!.excludingShopify.p95)} (${name(r.kind)})`)
        .join(", "),
      met: steadies.every(({ f }) => f!.excludingShopify.p95 <= 50),
      command,
    },
  ]);
}

function goals(reports: DatabaseReport[]): string {
  const lines = ["| goal | measured | verdict |", "|---|---|---|"];
  const sqlite = reports.find((r) => r.kind === "sqlite");
  for (const g of sqlite?.gets.filter((x) => x.mode !== "capacity") ?? []) {
    const clean = g.result.non2xx + g.result.errors === 0;
    lines.push(
      `| SQLite: GET /api/loyalty p99 ≤ 20 ms server time at ${config.get.rate}/s — ${g.mode === "autocannon" ? "autocannon overallRate (per-second bursts)" : "open-loop, evenly spaced"} | server p99 ${ms(g.server.p99)} (client p99 ${ms(g.result.latency.p99)}, incl. loopback HTTP)${clean ? "" : `; ${g.result.non2xx + g.result.errors} failed requests`} | ${verdict(g.server.p99 <= 20 && clean)} |`,
    );
  }
  if (!sqlite?.gets.length)
    lines.push(
      `| SQLite: GET /api/loyalty p99 ≤ 20 ms server time at ${config.get.rate}/s | — | not measured |`,
    );
  // Redemption latency is judged on what the shopper waits for, less the time the server itself says
  // it waited on Shopify (its Server-Timing header). With --standin in-process the stand-in's CPU also
  // delays the requests queued behind it, so that figure errs high.
  // Issue 23's goals: a burst's p95 within 1.2 × its requests × the server CPU one costs ÷ cores
  // (what queueing on 2 cores allows), steady p95 ≤ 50 ms.
  for (const r of reports) {
    const b = burstGoal(r);
    lines.push(
      `| ${r.kind}: redemption burst, 240 at once: p95 excl. Shopify ≤ 1.2 × requests × CPU per request ÷ cores | ${b ? `${ms(b.p95)} (bound ${ms(b.bound)} at ${ms(b.cpuMs)} server CPU per request; client p95 ${ms(r.burst!.client.created.p95)})` : "—"} | ${verdict(b ? b.p95 <= b.bound : undefined)} |`,
    );
    for (const [label, f, goal] of [
      ["1b steady, 10 customers at a time", r.steady, 50],
      ["1d one at a time", r.sequential, 100],
    ] as const) {
      lines.push(
        `| ${r.kind}: redemption p95 ≤ ${goal} ms excl. Shopify — ${label} | client p95 less Shopify's time ${f ? ms(f.excludingShopify.p95) : "—"} (client p95 ${f ? ms(f.client.created.p95) : "—"}; server handler time p95 ${f ? ms(f.server.created.p95) : "—"}; ${f ? cpuPerRequest(f.cpu, f.requests) : "—"}) | ${verdict(f ? f.excludingShopify.p95 <= goal : undefined)} |`,
      );
    }
  }
  for (const r of reports) {
    const complete = !r.failure && r.checks.some((c) => c.phase === "after sweep");
    for (const [category, goal] of [
      ["integrity", "zero double spends, zero lost reservations (database, codes, sweep)"],
      ["idempotency", "a retried Idempotency-Key gets the first result (design §3)"],
    ] as const) {
      const mine = r.checks.filter((c) => c.category === category);
      const failed = mine.filter((c) => !c.ok);
      lines.push(
        `| ${r.kind}: ${goal} | ${mine.length} checks, ${failed.length} failed${failed.length ? ` (${failed.map((c) => `${c.phase}: ${c.name} — ${c.detail}`).join("; ")})` : ""}${complete ? "" : " (run incomplete)"} | ${verdict(failed.length ? false : complete ? true : undefined)} |`,
      );
    }
  }
  return lines.join("\n");
}

function markdown(
  reports: DatabaseReport[],
  standin: LatencySummary | null,
  startedAt: Date,
  seconds: number,
): string {
  const m = machine();
  const args = process.argv.slice(2).join(" ");
  const parts = [
    `## ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC — redemption${quick ? " (--quick)" : ""}`,
    "",
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os} (shared: compare figures within one run)`,
    `- node ${process.version}; ${reports
      .map((r) => r.version)
      .filter(Boolean)
      .join("; ")}; revision ${revision(ROOT)}`,
    `- command: \`npm run bench:redemption${args ? ` -- ${args}` : ""}\` (${(seconds / 60).toFixed(1)} min)`,
    `- server: the production server (\`scripts/serve.mjs\`, shopper API on its direct path) on a production build, local-demo mode (\`demoEnv()\`, \`TALLY_BACKGROUND_JOBS=0\`): ${standinInProcess ? `the Admin API is answered in-process by the schema-validating stand-in (\`--standin in-process\`), so "server time" and its CPU include the stand-in's work` : "the Admin API is answered by the schema-validating stand-in in a process of its own (`scripts/demo/admin-api-server.ts`, `TALLY_LOCAL_ADMIN_API_URL`), on the same 2 cores"}${standin ? ` (issueReward against the stand-in alone, in the bench process: p50 ${ms(standin.p50)}, p95 ${ms(standin.p95)} per code)` : ""}; redemption latency "excluding Shopify" subtracts the server's own Server-Timing figure for its Admin API calls`,
    `- client latency: measured by the load process (a separate process on the same 2 cores), adds loopback HTTP; server time: the server's request log (TALLY_REQUEST_LOG=1), from the request reaching express to the response finished — time queued before that is not in it (see the note under Goals)`,
    "",
  ];
  for (const r of reports)
    parts.push(`### ${r.kind} (${r.version || "?"})`, "", databaseTable(r), "");
  parts.push("### Goals", "", goals(reports), "");
  parts.push(
    "How to read the latencies: server time is the request log's window (request reaches express → response finished). On SQLite the handler hardly yields (better-sqlite3 is synchronous), so when many requests arrive together they wait *before* that window, in the server's event loop — the client figure shows it. On PostgreSQL every query yields, so requests wait inside the window (for the pool's 10 connections), and server ≈ client. Client latency under a burst ≈ requests ahead × server CPU per request ÷ the cores the server gets.",
    "",
  );
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
    activeChild?.kill("SIGKILL");
    Promise.allSettled(cleanup.map((step) => step())).finally(() => process.exit(130));
  });
}

async function main() {
  const startedAt = new Date();
  if (!flags["no-build"]) {
    log("building the production server (npx remix build)…");
    execFileSync("npx", ["remix", "build"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
  // The server runs from a copy, so a rebuild by someone else cannot change it mid-run.
  cpSync(join(ROOT, "build"), join(WORK, "build"), { recursive: true });
  const buildIndex = join(WORK, "build", "index.js");
  const reports: DatabaseReport[] = [];
  for (const kind of config.databases) {
    log(`=== ${kind} ===`);
    reports.push(await benchDatabase(kind, buildIndex));
  }
  const standin = await standinTime();
  const section = markdown(reports, standin, startedAt, (Date.now() - startedAt.getTime()) / 1000);
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
    for (const c of r.checks.filter((x) => !x.ok))
      console.log(`${r.kind}: FAILED [${c.phase}] ${c.name}:\n  ${c.examples.join("\n  ")}`);
  }
  if (!flags["no-results"]) {
    // Read-modify-write right before writing: other benchmarks append to the same file.
    const file = join(ROOT, "bench", "RESULTS.md");
    const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
    writeFileSync(file, `${current.replace(/\n*$/, "\n")}\n${section}`);
    log("appended to bench/RESULTS.md");
    recordRedemptionGoals(reports);
  }
  const failed = reports.some(
    (r) => r.failure || r.checks.some((c) => !c.ok) || r.serverErrors.length > 0,
  );
  if (flags.keep || failed) log(`kept ${WORK} (server logs, build copy)`);
  else rmSync(WORK, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.allSettled(cleanup.map((step) => step()));
  process.exit(1);
});
