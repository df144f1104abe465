// `npm run demo`: Tally's main job on this machine, no Shopify account needed. Migrates the SQLite
// file, builds and starts the production server, seeds a demo shop through the real signed-webhook
// path (first run only) and prints how to open the admin. Ctrl-C stops it.
import { spawn, execFileSync } from "node:child_process";
import { demoEnv } from "./demo/demo-env";

const demo = demoEnv();
const DEMO_URL = demo.SHOPIFY_APP_URL;
const env = { ...process.env, ...demo };
Object.assign(process.env, env);

const { migrateDatabase } = await import("../app/db/migrate.server");
const applied = await migrateDatabase(demo.DATABASE_URL);
console.log(applied.length ? `Database migrated (${applied.join(", ")})` : "Database up to date");

if (!process.argv.includes("--no-build")) {
  console.log("Building the production server…");
  execFileSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
}

const server = spawn(process.execPath, ["scripts/serve.mjs", "./build/index.js"], {
  stdio: ["ignore", "inherit", "inherit"],
  env,
});
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${DEMO_URL}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer on ${DEMO_URL} within 60 s`);
}
await waitForHealth(Date.now() + 60_000);

const { createPrismaClient } = await import("../app/db.server");
const { DEMO_SHOP } = await import("../app/local-demo/session-token.server");
const db = createPrismaClient(demo.DATABASE_URL);
const seeded = await db.order.count({ where: { shop: DEMO_SHOP } });
if (seeded === 0) {
  console.log("Seeding the demo shop through signed webhooks…");
  const { seedDemoShop, seedEarnActions } = await import("./demo/seed-demo");
  const started = Date.now();
  const { deliveries } = await seedDemoShop(db, {
    baseUrl: DEMO_URL,
    shop: DEMO_SHOP,
    secret: demo.SHOPIFY_API_SECRET,
    customers: 300,
    now: new Date(),
  });
  const { openSql } = await import("../app/db.server");
  const sql = openSql(demo.DATABASE_URL);
  await seedEarnActions(db, sql, {
    baseUrl: DEMO_URL,
    shop: DEMO_SHOP,
    secret: demo.SHOPIFY_API_SECRET,
    apiKey: demo.SHOPIFY_API_KEY,
    customers: 300,
    now: new Date(),
  });
  await sql.close();
  console.log(
    `Seeded ${deliveries} webhook deliveries in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
const members = await db.customer.count({ where: { shop: DEMO_SHOP } });
await db.$disconnect();

console.log(`
Tally is running at ${DEMO_URL} (local demo: ${DEMO_SHOP}, ${members} members).
Open the admin:  ${DEMO_URL}/local-dev/open
Stop with Ctrl-C.`);
