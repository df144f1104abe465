// Seeds the demo shop's year (scripts/demo/seed-demo.ts, 20 customers) while it builds the app, then
// starts the production server in local-demo mode on its own port and SQLite file. The browser tests
// then drive real headless Chromium against it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { demoEnv } from "../../scripts/demo/demo-env";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const PORT = Number(process.env.TALLY_E2E_PORT ?? 3107);
const BASE_URL = `http://localhost:${PORT}`;
const DB_DIR = resolve("tmp/e2e");

export default async function setup(project: TestProject) {
  // A server left on the port (another checkout's run) would answer in place of this build's: the
  // tests would then check stale code, so refuse to start rather than fail (or pass) confusingly.
  if (await answers(`${BASE_URL}/healthz`))
    throw new Error(`port ${PORT} already serves something: stop it or set TALLY_E2E_PORT`);
  rmSync(DB_DIR, { recursive: true, force: true });
  mkdirSync(DB_DIR, { recursive: true });
  const demo = demoEnv({ port: PORT, databaseUrl: `file:${DB_DIR}/tally.sqlite` });
  const env = { ...process.env, ...demo };
  Object.assign(process.env, env);
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase(demo.DATABASE_URL);
  // The demo's seeded year (the same seed as `npm run demo`, 20 customers) while the server builds.
  const build = process.env.E2E_SKIP_BUILD
    ? Promise.resolve()
    : new Promise<void>((built, failed) =>
        spawn("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"], env }).once(
          "exit",
          (code) => (code === 0 ? built() : failed(new Error(`remix build exited with ${code}`))),
        ),
      );
  const { seedDemoShop } = await import("../../scripts/demo/seed-demo");
  await Promise.all([
    build,
    seedDemoShop({
      shop: "tally-demo.myshopify.com",
      secret: demo.SHOPIFY_API_SECRET,
      customers: 20,
      now: new Date(),
    }),
  ]);

  const server: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs", "./build/index.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
    detached: true,
  });
  let exited: number | null = null;
  server.once("exit", (code) => (exited = code ?? -1));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${BASE_URL}/healthz`)).ok) break;
    } catch {
      // still starting
    }
    if (exited !== null) throw new Error(`the e2e server exited with ${exited} before it answered`);
    if (Date.now() > deadline) throw new Error("the e2e server did not start");
    await new Promise((done) => setTimeout(done, 200));
  }

  project.provide("e2eBaseUrl", BASE_URL);
  return () => {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}
