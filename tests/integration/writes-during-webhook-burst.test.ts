// Issue 17 item 6: the admin stays writable during a burst of webhook deliveries. In production on
// SQLite the webhook thread commits through its own connection (decisions 020/023); a Prisma
// transaction that had read before such a commit could not upgrade to a writer (SQLITE_BUSY_SNAPSHOT)
// and answered 500/503. Here a worker thread commits on its own connection without pause (as the
// webhook thread does during a burst) while this thread runs program saves, compliance topics, an
// import, redemptions and webhook deliveries at once: none may fail. On PostgreSQL the same mix runs
// without the worker (its MVCC has no such upgrade).
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { sqliteFilePath } from "~/db/database-url";
import { createImport } from "~/models/data-import.server";
import { action as programAction, loader as programLoader } from "~/routes/app.program";
import { runImport } from "~/services/import.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminRequest, routeResult } from "../support/admin-request";
import { shopperToken } from "../support/session-tokens";
import { redeem } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "burst-admin.myshopify.com";
const neighbour = "burst-neighbour.myshopify.com";
const onSqlite = process.env.DATABASE_URL!.startsWith("file:");

// The webhook thread's stand-in: its own connection, committing one small write after another.
const WEBHOOK_THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { timeout: 10000 });
let stop = false;
let commits = 0;
parentPort.on("message", () => { stop = true; });
const write = db.prepare('UPDATE "Shop" SET "tierTagPrefix" = ? WHERE shop = ?');
(async () => {
  while (!stop) {
    db.exec("BEGIN IMMEDIATE");
    write.run("Burst " + commits, workerData.shop);
    db.exec("COMMIT");
    commits++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  db.close();
  parentPort.postMessage(commits);
})();
`;

let webhookThread: { stop: () => Promise<number> } | null = null;

function startWebhookThread() {
  const worker = new Worker(WEBHOOK_THREAD, {
    eval: true,
    workerData: {
      file: sqliteFilePath(process.env.DATABASE_URL!),
      shop: neighbour,
      betterSqlite3: require.resolve("better-sqlite3"),
    },
  });
  const done = new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    stop: async () => {
      worker.postMessage("stop");
      const commits = await done;
      await worker.terminate();
      return commits;
    },
  };
}

/** The HTTP status a route call ends with; an exception is what Remix answers with a 500. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    return 500;
  }
}

async function saveProgram(index: number): Promise<number> {
  const loaded = await routeResult<{ program: Record<string, unknown>; version: number }>(
    async () =>
      programLoader({ request: await adminRequest(shop, "/app/program"), params: {}, context: {} }),
  );
  const program = { ...loaded.body.program, name: `Club ${index}` };
  return statusOf(async () =>
    programAction({
      request: await adminRequest(shop, "/app/program", {
        json: { intent: "save", program, enabled: true, baseVersion: loaded.body.version },
      }),
      params: {},
      context: {},
    }),
  );
}

async function importBalances(): Promise<number> {
  const rows = ["shopify_customer_id,email,first_name,last_name,points_balance"];
  for (let i = 0; i < 40; i++) rows.push(`${9000 + i},imported${i}@example.com,Im,Ported,${i + 1}`);
  const text = rows.join("\r\n");
  return statusOf(async () => {
    const id = await createImport(getDb(), shop, "balances", "burst.csv", Buffer.byteLength(text));
    await runImport(getDb(), getSql(), id, shop, "balances", Readable.from([Buffer.from(text)]));
  });
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), neighbour);
  for (let customer = 1; customer <= 6; customer++)
    await deliver(
      "orders/paid",
      orderPayload({ id: customer, customer: { id: customer }, lines: [{ price: 200000 }] }),
      { shop },
    );
  if (onSqlite) webhookThread = startWebhookThread();
});

afterEach(async () => {
  await webhookThread?.stop();
  webhookThread = null;
});

describe("writes during a webhook burst", () => {
  it("admin saves, compliance topics, an import and redemptions all succeed: no 5xx", async () => {
    const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
    const saves = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push(await saveProgram(i));
      return statuses;
    })();
    const burst = Array.from({ length: 60 }, (_, i) =>
      statusOf(() =>
        deliver(
          "orders/paid",
          orderPayload({ id: 1000 + i, customer: { id: 50 + i }, lines: [{ price: 1500 }] }),
          { shop },
        ),
      ),
    );
    const compliance = Array.from({ length: 30 }, (_, i) =>
      statusOf(() =>
        deliver(
          i % 3 === 2 ? "customers/redact" : "customers/data_request",
          {
            shop_domain: shop,
            customer: { id: 50 + i },
            orders_requested: [],
            orders_to_redact: [],
          },
          { shop },
        ),
      ),
    );
    const redemptions = Array.from({ length: 6 }, async (_, i) =>
      statusOf(async () => redeem(await shopperToken({ shop, customerId: i + 1 }), rewardId)),
    );
    const [saveStatuses, ...others] = await Promise.all([
      saves,
      Promise.all(burst),
      Promise.all(compliance),
      Promise.all(redemptions),
      importBalances(),
    ]);
    const all = {
      saves: saveStatuses,
      burst: others[0],
      compliance: others[1],
      redemptions: others[2],
      import: others[3],
    };
    expect(JSON.stringify(all)).not.toMatch(/\b5\d\d\b/);
    expect(saveStatuses).toEqual(Array(25).fill(200));
    expect(others[2]).toEqual(Array(6).fill(201));
    if (webhookThread) expect(await webhookThread.stop()).toBeGreaterThan(0);
    webhookThread = null;
  });
});
