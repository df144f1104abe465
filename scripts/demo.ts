// `npm run demo`: Tally's main job on this machine, no Shopify account needed. Migrates the SQLite
// file, seeds a year of a demo shop through the real webhook pipeline and services (first run only,
// while the production server builds), starts the server and prints how to open the admin.
// Ctrl-C stops it.
import { spawn } from "node:child_process";
import { demoEnv } from "./demo/demo-env";

const demo = demoEnv();
const DEMO_URL = demo.SHOPIFY_APP_URL;
const env = { ...process.env, ...demo };
Object.assign(process.env, env);

const { migrateDatabase } = await import("../app/db/migrate.server");
const applied = await migrateDatabase(demo.DATABASE_URL);
console.log(applied.length ? `Database migrated (${applied.join(", ")})` : "Database up to date");

function build(): Promise<void> {
  if (process.argv.includes("--no-build")) return Promise.resolve();
  console.log("Building the production server…");
  const child = spawn("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
  return new Promise((done, fail) =>
    child.once("exit", (code) =>
      code === 0 ? done() : fail(new Error(`remix build exited with ${code}`)),
    ),
  );
}

async function seed(): Promise<void> {
  const { getDb } = await import("../app/db.server");
  const { DEMO_SHOP } = await import("../app/local-demo/session-token.server");
  const { markDemoSeeded, prepareDemoSeed } = await import("./demo/seed-state");
  const state = await prepareDemoSeed(getDb(), DEMO_SHOP, demo.DATABASE_URL);
  if (state === "seeded") return;
  if (state === "erased-partial")
    console.log("The last seed of the demo shop stopped halfway; its data was erased.");
  console.log("Seeding a year of the demo shop…");
  const { seedDemoShop } = await import("./demo/seed-demo");
  const started = Date.now();
  const seeded = await seedDemoShop({
    shop: DEMO_SHOP,
    secret: demo.SHOPIFY_API_SECRET,
    customers: 300,
    now: new Date(),
  });
  markDemoSeeded(demo.DATABASE_URL);
  console.log(
    `Seeded ${seeded.orders} orders, ${seeded.redemptions} redemptions and ${seeded.deadLetters} dead letters (${seeded.deliveries} deliveries) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

await Promise.all([build(), seed()]);

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

const { getDb } = await import("../app/db.server");
const { DEMO_SHOP } = await import("../app/local-demo/session-token.server");
const members = await getDb().customer.count({ where: { shop: DEMO_SHOP } });
await getDb().$disconnect();

console.log(`
Tally is running at ${DEMO_URL} (local demo: ${DEMO_SHOP}, ${members} members).
Open the admin:  ${DEMO_URL}/local-dev/open
Stop with Ctrl-C.`);
