// What /app/jobs shows a merchant: each periodic job, when it last ran, what it did for this shop.
import type { Sql } from "../db/sql.server";
import { JOBS } from "../jobs/jobs.server";
import { jobStatusesFor, type JobCounts } from "../models/job-status.server";
import {
  reconciliationOf,
  type ReconciliationFailure,
} from "../models/order-reconciliation.server";

/** The order reconciliation's own figures (decision 030): its watermark and its pass's counts. */
export interface ReconciliationOverview {
  /** Orders updated before this were compared with Shopify (null: no pass finished yet). */
  watermark: string | null;
  /** A pass is under way (its counts are so far), else the counts are the last finished pass's. */
  inProgress: boolean;
  checked: number;
  applied: number;
  failed: number;
  failures: ReconciliationFailure[];
}

export interface JobOverviewRow {
  job: string;
  intervalMs: number;
  /** The shop's own run when the job works shop by shop, else the job's last run anywhere. */
  lastRunAt: string | null;
  lastStatus: string | null;
  lastDurationMs: number | null;
  counts: JobCounts | null;
  lastError: string | null;
  lastFailureAt: string | null;
  failures: number;
  runs: number;
  reconciliation?: ReconciliationOverview;
}

export async function jobOverview(sql: Sql, shop: string): Promise<JobOverviewRow[]> {
  const statuses = await jobStatusesFor(sql, shop);
  const reconciliation = await reconciliationOf(sql, shop);
  return JOBS.map((job) => {
    const status =
      statuses.find((row) => row.job === job.name && row.shop === shop) ??
      statuses.find((row) => row.job === job.name);
    return {
      job: job.name,
      intervalMs: job.intervalMs,
      lastRunAt: status?.lastRunAt.toISOString() ?? null,
      lastStatus: status?.lastStatus ?? null,
      lastDurationMs: status?.lastDurationMs ?? null,
      counts: status?.lastCounts ?? null,
      lastError: status?.lastError ?? null,
      lastFailureAt: status?.lastFailureAt?.toISOString() ?? null,
      failures: status?.failures ?? 0,
      runs: status?.runs ?? 0,
      ...(job.name === "order-reconciliation" && reconciliation
        ? {
            reconciliation: {
              watermark: reconciliation.watermark?.toISOString() ?? null,
              inProgress: reconciliation.passUntil !== null,
              checked: reconciliation.checked,
              applied: reconciliation.applied,
              failed: reconciliation.failed,
              failures: reconciliation.failures,
            },
          }
        : {}),
    };
  });
}
