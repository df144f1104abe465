// bench/engagement: what engagement costs the order path (docs/decisions/014). In-process (no HTTP,
// so only the transaction is measured), one fresh database per kind, three shops credited in
// alternating rounds so machine noise hits all three alike:
//   baseline — the shop never saved engagement settings (the default for every shop today);
//   saved-off — settings saved with everything off (cached parse; must cost ~nothing);
//   all-on — every default badge (with bonus points) and every Flow trigger switched on, each order
//            a customer's first or second, so first-order/big-order badges and points-earned /
//            tier-changed / badge-earned outbox rows are written on most orders (the worst case).
//   npx tsx bench/engagement/run.ts [--quick] [--db sqlite|postgresql|both] [--no-results]
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase, machine, revision, type Kind } from "../lib/harness";

const root = join(import.meta.dirname, "..", "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const dbArg = args.includes("--db") ? args[args.indexOf("--db") + 1] : "sqlite";
const kinds: Kind[] = dbArg === "both" ? ["sqlite", "postgresql"] : [dbArg as Kind];
const ROUNDS = quick ? 2 : 5;
const ORDERS_PER_ROUND = quick ? 150 : 600;
const pgAdminUrl = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Config = "baseline" | "saved-off" | "all-on";
const CONFIGS: Config[] = ["baseline", "saved-off", "all-on"];

async function runKind(kind: Kind) {
  const work = join(root, "tmp", "bench", `engagement-${kind}`);
  mkdirSync(work, { recursive: true });
  const database = await createDatabase(kind, {
    work,
    tag: `engagement_${process.pid}`,
    pgAdminUrl,
  });
  // The app reads its environment at import: set it before importing app modules (fresh per kind).
  Object.assign(process.env, {
    ...demoEnv({ databaseUrl: database.url }),
    NODE_ENV: "production",
    TALLY_BACKGROUND_JOBS: "0",
  });
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(database.url);
  const { createPrismaClient, openSql } = await import("../../app/db.server");
  const { upsertShop } = await import("../../app/models/shop.server");
  const { shopContext } = await import("../../app/models/program.server");
  const { saveEngagement } = await import("../../app/models/engagement.server");
  const { DEFAULT_ENGAGEMENT } = await import("../../app/loyalty/engagement-schema");
  const { applyOrderDelivery } = await import("../../app/services/order-points.server");
  const { orderDeliveryFromPayload } = await import("../../app/shopify/webhooks/order-delivery");
  const { orderPayload } = await import("../../tests/factories/webhook-payloads");

  const db = createPrismaClient(database.url);
  const sql = openSql(database.url);
  const shops: Record<Config, string> = {
    baseline: "bench-baseline.myshopify.com",
    "saved-off": "bench-saved-off.myshopify.com",
    "all-on": "bench-all-on.myshopify.com",
  };
  for (const shop of Object.values(shops))
    await upsertShop(db, shop, { currencyCode: "USD", timeZone: "UTC" });
  await saveEngagement(db, shops["saved-off"], DEFAULT_ENGAGEMENT);
  await saveEngagement(db, shops["all-on"], {
    ...DEFAULT_ENGAGEMENT,
    badges: DEFAULT_ENGAGEMENT.badges.map((badge) => ({
      ...badge,
      enabled: true,
      bonusPoints: 10,
    })),
    flowTriggers: {
      points_earned: true,
      reward_redeemed: true,
      tier_changed: true,
      points_expiring: true,
      badge_earned: true,
      birthday: true,
      referral_completed: true,
    },
  });

  const elapsed: Record<Config, number[]> = { baseline: [], "saved-off": [], "all-on": [] };
  let orderId = 1;
  // Round 0 warms up caches and the JIT for all three and is not counted.
  for (let round = -1; round < ROUNDS; round++) {
    for (const config of round % 2 ? [...CONFIGS].reverse() : CONFIGS) {
      const shop = shops[config];
      // Bodies are built before the clock starts; every order is a customer's first or second.
      const deliveries = Array.from({ length: ORDERS_PER_ROUND }, (_, index) => {
        const id = orderId++;
        const delivery = orderDeliveryFromPayload(
          orderPayload({
            id,
            customer: { id: 1_000_000 + Math.floor(id / 2) },
            lines: [{ price: 5_000 + (index % 7) * 4_000 }, { price: 1_500 }],
          }) as never,
        );
        delivery.paid = true;
        return delivery;
      });
      const started = performance.now();
      for (const delivery of deliveries) {
        const context = (await shopContext(sql, shop))!;
        await sql.transaction((tx) =>
          applyOrderDelivery(tx, context, delivery, "orders/paid", new Date()),
        );
      }
      if (round >= 0) elapsed[config].push(performance.now() - started);
    }
  }
  const counts = await database.query<{ badges: number; outbox: number }>(
    `SELECT (SELECT COUNT(*) FROM "CustomerBadge") AS badges, (SELECT COUNT(*) FROM "FlowTriggerOutbox") AS outbox`,
  );
  await sql.close();
  await db.$disconnect();
  const version = await database.version();
  await database.drop();
  const perSecond = (config: Config) =>
    (ROUNDS * ORDERS_PER_ROUND * 1000) / elapsed[config].reduce((sum, ms) => sum + ms, 0);
  return {
    kind,
    version,
    perSecond: Object.fromEntries(CONFIGS.map((config) => [config, perSecond(config)])) as Record<
      Config,
      number
    >,
    badges: Number(counts[0].badges),
    outbox: Number(counts[0].outbox),
  };
}

const started = Date.now();
const results = [];
for (const kind of kinds) results.push(await runKind(kind));
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const lines = results.flatMap((r) => [
  `| ${r.version} | ${fmt(r.perSecond.baseline)}/s | ${fmt(r.perSecond["saved-off"])}/s (${Math.round((100 * r.perSecond["saved-off"]) / r.perSecond.baseline)}%) | ${fmt(r.perSecond["all-on"])}/s (${Math.round((100 * r.perSecond["all-on"]) / r.perSecond.baseline)}%) | ${fmt(r.badges)} badges, ${fmt(r.outbox)} Flow events |`,
]);
const m = machine();
const section = [
  `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — engagement${quick ? " (--quick)" : ""}`,
  "",
  `- machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM (shared: compare figures within one run)`,
  `- node ${process.version}; revision ${revision(root)}`,
  `- command: \`${["npx tsx bench/engagement/run.ts", ...args].join(" ")}\` (${((Date.now() - started) / 60000).toFixed(1)} min)`,
  `- in-process applyOrderDelivery (one transaction per paid order, shopContext read each time), ${ROUNDS} alternating rounds × ${ORDERS_PER_ROUND} orders per configuration after one uncounted warm-up round`,
  "",
  "| database | baseline (no settings saved) | settings saved, all off | all badges + all triggers on | written by all-on |",
  "| --- | ---: | ---: | ---: | --- |",
  ...lines,
  "",
].join("\n");
console.log(section);
if (!args.includes("--no-results"))
  appendFileSync(join(root, "bench", "RESULTS.md"), `\n${section}`);
