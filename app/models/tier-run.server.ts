// Queued tier re-evaluations (decision 041): a program save that changes the tiers writes a run in
// its own transaction; any instance may claim it with a conditional update on its lease, and every
// page of progress is written under that lease, so a run is done by one instance at a time and is
// taken over from its cursor when the instance that held it stops.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db.server";
import { decode, type Row, type Sql } from "../db/sql.server";

/** A claim lapses this long after its last page: another instance then resumes the run. */
export const TIER_RUN_LEASE_MS = 2 * 60_000;

export type TierRunStatus = "queued" | "running" | "done" | "failed" | "superseded";

export interface TierRun {
  id: string;
  shop: string;
  status: TierRunStatus;
  total: number | null;
  checked: number;
  upgraded: number;
  cursor: string;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function tierRun(row: Row): TierRun {
  return {
    id: String(row.id),
    shop: String(row.shop),
    status: String(row.status) as TierRunStatus,
    total: row.total === null || row.total === undefined ? null : decode.int(row.total),
    checked: decode.int(row.checked),
    upgraded: decode.int(row.upgraded),
    cursor: String(row.cursor ?? ""),
    error: (row.error as string | null) ?? null,
    createdAt: decode.date(row.createdAt),
    finishedAt: decode.optionalDate(row.finishedAt),
  };
}

/**
 * Queues a run in the save's transaction. Unfinished runs of the shop are superseded: they judged
 * members by rules that no longer apply, and the new run checks everyone again.
 */
export async function enqueueTierRun(tx: Tx, shop: string, now: Date): Promise<string> {
  await tx.tierReevaluationRun.updateMany({
    where: { shop, status: { in: ["queued", "running"] } },
    data: { status: "superseded", finishedAt: now, lease: null },
  });
  const run = await tx.tierReevaluationRun.create({ data: { shop, createdAt: now } });
  return run.id;
}

/** Takes a queued run, or one whose claim lapsed; null when another instance holds it (or it ended). */
export async function claimTierRun(sql: Sql, id: string, at: Date): Promise<string | null> {
  const lease = randomUUID();
  const claimed = await sql.run(
    `UPDATE "TierReevaluationRun" SET status = 'running', lease = ?, "leaseUntil" = ?
     WHERE id = ? AND (status = 'queued' OR (status = 'running' AND "leaseUntil" < ?))`,
    [lease, new Date(at.getTime() + TIER_RUN_LEASE_MS), id, at],
  );
  return claimed === 1 ? lease : null;
}

/** Runs any instance may claim now, oldest first. */
export async function claimableTierRuns(sql: Sql, at: Date, limit = 20): Promise<string[]> {
  const rows = await sql.rows(
    `SELECT id FROM "TierReevaluationRun"
     WHERE status = 'queued' OR (status = 'running' AND "leaseUntil" < ?)
     ORDER BY "createdAt" LIMIT ?`,
    [at, limit],
  );
  return rows.map((row) => String(row.id));
}

export async function tierRunById(sql: Sql, id: string): Promise<TierRun | null> {
  const [row] = await sql.rows(`SELECT * FROM "TierReevaluationRun" WHERE id = ?`, [id]);
  return row ? tierRun(row) : null;
}

/** The shop's latest run, for the Program page and /app/jobs (one row of an index). */
export async function latestTierRun(sql: Sql, shop: string): Promise<TierRun | null> {
  const [row] = await sql.rows(
    `SELECT * FROM "TierReevaluationRun" WHERE shop = ? ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
    [shop],
  );
  return row ? tierRun(row) : null;
}

/**
 * Records the pages done so far and extends the claim; false when the claim was lost (the run was
 * superseded or taken over after a lapse), and the holder must stop.
 */
export async function recordTierRunProgress(
  sql: Sql,
  id: string,
  lease: string,
  progress: { cursor: string; checked: number; upgraded: number; total: number | null },
  at: Date,
): Promise<boolean> {
  const updated = await sql.run(
    `UPDATE "TierReevaluationRun" SET cursor = ?, checked = ?, upgraded = ?, total = ?, "leaseUntil" = ?
     WHERE id = ? AND lease = ? AND status = 'running'`,
    [
      progress.cursor,
      progress.checked,
      progress.upgraded,
      progress.total,
      new Date(at.getTime() + TIER_RUN_LEASE_MS),
      id,
      lease,
    ],
  );
  return updated === 1;
}

export async function finishTierRun(
  sql: Sql,
  id: string,
  lease: string,
  outcome: { status: "done" | "failed"; error?: string },
  at: Date,
): Promise<boolean> {
  const updated = await sql.run(
    `UPDATE "TierReevaluationRun" SET status = ?, error = ?, "finishedAt" = ?, lease = NULL, "leaseUntil" = NULL
     WHERE id = ? AND lease = ? AND status = 'running'`,
    [outcome.status, outcome.error?.slice(0, 1000) ?? null, at, id, lease],
  );
  return updated === 1;
}
