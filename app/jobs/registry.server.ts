// The shape of a periodic job and how one run is executed: at most one runner at a time across
// every instance (withTryLock: a PostgreSQL advisory lock, docs/decisions/008), its outcome
// recorded in JobStatus for the merchant. The lock only saves duplicate work: each job's per-item
// writes are safe on their own (unique keys, conditional updates).
import type { Db } from "../db.server";
import type { SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { ALL_SHOPS, recordJobRun, type JobCounts } from "../models/job-status.server";
import type { AdminClientFor } from "../shopify/admin-client.server";

export interface JobContext {
  db: Db;
  sql: SqlDatabase;
  now: Date;
  adminFor: AdminClientFor;
}

/** A periodic job: add one to JOBS in jobs.server.ts. `run` throws to report a failure. */
export interface JobDefinition {
  name: string;
  intervalMs: number;
  run(ctx: JobContext): Promise<JobCounts | void>;
}

export type JobRunOutcome =
  | { ran: false }
  | { ran: true; status: "ok" | "failed"; counts: JobCounts | null; error: string | null };

export async function runJob(job: JobDefinition, ctx: JobContext): Promise<JobRunOutcome> {
  const locked = await ctx.sql.withTryLock(
    `tally-job:${job.name}`,
    async (): Promise<JobRunOutcome> => {
      const started = performance.now();
      let outcome: JobRunOutcome;
      try {
        outcome = { ran: true, status: "ok", counts: (await job.run(ctx)) ?? null, error: null };
      } catch (error) {
        log.error("job failed", { job: job.name, error: String(error) });
        outcome = { ran: true, status: "failed", counts: null, error: String(error) };
      }
      await recordJobRun(
        ctx.sql,
        {
          job: job.name,
          shop: ALL_SHOPS,
          status: outcome.status,
          durationMs: performance.now() - started,
          counts: outcome.counts,
          error: outcome.error,
        },
        ctx.now,
      );
      return outcome;
    },
  );
  return locked.acquired ? locked.result : { ran: false };
}

/** Installed shops, for jobs that work shop by shop. */
export async function installedShops(sql: SqlDatabase): Promise<string[]> {
  const rows = await sql.rows(
    `SELECT shop FROM "Shop" WHERE "uninstalledAt" IS NULL ORDER BY shop`,
  );
  return rows.map((row) => String(row.shop));
}

/**
 * A job that runs `work` for each installed shop and records each shop's counts (what its
 * merchant sees). One shop failing does not stop the others; the run then reports a failure.
 */
export function perShopJob(
  name: string,
  intervalMs: number,
  work: (ctx: JobContext, shop: string) => Promise<object>,
): JobDefinition {
  return {
    name,
    intervalMs,
    async run(ctx) {
      const total: JobCounts = { shops: 0 };
      const failures: string[] = [];
      for (const shop of await installedShops(ctx.sql)) {
        const started = performance.now();
        try {
          const counts = { ...(await work(ctx, shop)) } as JobCounts;
          for (const [key, value] of Object.entries(counts)) total[key] = (total[key] ?? 0) + value;
          total.shops++;
          await recordJobRun(
            ctx.sql,
            {
              job: name,
              shop,
              status: "ok",
              durationMs: performance.now() - started,
              counts,
              error: null,
            },
            ctx.now,
          );
        } catch (error) {
          failures.push(shop);
          await recordJobRun(
            ctx.sql,
            {
              job: name,
              shop,
              status: "failed",
              durationMs: performance.now() - started,
              counts: null,
              error: String(error),
            },
            ctx.now,
          );
          log.error("job failed for a shop", { job: name, shop, error: String(error) });
        }
      }
      if (failures.length)
        throw new Error(`${failures.length} shop(s) failed: ${failures.slice(0, 5).join(", ")}`);
      return total;
    },
  };
}
