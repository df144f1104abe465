// bench/redemption/in-process: the server CPU one redemption costs, stage by stage, with no HTTP and
// no load process (issue 23 item 4: ≤ 1.0 ms per redemption, Shopify's time excluded).
//
//   npx tsx bench/redemption/in-process.ts [--db sqlite|postgresql] [--redemptions 1500] [--results]
//
// The Admin API stand-in runs in a process of its own (scripts/demo/admin-api-server.ts), so its work
// is not in this process's CPU; the app's side of each Admin API call (building the request, parsing
// the answer) is. Each stage runs over fresh members and keys (each member affords 3 rewards):
// the session-token check alone, the redemption service alone (redeemReward), and the whole route
// action (POST /api/loyalty/redemptions: token, body, shop, member, redemption, answer). CPU is
// process.cpuUsage() over the timed loop ÷ redemptions; the first tenth of each stage warms up.
// With --results the whole-action figure is recorded as the goal's (bench/lib/goals.ts).
// On PostgreSQL each stage also prints the CPU of the bench database's backends per redemption.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import {
  createDatabase,
  machine,
  postgresBackendsCpuUs,
  revision,
  serverCpuSince,
  startStandinServer,
  type Kind,
} from "../lib/harness";
import { recordGoals } from "../lib/goals";
import { redeemingShoppers } from "./redeeming-shoppers";
import type { AdminGraphqlClient } from "../../app/shopify/admin-client.server";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    redemptions: { type: "string", default: "1500" },
    results: { type: "boolean", default: false },
    /** Times the whole route action only (A/B runs on a loaded machine). */
    "route-only": { type: "boolean", default: false },
    /** Writes a V8 CPU profile of the whole-route stage's timed loop to this file. */
    profile: { type: "string" },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const kind = flags.db as Kind;
const count = Number(flags.redemptions);
const SHOP = "tally-redeem-inprocess.myshopify.com";
const REWARDS_EACH = 3;

const standin = await startStandinServer(ROOT);
const database = await createDatabase(kind, {
  work: mkdtempSync(join(tmpdir(), "tally-redeem-inprocess-")),
  tag: `redeem_inprocess_${process.pid}`,
  pgAdminUrl: flags["pg-url"]!,
});
const env = demoEnv({ port: 3998, databaseUrl: database.url });
Object.assign(process.env, env, {
  TALLY_BACKGROUND_JOBS: "0",
  TALLY_LOCAL_ADMIN_API_URL: standin.url,
});
const { migrateDatabase } = await import("../../app/db/migrate.server");
await migrateDatabase(database.url);
// As entry.server.tsx does in local-demo mode, once Shopify's library has set its own fetch: Admin
// API calls go to the stand-in's process.
const { unauthenticated } = await import("../../app/shopify.server");
await (await import("../../app/local-demo/admin-api.server")).startLocalAdminApi();
const { getDb, getSql } = await import("../../app/db.server");
const { installShop } = await import("../../tests/factories/shop");
await installShop(getDb(), SHOP);
const { shopContext } = await import("../../app/models/program.server");
const { redeemReward } = await import("../../app/services/redeem.server");
const { rewardById } = await import("../../app/models/reward.server");
const { issueReward, newRewardCode } = await import("../../app/shopify/reward-codes.server");
const { codeExpiry } = await import("../../app/loyalty/rewards");
const { authenticateShopper } = await import("../../app/shopper-api/authenticate.server");
const { action } = await import("../../app/routes/api.loyalty.redemptions");
const { shopperRequestAdmin } = await import("../../app/shopify/offline-admin.server");
const { offlineAccess } = await import("../../app/models/offline-session.server");
const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop: SHOP } })).id;
const rewardCost = (await getDb().reward.findFirstOrThrow({ where: { id: rewardId } })).cost;

const { members, redeemRequest } = redeemingShoppers({
  shop: SHOP,
  rewardId,
  rewardCost,
  env,
  rewardsEach: REWARDS_EACH,
});

interface StageResult {
  name: string;
  cpuMs: number;
  /** Of cpuMs, the kernel's share (system calls: sockets, file writes). */
  systemMs: number;
  wallMs: number;
  /** The SQL port's round trips and statements per redemption (round trips: PostgreSQL only). */
  roundTrips: number;
  statements: number;
  /** PostgreSQL's own CPU per redemption (the bench database's backends); null on SQLite. */
  databaseMs: number | null;
}
const results: StageResult[] = [];

const databaseServerCpuUs = () =>
  kind === "postgresql" ? postgresBackendsCpuUs((text) => getSql().rows(text)) : null;

/** Times `work` over prepared inputs (built before the clock starts); the first tenth warms up. */
async function stage<T>(
  name: string,
  inputs: T[],
  work: (input: T) => Promise<unknown>,
  profileTo?: string,
) {
  if (flags["route-only"] && !name.startsWith("whole route")) return;
  const warm = Math.floor(inputs.length / 10);
  for (let i = 0; i < warm; i++) await work(inputs[i]);
  const profiler = profileTo ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 100 });
    await profiler.post("Profiler.start");
  }
  const databaseBefore = await databaseServerCpuUs();
  const started = performance.now();
  const trafficBefore = getSql().traffic();
  const cpuBefore = process.cpuUsage();
  for (let i = warm; i < inputs.length; i++) await work(inputs[i]);
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(profileTo!, JSON.stringify(profile));
    profiler.disconnect();
  }
  const n = inputs.length - warm;
  const traffic = getSql().traffic();
  const databaseUs =
    databaseBefore === null ? null : serverCpuSince(databaseBefore, (await databaseServerCpuUs())!);
  const result = {
    name,
    cpuMs: (cpu.user + cpu.system) / 1000 / n,
    systemMs: cpu.system / 1000 / n,
    wallMs: (performance.now() - started) / n,
    roundTrips: (traffic.roundTrips - trafficBefore.roundTrips) / n,
    statements: (traffic.statements - trafficBefore.statements) / n,
    databaseMs: databaseUs === null ? null : databaseUs / 1000 / n,
  };
  results.push(result);
  console.log(
    `${name.padEnd(58)} CPU ${result.cpuMs.toFixed(3)} ms (system ${result.systemMs.toFixed(3)})  wall ${result.wallMs.toFixed(2)} ms${result.databaseMs === null ? "" : `  PostgreSQL backends ${result.databaseMs.toFixed(3)} ms`}  SQL ${result.statements.toFixed(1)} statements, ${result.roundTrips.toFixed(1)} round trips  (${n})`,
  );
}

try {
  const shop = (await shopContext(getSql(), SHOP))!;
  const check = await members(count);
  const checkRequests = await Promise.all(check.map(redeemRequest));
  await stage("session-token check (authenticateShopper)", checkRequests, async (request) => {
    await authenticateShopper(request);
  });

  const sessions = Array.from({ length: count }, () => SHOP);
  await stage("Admin API session: Shopify's library (unauthenticated.admin)", sessions, (domain) =>
    unauthenticated.admin(domain),
  );
  await stage("Admin API session: offline access read (shopperRequestAdmin)", sessions, (domain) =>
    offlineAccess(getSql(), domain).then((access) => shopperRequestAdmin(domain, access)),
  );
  const { admin: libraryClient } = await unauthenticated.admin(SHOP);
  const directClient = await shopperRequestAdmin(SHOP, await offlineAccess(getSql(), SHOP));
  const reward = (await rewardById(getSql(), SHOP, rewardId))!;
  const issueWith = (client: AdminGraphqlClient) => async () => {
    const now = new Date();
    await issueReward(client, {
      reward,
      customerGid: "gid://shopify/Customer/1",
      code: newRewardCode(),
      currencyCode: shop.currencyCode,
      currencyExponent: shop.currencyExponent,
      now,
      expiresAt: codeExpiry(reward, now),
    });
  };
  // The two clients alternate in blocks, so the machine's load falls on both alike.
  for (let block = 0; block < 2; block++) {
    await stage(
      `code creation, Shopify's library client (app side) #${block + 1}`,
      sessions.slice(0, Math.ceil(count / 2)),
      issueWith(libraryClient),
    );
    await stage(
      `code creation, direct client (app side) #${block + 1}`,
      sessions.slice(0, Math.ceil(count / 2)),
      issueWith(directClient),
    );
  }

  const served = await members(count);
  const memberIds = new Map(
    (await getDb().customer.findMany({ where: { shop: SHOP } })).map((row) => [
      Number(row.shopifyCustomerId),
      row.id,
    ]),
  );
  await stage("redemption service alone (redeemReward)", served, async (customer) => {
    const admin = async () => shopperRequestAdmin(SHOP, await offlineAccess(getSql(), SHOP));
    const outcome = await redeemReward(getSql(), admin, {
      shop,
      customerId: memberIds.get(customer)!,
      shopifyCustomerId: String(customer),
      rewardId,
      idempotencyKey: crypto.randomUUID(),
      now: new Date(),
    });
    if (!outcome.ok) throw new Error(`redemption refused: ${outcome.error}`);
  });

  const routed = await members(count);
  const routeRequests = await Promise.all(routed.map(redeemRequest));
  await stage(
    "whole route action (POST /api/loyalty/redemptions)",
    routeRequests,
    async (request) => {
      const response = await action({ request, params: {}, context: {} });
      if (response.status !== 201)
        throw new Error(`answered ${response.status}: ${await response.text()}`);
    },
    flags.profile,
  );

  const whole = results.at(-1)!;
  const { cpu, cores } = machine();
  console.log(
    `\n${kind}: ${whole.cpuMs.toFixed(2)} ms of server CPU per redemption (goal ≤ 1.0 ms); ${cpu}, ${cores} cores; node ${process.version}; revision ${revision(ROOT)}`,
  );
  if (flags.results)
    recordGoals(ROOT, [
      {
        id: `redemption-cpu-${kind}`,
        issue: "#23",
        goal: `Redemption: server CPU per redemption ≤ 1.0 ms, Shopify's time excluded (${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, in-process)`,
        figure: `${whole.cpuMs.toFixed(2)} ms`,
        met: whole.cpuMs <= 1.0,
        command: `npx tsx bench/redemption/in-process.ts --db ${kind} --redemptions ${count} --results`,
      },
    ]);
} finally {
  standin.stop();
  await getSql().close();
  await getDb().$disconnect();
  await database.drop?.();
}
