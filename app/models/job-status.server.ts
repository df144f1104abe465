// The last run of each periodic job, per shop ("" for work that spans shops), for /app/jobs.
import type { Sql } from "../db/sql.server";
import { decode } from "../db/sql.server";

export const ALL_SHOPS = "";

export type JobCounts = Record<string, number>;

export interface JobRunRecord {
  job: string;
  shop: string;
  status: "ok" | "failed";
  durationMs: number;
  counts: JobCounts | null;
  error: string | null;
}

export async function recordJobRun(sql: Sql, run: JobRunRecord, at: Date): Promise<void> {
  const failed = run.status === "failed" ? 1 : 0;
  await sql.run(
    `INSERT INTO "JobStatus" (job, shop, "lastRunAt", "lastStatus", "lastDurationMs", "lastCounts", "lastError", "lastFailureAt", runs, failures)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
     ON CONFLICT (job, shop) DO UPDATE SET "lastRunAt" = excluded."lastRunAt", "lastStatus" = excluded."lastStatus",
       "lastDurationMs" = excluded."lastDurationMs", "lastCounts" = excluded."lastCounts", "lastError" = excluded."lastError",
       "lastFailureAt" = COALESCE(excluded."lastFailureAt", "JobStatus"."lastFailureAt"),
       runs = "JobStatus".runs + 1, failures = "JobStatus".failures + excluded.failures`,
    [
      run.job,
      run.shop,
      at,
      run.status,
      Math.round(run.durationMs),
      run.counts,
      run.error?.slice(0, 1000) ?? null,
      failed ? at : null,
      failed,
    ],
  );
}

export interface JobStatusRow {
  job: string;
  shop: string;
  lastRunAt: Date;
  lastStatus: string;
  lastDurationMs: number;
  lastCounts: JobCounts | null;
  lastError: string | null;
  lastFailureAt: Date | null;
  runs: number;
  failures: number;
}

/** The shop's own rows and the cross-shop rows (whose counts are not the shop's and are left out). */
export async function jobStatusesFor(sql: Sql, shop: string): Promise<JobStatusRow[]> {
  const rows = await sql.rows(`SELECT * FROM "JobStatus" WHERE shop IN (?, ?) ORDER BY job, shop`, [
    shop,
    ALL_SHOPS,
  ]);
  return rows.map((row) => ({
    job: String(row.job),
    shop: String(row.shop),
    lastRunAt: decode.date(row.lastRunAt),
    lastStatus: String(row.lastStatus),
    lastDurationMs: decode.int(row.lastDurationMs),
    lastCounts:
      row.shop === ALL_SHOPS || row.lastCounts == null
        ? null
        : decode.json<JobCounts>(row.lastCounts),
    lastError: row.shop === ALL_SHOPS ? null : ((row.lastError as string | null) ?? null),
    lastFailureAt: decode.optionalDate(row.lastFailureAt),
    runs: decode.int(row.runs),
    failures: decode.int(row.failures),
  }));
}

/** When the job last ran anywhere (its cross-shop row), for scheduling long intervals across restarts. */
export async function lastRunAt(sql: Sql, job: string): Promise<Date | null> {
  const [row] = await sql.rows(`SELECT "lastRunAt" FROM "JobStatus" WHERE job = ? AND shop = ?`, [
    job,
    ALL_SHOPS,
  ]);
  return row ? decode.date(row.lastRunAt) : null;
}
