// Deterministic check for a race bench/redemption found (not part of the benchmark run):
//
//   A retried POST /api/loyalty/redemptions with the same Idempotency-Key and body was answered
//   409 INSUFFICIENT_POINTS although the first request with that key reserved the points and got
//   201 with a code. Design §3 says a retried request with the same key gets the first result.
//
// redeemReward (app/services/redeem.server.ts) looks the key up (replayOf) before its transaction,
// and inside the transaction checked the balance (rewardAvailability) BEFORE inserting the
// reservation whose unique key detects the duplicate ("raced" → replay). So when the retry's lookup
// ran before the first request committed, and its transaction after, the retry saw the balance the
// first request had already spent and was refused. Under load this interleaving is common: the pool
// (PostgreSQL) or the transaction queue (SQLite) delays the retry's transaction. Fixed in bb4ec94
// (the reservation is inserted first); this script reproduced it on both databases before that.
//
// Here the interleaving is made deterministic: request B (the retry) does its lookups first, its
// transaction is held until request A (same key) has finished, as a busy connection pool would.
// Exit code 1 when the retry is refused (the race is back), 0 when it gets the first result.
//
//   npx tsx bench/redemption/repro-key-race.ts [--db postgresql] [--pg-url URL]
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase } from "../lib/harness";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "tally-demo.myshopify.com";
const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
const kind = flags.db === "postgresql" ? "postgresql" : "sqlite";
const tag = `rr${Date.now().toString(36)}`;
const work = join(ROOT, "tmp", "bench", tag);
mkdirSync(work, { recursive: true });
Object.assign(
  process.env,
  demoEnv({ port: 3000, databaseUrl: `file:${join(work, "unused.sqlite")}` }),
  { TALLY_BACKGROUND_JOBS: "0" },
);

const database = await createDatabase(kind, { work, tag, pgAdminUrl: flags["pg-url"]! });
const { migrateDatabase } = await import("../../app/db/migrate.server");
const { createPrismaClient, openSql } = await import("../../app/db.server");
const { installShop } = await import("../../tests/factories/shop");
const { upsertMember } = await import("../../app/models/customer.server");
const { appendLedgerEntry } = await import("../../app/models/ledger.server");
const { shopContext } = await import("../../app/models/program.server");
const { redeemReward } = await import("../../app/services/redeem.server");
const { setupServer } = await import("msw/node");
const { createAdminApiStandin } = await import("../../admin-api-standin/admin-api-standin.server");
const { createFetchAdminClient } = await import("../../admin-api-standin/fetch-admin-client");
type SqlDatabase = import("../../app/db/sql.server").SqlDatabase;

const standin = setupServer(...createAdminApiStandin().handlers);
standin.listen({ onUnhandledRequest: "bypass" });
const sql = openSql(database.url);
try {
  await migrateDatabase(database.url);
  const prisma = createPrismaClient(database.url);
  await installShop(prisma, SHOP);
  await prisma.$disconnect();
  const now = new Date();
  // A member with exactly 500 points: one "5.00 off" reward.
  const member = await sql.transaction(async (tx) => {
    const m = await upsertMember(
      tx,
      SHOP,
      { shopifyCustomerId: "4242", email: null, firstName: null, lastName: null },
      now,
    );
    await appendLedgerEntry(
      tx,
      {
        shop: SHOP,
        customerId: m.id,
        kind: "adjust",
        points: 500,
        idempotencyKey: "repro:seed",
        reason: "repro",
      },
      now,
    );
    return m;
  });
  const shop = (await shopContext(sql, SHOP))!;
  const [reward] = await sql.rows<{ id: string }>(`SELECT id FROM "Reward" WHERE shop = ?`, [SHOP]);
  const admin = createFetchAdminClient({ shop: SHOP, accessToken: `shpat_test_${SHOP}` });
  const request = {
    shop,
    customerId: member.id,
    shopifyCustomerId: "4242",
    rewardId: reward.id,
    idempotencyKey: "checkout-retry-0001",
    now,
  };

  // B (the retry) is held at the start of its transaction until A (the first request) is done.
  let firstDone!: () => void;
  const aFinished = new Promise<void>((resolveA) => (firstDone = resolveA));
  const held: SqlDatabase = {
    ...sql,
    transaction: async (work) => (await aFinished, sql.transaction(work)),
  };
  const retry = redeemReward(held, async () => admin, request);
  await new Promise((r) => setTimeout(r, 100)); // B's lookups (replayOf, rewardById) have run: no row for the key yet
  const first = await redeemReward(sql, async () => admin, request);
  firstDone();
  const second = await retry;
  const third = await redeemReward(sql, async () => admin, request); // the same key once more, later
  const [{ balance }] = await sql.rows<{ balance: number }>(
    `SELECT balance FROM "Customer" WHERE id = ?`,
    [member.id],
  );
  const summary = (o: Awaited<ReturnType<typeof redeemReward>>) =>
    o.ok
      ? `ok (replayed: ${o.replayed}) code ${o.redemption.code}, balance ${o.balance}`
      : `refused ${o.error}`;
  console.log(
    `${database.kind}: same Idempotency-Key "${request.idempotencyKey}", same body, customer with 500 points`,
  );
  console.log(`  first request:                 ${summary(first)}`);
  console.log(`  concurrent retry (same key):   ${summary(second)}`);
  console.log(`  the same key again, later:     ${summary(third)}`);
  console.log(`  balance now: ${balance}`);
  const reproduced = first.ok && !second.ok && second.error === "INSUFFICIENT_POINTS";
  console.log(
    reproduced
      ? "REPRODUCED: the retry was refused INSUFFICIENT_POINTS although its key's first request got a code (expected: the first result, or REDEMPTION_IN_PROGRESS)."
      : "OK: the retry got its key's first result (not refused).",
  );
  process.exitCode = reproduced ? 1 : 0;
} finally {
  await sql.close();
  standin.close();
  await database.drop();
  rmSync(work, { recursive: true, force: true });
}
