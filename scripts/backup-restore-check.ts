// Proves a backup can be restored (docs/operations.md "Backups"):
//   tsx scripts/backup-restore-check.ts postgresql [admin-url]   pg_dump -Fc → pg_restore into a new database
//   tsx scripts/backup-restore-check.ts sqlite                   VACUUM INTO while a writer keeps crediting orders
// Seeds a database through the real signed-webhook path (orders, refunds, cancellations), backs it up,
// restores the copy, then runs the ledger verify on the copy and compares every balance and every
// table's row count with the source. Exits 1 on any difference. Uses throwaway databases only.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import Database from "better-sqlite3";
import type { WebhookSpec } from "../app/webhooks/receive.server";

const kind = process.argv[2];
if (kind !== "postgresql" && kind !== "sqlite") {
  console.error("usage: tsx scripts/backup-restore-check.ts postgresql [admin-url] | sqlite");
  process.exit(2);
}
const ADMIN_URL =
  process.argv[3] ??
  process.env.BACKUP_CHECK_PG_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const SHOP = "backup-check.myshopify.com";
const SECRET = "backup-check-secret-0123456789abcdef";
const tag = `tally_backup_${Date.now().toString(36)}`;
const work = mkdtempSync(join(tmpdir(), "tally-backup-"));

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const source =
  kind === "postgresql" ? databaseUrl(`${tag}_source`) : `file:${join(work, "source.sqlite")}`;
const restored =
  kind === "postgresql" ? databaseUrl(`${tag}_restored`) : `file:${join(work, "restored.sqlite")}`;
Object.assign(process.env, {
  NODE_ENV: "production",
  SHOPIFY_API_KEY: "backup-check",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://localhost:3000",
  DATABASE_URL: source,
  TALLY_LOCAL_DEMO: "0",
});

async function seed(orders: number, firstId: number) {
  const { webhookAction } = await import("../app/webhooks/receive.server");
  const { ordersPaid, ordersCancelled, refundsCreate } =
    await import("../app/webhooks/orders.server");
  const { orderPayload, refundPayload } = await import("../tests/factories/webhook-payloads");
  const { webhookRequest } = await import("../tests/factories/webhook-request");
  const send = async <T>(spec: WebhookSpec<T>, payload: unknown) => {
    const response = await webhookAction(spec)({
      request: webhookRequest("http://localhost:3000", payload, {
        shop: SHOP,
        topic: spec.topic,
        secret: SECRET,
      }),
      params: {},
      context: {},
    });
    if (response.status !== 200)
      throw new Error(
        `seeding: ${spec.topic} answered ${response.status}: ${await response.text()}`,
      );
  };
  for (let index = 0; index < orders; index++) {
    const id = firstId + index;
    const order = {
      id,
      customer: { id: 100 + (index % 40) },
      lines: [{ price: 1000 + (index % 17) * 250, quantity: 1 + (index % 3) }, { price: 1999 }],
    };
    await send(ordersPaid, orderPayload(order));
    if (index % 7 === 0)
      await send(
        refundsCreate,
        refundPayload({
          id: id * 10,
          orderId: id,
          lines: [{ lineId: id * 100 + 1, quantity: 1, subtotal: order.lines[0].price }],
        }),
      );
    if (index % 11 === 0)
      await send(
        ordersCancelled,
        orderPayload({
          ...order,
          cancelledAt: "2026-06-03T00:00:00Z",
          updatedAt: "2026-06-03T00:00:00Z",
        }),
      );
  }
}

async function snapshot(url: string) {
  const { createPrismaClient } = await import("../app/db.server");
  const { verifyLedger } = await import("../app/models/ledger-verify.server");
  const { Prisma } = await import("@prisma/client");
  const db = createPrismaClient(url);
  try {
    const counts: Record<string, number> = {};
    for (const table of Object.values(Prisma.ModelName)) {
      const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT COUNT(*) AS n FROM "${table}"`,
      );
      counts[table] = Number(row.n);
    }
    const balances = (
      await db.customer.findMany({
        where: { shop: SHOP },
        orderBy: { shopifyCustomerId: "asc" },
        select: { shopifyCustomerId: true, balance: true, pending: true, lifetimeEarned: true },
      })
    ).map((c) => `${c.shopifyCustomerId}:${c.balance}/${c.pending}/${c.lifetimeEarned}`);
    const verify = await verifyLedger(db, SHOP, new Date());
    return {
      counts,
      balances,
      mismatches: verify.mismatches.length,
      customers: verify.customersChecked,
    };
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const started = Date.now();
  if (kind === "postgresql") {
    await admin(`CREATE DATABASE "${tag}_source"`);
    await admin(`CREATE DATABASE "${tag}_restored"`);
  }
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase(source);
  const { getDb } = await import("../app/db.server");
  const { installShop } = await import("../tests/factories/shop");
  await installShop(getDb(), SHOP);
  await seed(300, 1_000);
  const dump = join(work, "tally.dump");
  let during = "";
  if (kind === "postgresql") {
    // -Fc: compressed, restorable selectively and in parallel; --no-owner so any role can restore it.
    execFileSync("pg_dump", ["-Fc", "--no-owner", "-f", dump, source]);
    execFileSync("pg_restore", ["--no-owner", "--exit-on-error", "-d", restored, dump]);
  } else {
    // VACUUM INTO while the app keeps writing (from a second connection, as an operator's sqlite3 shell
    // or a backup job would): the copy is a consistent snapshot of one moment.
    const writer = seed(200, 50_000);
    await new Promise((r) => setTimeout(r, 300));
    const db = new Database(source.slice("file:".length));
    db.prepare("VACUUM INTO ?").run(restored.slice("file:".length));
    db.close();
    await writer;
    during = " (taken while 200 more orders were being credited)";
  }
  const after = await snapshot(restored);
  const sourceNow = await snapshot(source);
  const problems: string[] = [];
  if (after.mismatches)
    problems.push(`ledger verify on the restored copy: ${after.mismatches} mismatches`);
  if (kind === "postgresql") {
    if (JSON.stringify(sourceNow.counts) !== JSON.stringify(after.counts))
      problems.push(
        `row counts differ: ${JSON.stringify(sourceNow.counts)} vs ${JSON.stringify(after.counts)}`,
      );
    if (JSON.stringify(sourceNow.balances) !== JSON.stringify(after.balances))
      problems.push("balances differ between source and restored copy");
  } else if (sourceNow.counts.LedgerEntry < after.counts.LedgerEntry)
    problems.push("the copy has more ledger entries than the source");
  const report = {
    database: kind,
    ranAt: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    restored: {
      customers: after.customers,
      balancesCompared: kind === "postgresql" ? after.balances.length : 0,
      tablesCompared: Object.keys(after.counts).length,
      ledgerEntries: after.counts.LedgerEntry,
      orders: after.counts.Order,
      ledgerVerifyMismatches: after.mismatches,
    },
    source: { ledgerEntries: sourceNow.counts.LedgerEntry },
    note: `backup${during}`,
    ok: problems.length === 0,
    problems,
  };
  console.log(JSON.stringify(report, null, 2));
  return report.ok;
}

main()
  .then(async (ok) => {
    const { getDb } = await import("../app/db.server");
    await getDb().$disconnect();
    if (kind === "postgresql")
      for (const name of ["source", "restored"])
        await admin(`DROP DATABASE IF EXISTS "${tag}_${name}" WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
    process.exit(ok ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
