// Members follow new tier rules as soon as they are saved (design §1: between re-evaluations
// members only move up), without holding the save request for a large shop (decision 041): the
// save queues a run, a small shop's run is done before the save answers, a larger one is started
// at once on the saving instance and otherwise picked up by the job runner on any instance.
import type { SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { recordJobRun } from "../models/job-status.server";
import {
  claimableTierRuns,
  claimTierRun,
  finishTierRun,
  latestTierRun,
  recordTierRunProgress,
  tierRunById,
  type TierRun,
} from "../models/tier-run.server";
import { reevaluateShopTiers, type ReevaluationCounts } from "./tier-reevaluation.server";

export const TIER_UPGRADES_JOB = "tier-upgrades";

/**
 * Shops with at most this many members get their run before the save answers (about a second on
 * SQLite here, bench/tiers), so the page can say "11 members moved up" at once.
 */
export const INLINE_TIER_RUN_MEMBERS = 5_000;

export type TierRunOutcome =
  | { claimed: false }
  | { claimed: true; run: TierRun; counts: Pick<ReevaluationCounts, "checked" | "upgraded"> };

/** Members of the shop, counted up to `limit + 1` (an index range, whatever the shop's size). */
export async function membersUpTo(sql: SqlDatabase, shop: string, limit: number): Promise<number> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Customer" WHERE shop = ? LIMIT ?) members`,
    [shop, limit + 1],
  );
  return Number(row.n);
}

async function memberCount(sql: SqlDatabase, shop: string): Promise<number> {
  const [row] = await sql.rows(`SELECT COUNT(*) AS n FROM "Customer" WHERE shop = ?`, [shop]);
  return Number(row.n);
}

/**
 * Claims the run and upgrades its shop's members page by page from its cursor, recording progress
 * after each page. `stopAfterPages` ends the work early as a stopped instance would (tests).
 */
export async function processTierRun(
  sql: SqlDatabase,
  id: string,
  now: Date,
  options: { pageSize?: number; stopAfterPages?: number } = {},
): Promise<TierRunOutcome> {
  const lease = await claimTierRun(sql, id, new Date());
  if (!lease) return { claimed: false };
  const run = (await tierRunById(sql, id))!;
  const started = performance.now();
  const total = run.total ?? (await memberCount(sql, run.shop));
  let pages = 0;
  let checked = run.checked;
  let upgraded = run.upgraded;
  try {
    await reevaluateShopTiers(sql, run.shop, now, options.pageSize, {
      upgradesOnly: true,
      after: run.cursor,
      onProgress: async (cursor, counts) => {
        checked = run.checked + counts.checked;
        upgraded = run.upgraded + counts.upgraded;
        const held = await recordTierRunProgress(
          sql,
          id,
          lease,
          { cursor, checked, upgraded, total },
          new Date(),
        );
        pages++;
        return held && (options.stopAfterPages === undefined || pages < options.stopAfterPages);
      },
    });
    if (options.stopAfterPages !== undefined && pages >= options.stopAfterPages)
      return { claimed: true, run: (await tierRunById(sql, id))!, counts: { checked, upgraded } };
    await finishTierRun(sql, id, lease, { status: "done" }, new Date());
  } catch (error) {
    log.error("tier re-evaluation run failed", { shop: run.shop, run: id, error: String(error) });
    await finishTierRun(sql, id, lease, { status: "failed", error: String(error) }, new Date());
  }
  const finished = (await tierRunById(sql, id))!;
  await recordJobRun(
    sql,
    {
      job: TIER_UPGRADES_JOB,
      shop: run.shop,
      status: finished.status === "failed" ? "failed" : "ok",
      durationMs: performance.now() - started,
      counts: { checked: finished.checked, upgraded: finished.upgraded },
      error: finished.error,
    },
    now,
  );
  return {
    claimed: true,
    run: finished,
    counts: { checked: finished.checked, upgraded: finished.upgraded },
  };
}

/** The job runner's part: every queued run, and every run whose instance stopped holding it. */
export async function advanceTierRuns(sql: SqlDatabase, now: Date) {
  const totals = { runs: 0, checked: 0, upgraded: 0 };
  for (const id of await claimableTierRuns(sql, new Date())) {
    const outcome = await processTierRun(sql, id, now);
    if (!outcome.claimed) continue;
    totals.runs++;
    totals.checked += outcome.counts.checked;
    totals.upgraded += outcome.counts.upgraded;
  }
  return totals;
}

/** Starts the run on this instance without waiting for it; the job runner retries what fails. */
export function kickTierRun(sql: SqlDatabase, id: string, now: Date): void {
  processTierRun(sql, id, now).catch((error: unknown) =>
    log.error("tier re-evaluation run could not start", { run: id, error: String(error) }),
  );
}

/** The shop's latest tier run as the Program page and /app/jobs show it (null: none yet). */
export interface TierRunView {
  id: string;
  status: TierRun["status"];
  total: number | null;
  checked: number;
  upgraded: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function tierRunOverview(sql: SqlDatabase, shop: string): Promise<TierRunView | null> {
  const run = await latestTierRun(sql, shop);
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    checked: run.checked,
    upgraded: run.upgraded,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Shown on the Program page while it runs and for 10 minutes after it ended. */
const RECENT_MS = 10 * 60_000;

export async function recentTierRun(
  sql: SqlDatabase,
  shop: string,
  now: Date,
): Promise<TierRunView | null> {
  const run = await tierRunOverview(sql, shop);
  if (!run || run.status === "superseded") return null;
  const ended = run.finishedAt ? Date.parse(run.finishedAt) : null;
  return ended === null || now.getTime() - ended <= RECENT_MS ? run : null;
}
