// bench/webhooks/in-process: what one orders/paid delivery costs inside the app, stage by stage, with no
// HTTP and no load process (so the figures are the app's own CPU, not the machine's contention).
//
//   npx tsx bench/webhooks/in-process.ts [--db sqlite|postgresql] [--orders 4000]
//
// Stages, each timed over the same signed deliveries: verify (HMAC + headers), parse (JSON + zod), admission
// (both, as the route's pipeline runs them), the writer's work alone (apply), the whole route action. Used to decide where the webhook path's time
// goes before optimising it; the HTTP benchmark (run.ts) is what the goals are judged on.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDatabase, machine, type Kind } from "../lib/harness";
import { webhookRequest } from "../../tests/factories/webhook-request";
import { deliveryPayload, generateOrders } from "./plan";

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    orders: { type: "string", default: "4000" },
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
const kind = flags.db as Kind;
const count = Number(flags.orders);
const SHOP = "tally-inprocess.myshopify.com";
const SECRET = "tally-inprocess-secret-0123456789";
const APP_URL = "http://localhost:3999";

const database = await createDatabase(kind, {
  work: mkdtempSync(join(tmpdir(), "tally-inprocess-")),
  tag: "inprocess",
  pgAdminUrl: flags["pg-url"]!,
});
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: database.url,
  SHOPIFY_API_KEY: "tally-inprocess",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: APP_URL,
  TALLY_BACKGROUND_JOBS: "0",
  TALLY_LOCAL_DEMO: "0",
});
const { migrateDatabase } = await import("../../app/db/migrate.server");
await migrateDatabase(database.url);
const { getDb } = await import("../../app/db.server");
const { installShop } = await import("../../tests/factories/shop");
await installShop(getDb(), SHOP);
const { verifyWebhook } = await import("../../app/shopify/webhook-verification.server");
const { orderPayload } = await import("../../app/shopify/webhooks/payloads");
const { parseLosslessJson } = await import("../../app/shopify/webhooks/lossless-json");
const { action } = await import("../../app/routes/webhooks.orders.paid");

const orders = generateOrders({
  seed: 7,
  firstOrderId: 1,
  firstCustomerId: 1,
  customers: Math.max(10, count / 2),
  count,
  refundRate: 0,
  cancelRate: 0,
  now: new Date(),
});
const bodies = orders.map((order) => JSON.stringify(deliveryPayload(order, "paid")));
const requestFor = (body: string) =>
  webhookRequest(APP_URL, body, { shop: SHOP, topic: "orders/paid", secret: SECRET });

async function stage(name: string, work: (body: string, index: number) => Promise<unknown>) {
  // The first tenth warms up the JIT and the statement cache; it is not counted.
  const warm = Math.floor(bodies.length / 10);
  for (let i = 0; i < warm; i++) await work(bodies[i], i);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = warm; i < bodies.length; i++) await work(bodies[i], i);
  const n = bodies.length - warm;
  const wallUs = ((performance.now() - started) * 1000) / n;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time is what the app costs; wall time also holds waits for the disk and for a busy machine.
  console.log(
    `${name.padEnd(42)} cpu ${((cpu.user + cpu.system) / n).toFixed(0).padStart(5)} µs (user ${(cpu.user / n).toFixed(0)}, system ${(cpu.system / n).toFixed(0)}), wall ${wallUs.toFixed(0).padStart(5)} µs per delivery`,
  );
}

const host = machine();
console.log(
  `${host.cpu}, ${host.cores} cores — ${await database.version()} — ${count} orders/paid of ${Math.round(bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length)} bytes`,
);
await stage("verify (HMAC, headers)", async (body) => {
  const result = verifyWebhook(requestFor(body).headers, body);
  if (!result.ok) throw new Error(result.reason);
});
await stage("parse (lossless JSON + zod)", async (body) =>
  orderPayload.parse(parseLosslessJson(body)),
);
// The two stages the production server runs on different threads on SQLite (decision 023): admission on
// the HTTP thread, the database work on the writer thread. Admitted deliveries are prepared apart so
// each stage is timed alone; the orders are then fresh for the route action below.
const pipeline = action.webhook;
await stage("admit (HMAC, headers, JSON, zod)", async (body) => {
  const admitted = pipeline.admit(requestFor(body).headers, body);
  if (admitted instanceof Response) throw new Error(`admission refused: ${admitted.status}`);
  if (admitted.refused) throw new Error(`admission refused: ${admitted.refused.message}`);
});
const secondOrders = generateOrders({
  seed: 8,
  firstOrderId: count + 1,
  firstCustomerId: 10 * count + 1,
  customers: Math.max(10, count / 2),
  count,
  refundRate: 0,
  cancelRate: 0,
  now: new Date(),
});
const admittedDeliveries = secondOrders.map((order) => {
  const body = JSON.stringify(deliveryPayload(order, "paid"));
  const admitted = pipeline.admit(requestFor(body).headers, body);
  if (admitted instanceof Response) throw new Error(`admission refused: ${admitted.status}`);
  if (admitted.refused) throw new Error(`admission refused: ${admitted.refused.message}`);
  return admitted;
});
await stage("apply (writer thread: crediting, commit)", async (_body, index) => {
  const response = await pipeline.apply(admittedDeliveries[index]);
  if (response.status !== 200)
    throw new Error(`status ${response.status}: ${await response.text()}`);
});
await stage("route action (everything, crediting)", async (body) => {
  const response = await action({ request: requestFor(body), params: {}, context: {} });
  if (response.status !== 200)
    throw new Error(`status ${response.status}: ${await response.text()}`);
});
await stage("route action (same orders again, new ids)", async (body) => {
  const response = await action({ request: requestFor(body), params: {}, context: {} });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
});
await database.drop();
process.exit(0);
