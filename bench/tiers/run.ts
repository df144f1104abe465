// bench/tiers: tier re-evaluation and point expiry over every member of a large shop.
//
//   npm run bench:tiers -- --quick               # 20k members, both databases (~1 min)
//   npm run bench:tiers -- --db sqlite           # 1M members (CPU heavy: minutes on a shared box)
//   options: --members N, --db sqlite|postgresql|both, --no-results, --pg-url URL,
//            --profile (per statement shape: calls, rows, seconds; not for the recorded figures)
//
// Per database: a fresh database, migrated; a shop with the default tiers (trailing 12 months) and
// a 365-day expiry; N members with four ledger entries each (bench/tiers/generate.ts, bulk SQL).
// Then, timed, with the process's peak RSS sampled every 50 ms:
//   1. backlog: the first re-evaluation and expiry over that history (many downgrades and expiries);
//   2. steady: the same jobs one day later (what a daily run costs once the backlog is done).
// Checks: TierChange rows = moves counted; one expire entry per member expired with the points
// counted; Σ cached balances = Σ ledger; the next day's expiry never re-expires a lot.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoEnv } from "../../scripts/demo/demo-env";
import { createDatabase, machine, revision, type Kind } from "../lib/harness";
import { generateMembers } from "./generate";
import { profiled } from "./profile";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    members: { type: "string" },
    db: { type: "string", default: "both" },
    "no-results": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "pg-url": {
      type: "string",
      default: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const MEMBERS = Number(flags.members ?? (flags.quick ? 20_000 : 1_000_000));
const KINDS: Kind[] = flags.db === "both" ? ["sqlite", "postgresql"] : [flags.db as Kind];
const SHOP = "bench-tiers.myshopify.com";
const NOW = new Date("2026-06-01T00:00:00Z");
const NEXT_DAY = new Date(NOW.getTime() + 86_400_000);
const GOAL_S = 60;
const WORK = join(ROOT, "tmp", "bench", `tiers-${Date.now()}`);
mkdirSync(WORK, { recursive: true });

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Runs `work`, sampling RSS; returns its result, seconds, peak RSS (MiB) and this process's CPU seconds while it ran. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakMiB: number; cpuSeconds: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const used = process.cpuUsage(cpu);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      peakMiB: peak / 1024 / 1024,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
  } finally {
    clearInterval(timer);
  }
}

interface Phase {
  name: string;
  seconds: number;
  peakMiB: number;
  cpuSeconds: number;
  counts: Record<string, number>;
}
interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
interface Report {
  kind: Kind;
  version: string;
  generateSeconds: number;
  entries: number;
  phases: Phase[];
  checks: Check[];
  load: number[];
}

async function benchDatabase(kind: Kind): Promise<Report> {
  const database = await createDatabase(kind, {
    work: WORK,
    tag: `tiers_${process.pid}`,
    pgAdminUrl: flags["pg-url"]!,
  });
  Object.assign(process.env, demoEnv({ port: 3201, databaseUrl: database.url }), {
    TALLY_BACKGROUND_JOBS: "0",
  });
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  const { createPrismaClient, openSql } = await import("../../app/db.server");
  const { upsertShop } = await import("../../app/models/shop.server");
  const { currentProgramVersion, saveProgramVersion } =
    await import("../../app/models/program.server");
  const { reevaluateShopTiers } = await import("../../app/services/tier-reevaluation.server");
  const { expireShopPoints } = await import("../../app/services/point-expiry.server");
  await migrateDatabase(database.url);
  const db = createPrismaClient(database.url);
  const sql = openSql(database.url);
  const profiler = flags.profile ? profiled(sql) : null;
  try {
    await upsertShop(db, SHOP, { currencyCode: "USD", timeZone: "UTC" });
    const { program } = await currentProgramVersion(db, SHOP);
    const saved = await saveProgramVersion(
      db,
      SHOP,
      { ...structuredClone(program), expiry: { mode: "after_earning", days: 365 } },
      "bench",
    );
    // The benchmark's clock is NOW, not the real time: the program must predate it, as it would.
    await db.programVersion.update({
      where: { id: saved.id },
      data: { createdAt: new Date(NOW.getTime() - 30 * 86_400_000) },
    });

    const load = [os.loadavg()[0]];
    log(`${kind}: generating ${MEMBERS.toLocaleString("en")} members…`);
    const generated = await measured(() => generateMembers(sql, SHOP, MEMBERS, NOW));
    const [{ entries }] = await sql.rows<{ entries: unknown }>(
      `SELECT COUNT(*) AS entries FROM "LedgerEntry"`,
    );
    log(
      `${kind}: generated in ${generated.seconds.toFixed(1)} s (${Number(entries).toLocaleString("en")} ledger entries)`,
    );

    load.push(os.loadavg()[0]);
    const jobSql = profiler?.sql ?? sql;
    const phases: Phase[] = [];
    const run = async (name: string, work: () => Promise<object>) => {
      profiler?.reset();
      const { result, seconds, peakMiB, cpuSeconds } = await measured(work);
      if (profiler) log(`${kind}: ${name}: statements\n${profiler.report(seconds)}`);
      phases.push({
        name,
        seconds,
        peakMiB,
        cpuSeconds,
        counts: { ...result } as Record<string, number>,
      });
      log(
        `${kind}: ${name}: ${seconds.toFixed(1)} s (bench process CPU ${cpuSeconds.toFixed(1)} s), peak RSS ${peakMiB.toFixed(0)} MiB, ${JSON.stringify(result)}`,
      );
    };
    await run("tier re-evaluation (backlog)", () => reevaluateShopTiers(jobSql, SHOP, NOW));
    await run("expiry (backlog)", () => expireShopPoints(jobSql, SHOP, NOW));
    await run("tier re-evaluation (next day)", () => reevaluateShopTiers(jobSql, SHOP, NEXT_DAY));
    await run("expiry (next day)", () => expireShopPoints(jobSql, SHOP, NEXT_DAY));

    load.push(os.loadavg()[0]);
    const one = async (text: string) => Number(Object.values((await sql.rows(text))[0])[0] ?? 0);
    const moved = phases
      .filter((p) => p.name.startsWith("tier"))
      .reduce((sum, p) => sum + p.counts.upgraded + p.counts.downgraded, 0);
    const expiredMembers = phases
      .filter((p) => p.name.startsWith("expiry"))
      .reduce((sum, p) => sum + p.counts.membersExpired, 0);
    const expiredPoints = phases
      .filter((p) => p.name.startsWith("expiry"))
      .reduce((sum, p) => sum + p.counts.pointsExpired, 0);
    const tierChanges = await one(`SELECT COUNT(*) FROM "TierChange"`);
    const expireRows = await one(`SELECT COUNT(*) FROM "LedgerEntry" WHERE kind = 'expire'`);
    const expireSum = await one(
      `SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" WHERE kind = 'expire'`,
    );
    const cached = await one(`SELECT COALESCE(SUM(balance + pending), 0) FROM "Customer"`);
    const ledger = await one(`SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry"`);
    const doubled = await one(
      `SELECT COUNT(*) FROM (SELECT SUM(CASE WHEN kind = 'expire' THEN -points ELSE 0 END) AS expired, SUM(CASE WHEN points > 0 THEN points ELSE 0 END) AS earned FROM "LedgerEntry" GROUP BY "customerId") x WHERE expired > earned`,
    );
    const negative = await one(`SELECT COUNT(*) FROM "Customer" WHERE balance < 0`);
    const checks: Check[] = [
      {
        name: "one TierChange per tier move counted",
        ok: tierChanges === moved,
        detail: `${tierChanges} rows, ${moved} moves`,
      },
      {
        name: "one expire entry per member expiry counted, with the points counted",
        ok: expireRows === expiredMembers && -expireSum === expiredPoints,
        detail: `${expireRows} entries, ${-expireSum} points`,
      },
      {
        name: "Σ cached balance + pending = Σ ledger",
        ok: cached === ledger,
        detail: `${cached} = ${ledger}`,
      },
      {
        name: "no member expired more than they ever earned, no negative balance",
        ok: doubled === 0 && negative === 0,
        detail: `${doubled} over-expired, ${negative} negative`,
      },
      {
        name: "backlog did work (downgrades and expiries happened)",
        ok: phases[0].counts.downgraded > 0 && phases[1].counts.pointsExpired > 0,
        detail: `${phases[0].counts.downgraded} downgrades, ${phases[1].counts.pointsExpired} points`,
      },
    ];
    return {
      kind,
      version: await database.version(),
      generateSeconds: generated.seconds,
      entries: Number(entries),
      phases,
      checks,
      load,
    };
  } finally {
    await sql.close();
    await db.$disconnect();
    await database.drop();
  }
}

function markdown(reports: Report[], startedAt: Date, seconds: number): string {
  const m = machine();
  const lines = [
    `## bench/tiers — ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ram}, ${m.os}; node ${process.version}; revision ${revision(ROOT)}. Shared with other agents' work (noisy).`,
    `Command: \`npm run bench:tiers -- ${process.argv.slice(2).join(" ")}\` (${seconds.toFixed(0)} s in all). ${MEMBERS.toLocaleString("en")} members, 4 ledger entries each; default tiers (trailing 12 months), 365-day expiry; one process, one connection (SQLite) / pool (PostgreSQL).`,
    "",
    "Process CPU s: what the bench process itself used (the app's code, and SQLite, which runs in it; not the PostgreSQL server's work). Load average at the start and end of each database's run is listed below the table.",
    "",
    "| database | phase | seconds | members/s | process CPU s | peak RSS MiB | counts |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of reports) {
    lines.push(
      `| ${r.version} | generate (bulk SQL) | ${r.generateSeconds.toFixed(1)} | ${Math.round(MEMBERS / r.generateSeconds).toLocaleString("en")} | — | — | ${r.entries.toLocaleString("en")} ledger entries |`,
    );
    for (const p of r.phases) {
      lines.push(
        `| ${r.version} | ${p.name} | ${p.seconds.toFixed(1)} | ${Math.round(MEMBERS / p.seconds).toLocaleString("en")} | ${p.cpuSeconds.toFixed(1)} | ${p.peakMiB.toFixed(0)} | ${Object.entries(
          p.counts,
        )
          .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
          .join(", ")} |`,
      );
    }
  }
  lines.push(
    "",
    ...reports.map(
      (r) =>
        `Load average (1 min) on ${r.kind}: ${r.load.map((l) => l.toFixed(1)).join(" → ")} (before generating, before the jobs, after them).`,
    ),
  );
  lines.push("", "| check | database | result |", "|---|---|---|");
  for (const r of reports)
    for (const c of r.checks)
      lines.push(`| ${c.ok ? "✔" : "✘"} ${c.name} | ${r.kind} | ${c.detail} |`);
  lines.push("", "### Goals", "", "| goal | measured | verdict |", "|---|---|---|");
  for (const r of reports) {
    for (const p of r.phases) {
      lines.push(
        `| ${r.kind}: ${p.name} over ${MEMBERS.toLocaleString("en")} members < ${GOAL_S} s, memory bounded | ${p.seconds.toFixed(1)} s, peak RSS ${p.peakMiB.toFixed(0)} MiB | **${p.seconds < GOAL_S ? "met" : "not met"}** |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

async function main() {
  const startedAt = new Date();
  const reports: Report[] = [];
  for (const kind of KINDS) reports.push(await benchDatabase(kind));
  const section = markdown(reports, startedAt, (Date.now() - startedAt.getTime()) / 1000);
  console.log(`\n${section}`);
  if (!flags["no-results"]) {
    const file = join(ROOT, "bench", "RESULTS.md");
    const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
    writeFileSync(file, `${current.replace(/\n*$/, "\n")}\n${section}`);
    log("appended to bench/RESULTS.md");
  }
  rmSync(WORK, { recursive: true, force: true });
  process.exit(reports.some((r) => r.checks.some((c) => !c.ok)) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
