// The periodic tier re-evaluation of one shop (design §1: downgrades only happen here). Members
// are read a keyset page at a time with their tier value aggregated in the same query, so memory
// stays flat on shops of any size. A member whose tier must change is locked, re-read and
// re-decided inside the page's transaction and moved by a conditional update: two runners, or a
// runner racing a webhook's upgrade, can never apply one change twice or act on a stale value.
// Each page's writes are a fixed number of set-based statements, and the next page is read while
// they run (docs/decisions/019).
import { storeCoded } from "../i18n/coded-text";
import type { DatabaseKind } from "../db/database-url";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { inList } from "../db/values-list";
import {
  calendarYearStart,
  decideReevaluation,
  reevaluationWindowStart,
  type MemberTierState,
  type ReevaluationDecision,
} from "../loyalty/tier-reevaluation";
import type { Program } from "../loyalty/types";
import { programOfVersion, shopContext } from "../models/program.server";
import { lockMembers } from "../models/member-lock.server";
import { moveTiers } from "../models/tier-change.server";
import { enqueueTierChangedTriggers } from "./flow-triggers.server";
import { forEachPage, PAGES_IN_FLIGHT } from "./paged.server";
import { tierValueSql } from "./tiers.server";

export interface ReevaluationCounts {
  checked: number;
  upgraded: number;
  downgraded: number;
  atRisk: number;
}

/** Members per page; the changing ones are one transaction (see point-expiry.server's PAGE). */
const PAGE: Record<DatabaseKind, number> = { sqlite: 10_000, postgresql: 5_000 };

interface MemberRow extends MemberTierState {
  id: string;
  value: number;
}

function memberRow(row: Record<string, unknown>): MemberRow {
  return {
    id: String(row.id),
    tierName: (row.tierName as string | null) ?? null,
    override: (row.tierOverride as string | null) ?? null,
    atRiskSince: decode.optionalDate(row.tierAtRiskSince),
    value: decode.int(row.value),
  };
}

/** Lifetime values are the cached figures; windows are aggregated per member. */
function valueColumn(program: Program, windowed: boolean): string {
  if (windowed) return `(${tierValueSql(program, "c.id")})`;
  return program.tierBasis === "amount_spent" ? `c."lifetimeSpend"` : `c."lifetimeEarned"`;
}

/** Where a resumed run starts, and what it is told after each page (in member order) is done. */
export interface ReevaluationPaging {
  upgradesOnly?: boolean;
  /** Members after this id only (a queued run resuming from its cursor). */
  after?: string;
  /**
   * Called once every member up to `cursor` is done, with the counts of those pages; answering
   * false stops the run after the pages already under way.
   */
  onProgress?: (cursor: string, counts: ReevaluationCounts) => Promise<boolean>;
}

export async function reevaluateShopTiers(
  db: SqlDatabase,
  shop: string,
  now: Date,
  pageSize = PAGE[db.dialect],
  options: ReevaluationPaging = {},
): Promise<ReevaluationCounts> {
  const context = await shopContext(db, shop);
  const counts: ReevaluationCounts = { checked: 0, upgraded: 0, downgraded: 0, atRisk: 0 };
  if (!context) return counts;
  const program = await programOfVersion(db, context.programVersionId);
  const since = reevaluationWindowStart(program.tierPeriod, now, context.timeZone);
  // Upgrades on save look at everyone; the yearly bookkeeping belongs to the periodic run.
  const yearly = program.tierPeriod === "calendar_year" && !options.upgradesOnly;
  const heldThreshold = (member: MemberRow) =>
    program.tiers.find((tier) => tier.name === (member.tierName ?? program.tiers[0].name))
      ?.threshold ?? Number.POSITIVE_INFINITY;
  const decide = (member: MemberRow): ReevaluationDecision => {
    const decision = decideReevaluation(program, member, member.value, now);
    if (!options.upgradesOnly) return decision;
    return decision.kind === "change" && decision.to.threshold > heldThreshold(member)
      ? decision
      : { kind: "keep" };
  };
  // Calendar-year members are re-evaluated once per new year: those not yet evaluated since it began.
  const yearStart = calendarYearStart(now, context.timeZone);
  const select = `SELECT c.id, c."tierName", c."tierOverride", c."tierAtRiskSince", ${valueColumn(program, since !== null)} AS value FROM "Customer" c`;
  const pageSql = `${select} WHERE c.shop = ? AND c.id > ? AND c."tierOverride" IS NULL
    ${yearly ? `AND (c."tierEvaluatedAt" IS NULL OR c."tierEvaluatedAt" < ?)` : ""} ORDER BY c.id LIMIT ?`;
  const windowParams = since !== null ? [since] : [];

  let cursor = options.after ?? "";
  let stopped = false;
  const nextPage = async (): Promise<MemberRow[] | null> => {
    if (stopped) return null;
    const params: unknown[] = [...windowParams, shop, cursor];
    if (yearly) params.push(yearStart);
    params.push(pageSize);
    const page = (await db.rows(pageSql, params)).map(memberRow);
    if (!page.length) return null;
    cursor = page[page.length - 1].id;
    return page;
  };

  // Pages may finish out of order (two in flight on PostgreSQL): progress is reported up to the
  // last page whose predecessors are all done, so a resumed run never skips a member.
  const pending: { last: string; done: ReevaluationCounts | null }[] = [];
  const reported: ReevaluationCounts = { checked: 0, upgraded: 0, downgraded: 0, atRisk: 0 };
  // One report at a time, in page order, so a later page's progress is never overwritten by an
  // earlier one's.
  let reports = Promise.resolve();
  const reportDone = () =>
    (reports = reports.then(async () => {
      let cursorDone: string | null = null;
      while (pending.length && pending[0].done) {
        const { last, done } = pending.shift()!;
        for (const key of Object.keys(reported) as (keyof ReevaluationCounts)[])
          reported[key] += done![key];
        cursorDone = last;
      }
      if (
        cursorDone !== null &&
        options.onProgress &&
        !(await options.onProgress(cursorDone, { ...reported }))
      )
        stopped = true;
    }));

  const reevaluatePage = async (page: MemberRow[]) => {
    const slot = { last: page[page.length - 1].id, done: null as ReevaluationCounts | null };
    pending.push(slot);
    const pageCounts: ReevaluationCounts = {
      checked: page.length,
      upgraded: 0,
      downgraded: 0,
      atRisk: 0,
    };
    counts.checked += page.length;
    const changing = page
      .filter((member) => decide(member).kind !== "keep")
      .map((member) => member.id);
    if (changing.length) {
      // One transaction per page: the members are locked and read again, so what is applied is
      // decided on current data, whatever another runner or a webhook did since the page was read.
      // Its figures are added once it has committed (a PostgreSQL deadlock retries it whole).
      const applied = await db.transaction(async (tx) => {
        const done = { upgraded: 0, downgraded: 0, atRisk: 0 };
        await lockMembers(tx, changing);
        const ids = inList(tx.dialect, changing);
        const fresh = (
          await tx.rows(`${select} WHERE c.shop = ? AND c.id ${ids.sql}`, [
            ...windowParams,
            shop,
            ...ids.params,
          ])
        ).map(memberRow);
        const moves: {
          member: MemberRow;
          decision: Extract<ReevaluationDecision, { kind: "change" }>;
        }[] = [];
        const atRisk: string[] = [];
        const safe: string[] = [];
        for (const member of fresh) {
          const decision = decide(member);
          if (decision.kind === "change") moves.push({ member, decision });
          else if (decision.kind === "at_risk") atRisk.push(member.id);
          else if (decision.kind === "safe") safe.push(member.id);
        }
        done.atRisk = await applyMarks(tx, atRisk, safe, now);
        const moved = await moveTiers(
          tx,
          shop,
          moves.map(({ member, decision }) => ({
            customerId: member.id,
            from: member.tierName,
            fromLabel: member.tierName ?? program.tiers[0].name,
            to: decision.to.name,
            reason: storeCoded(decision.reason),
          })),
          now,
        );
        await enqueueTierChangedTriggers(
          tx,
          context,
          "re-evaluation",
          moves.flatMap(({ member, decision }) => {
            const tierChangeId = moved.get(member.id);
            return tierChangeId
              ? [
                  {
                    customerId: member.id,
                    tierChangeId,
                    from: member.tierName ?? program.tiers[0].name,
                    to: decision.to.name,
                  },
                ]
              : [];
          }),
          now,
        );
        for (const { member, decision } of moves) {
          if (!moved.has(member.id)) continue;
          const held = program.tiers.find(
            (tier) => tier.name === (member.tierName ?? program.tiers[0].name),
          );
          if (held && decision.to.threshold > held.threshold) done.upgraded++;
          else done.downgraded++;
        }
        return done;
      });
      counts.upgraded += applied.upgraded;
      counts.downgraded += applied.downgraded;
      counts.atRisk += applied.atRisk;
      Object.assign(pageCounts, { ...applied, checked: page.length });
    }
    if (yearly) {
      const ids = inList(
        db.dialect,
        page.map((member) => member.id),
      );
      await db.run(
        `UPDATE "Customer" SET "tierEvaluatedAt" = ? WHERE id ${ids.sql} AND ("tierEvaluatedAt" IS NULL OR "tierEvaluatedAt" < ?)`,
        [now, ...ids.params, now],
      );
    }
    slot.done = pageCounts;
    await reportDone();
  };

  await forEachPage(nextPage, reevaluatePage, PAGES_IN_FLIGHT[db.dialect]);
  return counts;
}

/** Starts grace periods (`atRisk`) and clears them (`safe`); returns how many grace periods started. */
async function applyMarks(
  tx: Sql,
  atRisk: readonly string[],
  safe: readonly string[],
  now: Date,
): Promise<number> {
  if (safe.length) {
    const ids = inList(tx.dialect, safe);
    await tx.run(`UPDATE "Customer" SET "tierAtRiskSince" = NULL WHERE id ${ids.sql}`, ids.params);
  }
  if (!atRisk.length) return 0;
  const ids = inList(tx.dialect, atRisk);
  return tx.run(
    `UPDATE "Customer" SET "tierAtRiskSince" = ? WHERE id ${ids.sql} AND "tierAtRiskSince" IS NULL`,
    [now, ...ids.params],
  );
}
