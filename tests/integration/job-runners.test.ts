// Several runners of the same jobs at once. On PostgreSQL each runner is its own connection pool, as
// separate app instances have. SQLite serves one instance by design (docs/decisions/004): its
// runners share the process's connection, whose transactions are queued, so their reads and
// writes still interleave between transactions. (Two better-sqlite3 connections in one process
// cannot both hold async transactions: the second one's lock wait blocks the thread.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql, openSql } from "~/db.server";
import { databaseKind } from "~/db/database-url";
import type { SqlDatabase } from "~/db/sql.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob, type JobContext, type JobDefinition } from "~/jobs/registry.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { jobOverview } from "~/services/job-overview.server";
import { expireShopPoints } from "~/services/point-expiry.server";
import { maturePendingPoints } from "~/services/pending-maturation.server";
import { reevaluateShopTiers } from "~/services/tier-reevaluation.server";
import { installShop } from "../factories/shop";
import { aMember, changeProgram, entry } from "../support/members";
import { expectConsoleError } from "../setup/fail-on-console-error";

const shop = "runners-test.myshopify.com";
const MEMBERS = 30;
const RUNNERS = 4;
let instances: SqlDatabase[] = [];

function context(sql: SqlDatabase, at: string): JobContext {
  return { db: getDb(), sql, now: new Date(at), adminFor: async () => null };
}

const job = (name: string) => JOBS.find((candidate) => candidate.name === name)!;

beforeEach(async () => {
  await installShop(getDb(), shop);
  await changeProgram(shop, { expiry: { mode: "after_earning", days: 365 } });
  for (let i = 0; i < MEMBERS; i++) {
    const id = await aMember(shop, 1000 + i);
    await entry(shop, id, "earn", 3000, "2025-01-01T00:00:00Z");
    await entry(shop, id, "earn", 100, "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z");
  }
  await reevaluateShopTiers(getSql(), shop, new Date("2025-01-02T00:00:00Z"));
  const postgres = databaseKind(process.env.DATABASE_URL!) === "postgresql";
  instances = Array.from({ length: RUNNERS }, () =>
    postgres ? openSql(process.env.DATABASE_URL!) : getSql(),
  );
});

afterEach(async () => {
  for (const instance of instances) if (instance !== getSql()) await instance.close();
});

describe("many runners at once, without the job lock (per-item safety)", () => {
  it("downgrade each member once; the runners' counts add up", async () => {
    const results = await Promise.all(
      instances.map((sql) => reevaluateShopTiers(sql, shop, new Date("2026-06-01T00:00:00Z"))),
    );
    expect(results.reduce((sum, result) => sum + result.downgraded, 0)).toBe(MEMBERS);
    expect(await getDb().tierChange.count({ where: { toTier: "Member" } })).toBe(MEMBERS);
    expect(await getDb().customer.count({ where: { shop, tierName: "Member" } })).toBe(MEMBERS);
  });

  it("expire each lot once and mature each pending entry once", async () => {
    const matured = await Promise.all(
      instances.map((sql) => maturePendingPoints(sql, shop, new Date("2025-02-01T00:00:00Z"))),
    );
    expect(matured.reduce((sum, result) => sum + result.points, 0)).toBe(MEMBERS * 100);
    const expired = await Promise.all(
      instances.map((sql) => expireShopPoints(sql, shop, new Date("2026-01-01T00:00:00Z"))),
    );
    expect(expired.reduce((sum, result) => sum + result.pointsExpired, 0)).toBe(MEMBERS * 3100);
    expect(expired.reduce((sum, result) => sum + result.membersExpired, 0)).toBe(MEMBERS);
    expect(await getDb().ledgerEntry.count({ where: { shop, kind: "expire" } })).toBe(MEMBERS);
    expect(await getDb().customer.count({ where: { shop, balance: 0, pending: 0 } })).toBe(MEMBERS);
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });
});

describe("the job lock", () => {
  it("lets one holder in at a time across instances, and frees the lock afterwards", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = instances[0].withTryLock("tally-job:test", () => held);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await instances[1].withTryLock("tally-job:test", async () => "second")).toEqual({
      acquired: false,
    });
    release();
    expect(await first).toEqual({ acquired: true, result: undefined });
    expect(await instances[1].withTryLock("tally-job:test", async () => "second")).toEqual({
      acquired: true,
      result: "second",
    });
  });

  it("runs a registered job on the runners that get the lock; the result is the same as one run", async () => {
    const outcomes = await Promise.all(
      instances.map((sql) =>
        runJob(job("tier-reevaluation"), context(sql, "2026-06-01T00:00:00Z")),
      ),
    );
    const ran = outcomes.filter((outcome) => outcome.ran);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    const downgraded = ran.reduce(
      (sum, outcome) => sum + (outcome.ran && outcome.counts ? outcome.counts.downgraded : 0),
      0,
    );
    expect(downgraded).toBe(MEMBERS);
    expect(await getDb().tierChange.count({ where: { toTier: "Member" } })).toBe(MEMBERS);
  });
});

describe("job status", () => {
  it("records each run per shop for the merchant and across shops", async () => {
    await runJob(job("point-expiry"), context(getSql(), "2026-01-01T00:00:00Z"));
    const rows = await jobOverview(getSql(), shop);
    const expiry = rows.find((row) => row.job === "point-expiry")!;
    expect(expiry).toMatchObject({
      lastStatus: "ok",
      runs: 1,
      failures: 0,
      lastRunAt: "2026-01-01T00:00:00.000Z",
    });
    expect(expiry.counts).toMatchObject({ checked: MEMBERS, membersExpired: MEMBERS });
    expect(rows.find((row) => row.job === "tier-reevaluation")).toMatchObject({
      lastRunAt: null,
      runs: 0,
    });
    // Another shop's merchant sees the run happened, not this shop's figures.
    expect(
      (await jobOverview(getSql(), "someone-else.myshopify.com")).find(
        (row) => row.job === "point-expiry",
      ),
    ).toMatchObject({ runs: 1, counts: null });
  });

  it("records failures with their error, and a later success keeps the failure count", async () => {
    let fail = true;
    const flaky: JobDefinition = {
      name: "flaky",
      intervalMs: 1000,
      run: async () => {
        if (fail) throw new Error("database went away");
        return { done: 1 };
      },
    };
    expectConsoleError(/job failed/);
    expect(await runJob(flaky, context(getSql(), "2026-01-01T00:00:00Z"))).toMatchObject({
      ran: true,
      status: "failed",
      error: "Error: database went away",
    });
    fail = false;
    expect(await runJob(flaky, context(getSql(), "2026-01-01T00:01:00Z"))).toMatchObject({
      ran: true,
      status: "ok",
      counts: { done: 1 },
    });
    const row = await getDb().jobStatus.findUniqueOrThrow({
      where: { job_shop: { job: "flaky", shop: "" } },
    });
    expect(row).toMatchObject({
      lastStatus: "ok",
      runs: 2,
      failures: 1,
      lastFailureAt: new Date("2026-01-01T00:00:00Z"),
    });
  });
});

describe("ledger verification at scale", () => {
  it("checks a shop with more members than one page holds (SQLite's parameter limit)", async () => {
    // 1,000 ids in one query plus the kind filters passed SQLite's 999 bound parameters (P2029).
    const members = 1_203;
    await getDb().customer.createMany({
      data: Array.from({ length: members }, (_, index) => ({
        shop,
        shopifyCustomerId: String(900_000 + index),
      })),
    });
    const member = await aMember(shop, 42);
    await entry(shop, member, "earn", 25, "2026-01-01T00:00:00Z");
    const result = await verifyLedger(getDb(), shop, new Date());
    expect(result.customersChecked).toBe(await getDb().customer.count({ where: { shop } }));
    expect(result.customersChecked).toBeGreaterThan(members);
    expect(result.mismatches).toEqual([]);
  });
});
