// bench/redemption/route-ab: the whole redemption route of two revisions in ONE process, blocks
// alternating, so the machine's load falls on both alike (alternating processes on this shared
// machine moved a run by ±30%, more than the changes being compared; decision 062).
//
//   git archive <rev> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
//   npx tsx bench/redemption/route-ab.ts --base /tmp/base [--db sqlite|postgresql] [--block 300] [--rounds 8]
//
// A is the tree at --base, B this tree. Each loads its own modules (its own SQL port, Shopify
// library instance and direct Admin client) over one database and one Admin API stand-in process.
// CPU is process.cpuUsage() over each block ÷ redemptions; the order within a round alternates.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase, startStandinServer, type Kind } from "../lib/harness";
import { redeemingShoppers } from "./redeeming-shoppers";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values: flags } = parseArgs({
  options: {
    base: { type: "string" },
    db: { type: "string", default: "sqlite" },
    block: { type: "string", default: "300" },
    rounds: { type: "string", default: "8" },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
if (!flags.base) throw new Error("--base <directory of the other revision's tree> is required");
const kind = flags.db as Kind;
const block = Number(flags.block);
const rounds = Number(flags.rounds);
const SHOP = "tally-redeem-ab.myshopify.com";

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
interface Tree {
  action: Action;
  close: () => Promise<void>;
}

const standin = await startStandinServer(ROOT);
const database = await createDatabase(kind, {
  work: mkdtempSync(join(tmpdir(), "tally-redeem-ab-")),
  tag: `redeem_ab_${process.pid}`,
  pgAdminUrl: flags["pg-url"]!,
});
const env = demoEnv({ port: 3998, databaseUrl: database.url });
Object.assign(process.env, env, {
  TALLY_BACKGROUND_JOBS: "0",
  TALLY_LOCAL_ADMIN_API_URL: standin.url,
});
const trees: Record<"A" | "B", Tree> = {} as never;
try {
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(database.url);
  for (const [name, root] of [
    ["A", resolve(flags.base)],
    ["B", ROOT],
  ] as const) {
    await import(`${root}/app/shopify.server.ts`);
    await (await import(`${root}/app/local-demo/admin-api.server.ts`)).startLocalAdminApi();
    const route = await import(`${root}/app/routes/api.loyalty.redemptions.tsx`);
    const db = await import(`${root}/app/db.server.ts`);
    trees[name] = {
      action: route.action,
      close: async () => {
        await db.getSql().close();
        await db.getDb().$disconnect();
      },
    };
  }
  const { getDb } = await import("../../app/db.server");
  const { installShop } = await import("../../tests/factories/shop");
  await installShop(getDb(), SHOP);
  const reward = await getDb().reward.findFirstOrThrow({ where: { shop: SHOP } });
  const shoppers = redeemingShoppers({
    shop: SHOP,
    rewardId: reward.id,
    rewardCost: reward.cost,
    env,
    rewardsEach: 3,
  });
  const requests = async (n: number) =>
    Promise.all((await shoppers.members(n)).map(shoppers.redeemRequest));
  const redeemAll = async (tree: Tree, batch: Request[]) => {
    for (const request of batch) {
      const response = await tree.action({ request, params: {}, context: {} });
      if (response.status !== 201)
        throw new Error(`answered ${response.status}: ${await response.text()}`);
    }
  };

  for (const tree of Object.values(trees)) await redeemAll(tree, await requests(block)); // warm-up
  const figures = { A: [] as number[], B: [] as number[] };
  for (let round = 0; round < rounds; round++)
    for (const name of round % 2 ? (["B", "A"] as const) : (["A", "B"] as const)) {
      const batch = await requests(block);
      const before = process.cpuUsage();
      await redeemAll(trees[name], batch);
      const cpu = process.cpuUsage(before);
      figures[name].push((cpu.user + cpu.system) / 1000 / block);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  for (const [name, xs] of Object.entries(figures))
    console.log(
      `${kind} ${name}: ${xs.map((x) => x.toFixed(3)).join(" ")} ms; median ${median(xs).toFixed(3)}, mean ${mean(xs).toFixed(3)}`,
    );
  const lower = figures.B.filter((b, i) => b < figures.A[i]).length;
  console.log(
    `${kind}: B/A ${(mean(figures.B) / mean(figures.A)).toFixed(3)} (means), B lower in ${lower} of ${rounds} rounds`,
  );
} finally {
  standin.stop();
  for (const tree of Object.values(trees)) await tree.close().catch(() => undefined);
  await database.drop?.();
}
