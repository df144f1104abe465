// bench/admin: the admin's members list at scale.
//
//   npm run bench:admin -- [--db sqlite|postgresql|both] [--quick] [--members 1000000]
//                          [--repeat 20] [--no-build] [--no-lcp] [--no-results] [--pg-url URL]
//
// Per database: a fresh database, migrated; the demo shop installed; N members generated in bulk
// (generate.ts: one INSERT … SELECT per 250k rows, a recursive CTE on SQLite, generate_series on
// PostgreSQL) around dropped indexes (bench/lib/bulk-load.ts); ANALYZE. Then:
//   1  the members list loader's query (app/models/member-list.server.ts listMembers, page of 50)
//      for: first page by balance, by lifetime points, a tier filter, the entry tier (NULL or
//      "Member"), a common first-name search, a specific email search, and a deep cursor page
//      (the cursor of the member half-way down the list). Each `repeat` times; goal p95 ≤ 100 ms.
//   2  Largest Contentful Paint of /app/members in local headless Chromium (the production build
//      in local-demo mode, remix-serve): PerformanceObserver 'largest-contentful-paint', 5 loads;
//      goal ≤ 1.5 s.
// --quick: 50,000 members, 10 repeats, 3 page loads. The summary is appended to bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import type { MemberListQuery } from "../../app/models/member-list.server";
import { demoEnv } from "../../scripts/demo/demo-env";
import {
  createDatabase,
  DemoServer,
  freePort,
  machine,
  revision,
  summarise,
  type Kind,
  type LatencySummary,
} from "../lib/harness";
import { generateMembers, memberEmail } from "./generate";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SHOP = "tally-demo.myshopify.com";
const QUERY_GOAL_MS = 100;
const LCP_GOAL_MS = 1500;

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    quick: { type: "boolean", default: false },
    members: { type: "string" },
    repeat: { type: "string" },
    "no-build": { type: "boolean", default: false },
    "no-lcp": { type: "boolean", default: false },
    "no-results": { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const MEMBERS = Number(flags.members ?? (flags.quick ? 50_000 : 1_000_000));
const REPEAT = Number(flags.repeat ?? (flags.quick ? 10 : 20));
const PAGE_LOADS = flags.quick ? 3 : 5;
const kinds: Kind[] = flags.db === "both" ? ["sqlite", "postgresql"] : [flags.db as Kind];

interface CaseResult {
  name: string;
  rows: number;
  latency: LatencySummary;
}

interface KindResult {
  kind: Kind;
  version: string;
  generateMs: number;
  cases: CaseResult[];
  lcp: LatencySummary | null;
}

// The app's modules validate their environment when imported: give them the local demo's.
Object.assign(process.env, demoEnv({ port: 3309 }), { TALLY_BACKGROUND_JOBS: "0" });
const { createPrismaClient, openSql } = await import("../../app/db.server");
const { migrateDatabase } = await import("../../app/db/migrate.server");
const { listMembers } = await import("../../app/models/member-list.server");
const { installShop } = await import("../../tests/factories/shop");

const work = join(ROOT, "tmp/bench", `admin-${Date.now()}`);
mkdirSync(work, { recursive: true });

function build(): string {
  if (!flags["no-build"])
    execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  // A copy, so a rebuild elsewhere cannot change the server mid-run.
  cpSync(join(ROOT, "build"), join(work, "build"), { recursive: true });
  return join(work, "build/index.js");
}

async function runKind(kind: Kind, buildIndex: string | null): Promise<KindResult> {
  const database = await createDatabase(kind, {
    work,
    tag: `admin_${process.pid}`,
    pgAdminUrl: flags["pg-url"]!,
  });
  try {
    await migrateDatabase(database.url);
    const db = createPrismaClient(database.url);
    await installShop(db, SHOP);
    await db.$disconnect();
    const sql = openSql(database.url);
    const generateMs = await generateMembers(sql, kind, SHOP, MEMBERS);
    console.log(
      `${kind}: ${MEMBERS.toLocaleString("en")} members generated in ${(generateMs / 1000).toFixed(1)} s`,
    );

    // The cursor of the member half-way down the balance order (found once, not timed).
    const [middle] = await sql.rows<{ balance: number; id: string }>(
      `SELECT balance, id FROM "Customer" WHERE shop = ? ORDER BY balance DESC, id DESC LIMIT 1 OFFSET ?`,
      [SHOP, Math.floor(MEMBERS / 2)],
    );
    const deepCursor = Buffer.from(JSON.stringify([Number(middle.balance), middle.id])).toString(
      "base64url",
    );
    const base: MemberListQuery = { sort: "balance", limit: 50 };
    const cases: [string, MemberListQuery][] = [
      ["first page, by balance", base],
      ["first page, by lifetime points", { ...base, sort: "lifetime" }],
      ["tier Gold", { ...base, tierNames: ["Gold"] }],
      ["entry tier (no tier or Member)", { ...base, tierNames: [null, "Member"] }],
      ['search "olga" (1/16 of members)', { ...base, search: "olga" }],
      ["search a specific email", { ...base, search: memberEmail(Math.floor(MEMBERS / 3)) }],
      ["deep cursor page (half-way)", { ...base, after: deepCursor }],
      [
        'search "olga" + tier Gold, lifetime',
        { ...base, search: "olga", tierNames: ["Gold"], sort: "lifetime" },
      ],
    ];
    const results: CaseResult[] = [];
    for (const [name, query] of cases) {
      await listMembers(sql, SHOP, query); // warm the statement cache and pages
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        rows = (await listMembers(sql, SHOP, query)).members.length;
        times.push(performance.now() - t0);
      }
      results.push({ name, rows, latency: summarise(times) });
      console.log(
        `${kind}: ${name}: ${rows} rows, p50 ${summarise(times).p50.toFixed(1)} ms, p95 ${summarise(times).p95.toFixed(1)} ms`,
      );
    }
    await sql.close();

    let lcp: LatencySummary | null = null;
    if (buildIndex) {
      const server = new DemoServer(
        ROOT,
        buildIndex,
        await freePort(),
        database.url,
        join(work, `server-${kind}`),
      );
      await server.start();
      try {
        lcp = summarise(await measureLcp(server.url));
        console.log(
          `${kind}: LCP of /app/members p50 ${lcp.p50.toFixed(0)} ms, max ${lcp.max.toFixed(0)} ms`,
        );
      } finally {
        await server.stop();
      }
    }
    return { kind, version: await database.version(), generateMs, cases: results, lcp };
  } finally {
    await database.drop();
  }
}

async function measureLcp(baseUrl: string): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const values: number[] = [];
  try {
    for (let i = 0; i < PAGE_LOADS + 1; i++) {
      // A fresh context per load: nothing cached from the previous one.
      const context = await browser.newContext({
        userAgent:
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/local-dev/open?path=/app/members`, { waitUntil: "load" });
      await page.locator(".Polaris-IndexTable__TableRow").first().waitFor();
      const lcp = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              done(entries[entries.length - 1].startTime);
            }).observe({ type: "largest-contentful-paint", buffered: true });
          }),
      );
      if (i > 0) values.push(lcp); // the first load warms the server's compiled modules
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return values;
}

function report(results: KindResult[]): string {
  const m = machine();
  const lines = [
    "",
    `## bench/admin — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${flags.quick ? " (quick)" : ""}`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ram}, ${m.os}; node ${process.version}; revision ${revision(ROOT)}.`,
    `Command: \`npm run bench:admin -- ${process.argv.slice(2).join(" ")}\`. Members: ${MEMBERS.toLocaleString("en")} in one shop; ${REPEAT} timed runs per query (after one warm-up), listMembers page of 50 through the app's SQL port, in-process.`,
    "",
    "| database | query | rows | p50 ms | p95 ms | max ms | goal p95 ≤ 100 ms |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const result of results) {
    for (const c of result.cases) {
      lines.push(
        `| ${result.version} | ${c.name} | ${c.rows} | ${c.latency.p50.toFixed(1)} | ${c.latency.p95.toFixed(1)} | ${c.latency.max.toFixed(1)} | ${c.latency.p95 <= QUERY_GOAL_MS ? "**met**" : "**not met**"} |`,
      );
    }
  }
  lines.push(
    "",
    "| database | generation | LCP of /app/members (p50 / max of loads) | goal ≤ 1.5 s |",
    "|---|---|---|---|",
  );
  for (const result of results) {
    const lcp = result.lcp
      ? `${result.lcp.p50.toFixed(0)} / ${result.lcp.max.toFixed(0)} ms (${result.lcp.count} loads)`
      : "not measured";
    const met = result.lcp ? (result.lcp.max <= LCP_GOAL_MS ? "**met**" : "**not met**") : "—";
    lines.push(
      `| ${result.version} | ${MEMBERS.toLocaleString("en")} members in ${(result.generateMs / 1000).toFixed(1)} s | ${lcp} | ${met} |`,
    );
  }
  return lines.join("\n") + "\n";
}

const buildIndex = flags["no-lcp"] ? null : build();
const results: KindResult[] = [];
for (const kind of kinds) results.push(await runKind(kind, buildIndex));
const text = report(results);
console.log(text);
if (!flags["no-results"]) appendFileSync(join(ROOT, "bench/RESULTS.md"), text);
if (existsSync(work)) rmSync(work, { recursive: true, force: true });
