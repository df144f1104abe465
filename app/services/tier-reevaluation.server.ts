// The periodic tier re-evaluation of one shop (design §1: downgrades only happen here). Members
// are read a keyset page at a time with their tier value aggregated in the same query, so memory
// stays flat on shops of any size. A member whose tier must change is re-read and re-decided
// inside a transaction and moved by a conditional update: two runners, or a runner racing a
// webhook's upgrade, can never apply one change twice or act on a stale value.
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { calendarYearStart, decideReevaluation, reevaluationWindowStart, type MemberTierState, type ReevaluationDecision } from "../loyalty/tier-reevaluation";
import type { Program } from "../loyalty/types";
import { programOfVersion, shopContext } from "../models/program.server";
import { moveTiers } from "../models/tier-change.server";
import { enqueueTierChangedTriggers } from "./flow-triggers.server";
import { tierValueSql } from "./tiers.server";

export interface ReevaluationCounts {
  checked: number;
  upgraded: number;
  downgraded: number;
  atRisk: number;
}

const PAGE = 2000;

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

export async function reevaluateShopTiers(db: SqlDatabase, shop: string, now: Date, pageSize = PAGE): Promise<ReevaluationCounts> {
  const context = await shopContext(db, shop);
  const counts: ReevaluationCounts = { checked: 0, upgraded: 0, downgraded: 0, atRisk: 0 };
  if (!context) return counts;
  const program = await programOfVersion(db, context.programVersionId);
  const since = reevaluationWindowStart(program.tierPeriod, now, context.timeZone);
  const yearly = program.tierPeriod === "calendar_year";
  // Calendar-year members are re-evaluated once per new year: those not yet evaluated since it began.
  const yearStart = calendarYearStart(now, context.timeZone);
  const select = `SELECT c.id, c."tierName", c."tierOverride", c."tierAtRiskSince", ${valueColumn(program, since !== null)} AS value FROM "Customer" c`;
  const pageSql = `${select} WHERE c.shop = ? AND c.id > ? AND c."tierOverride" IS NULL
    ${yearly ? `AND (c."tierEvaluatedAt" IS NULL OR c."tierEvaluatedAt" < ?)` : ""} ORDER BY c.id LIMIT ?`;
  const windowParams = since !== null ? [since] : [];

  let cursor = "";
  for (;;) {
    const params: unknown[] = [...windowParams, shop, cursor];
    if (yearly) params.push(yearStart);
    params.push(pageSize);
    const page = (await db.rows(pageSql, params)).map(memberRow);
    if (!page.length) break;
    cursor = page[page.length - 1].id;
    counts.checked += page.length;
    const changing = page.filter((member) => decideReevaluation(program, member, member.value, now).kind !== "keep").map((member) => member.id);
    if (changing.length) {
      // One transaction per page: the members are locked and read again, so what is applied is
      // decided on current data, whatever another runner or a webhook did since the page was read.
      await db.transaction(async (tx) => {
        const list = changing.map(() => "?").join(", ");
        await tx.run(`UPDATE "Customer" SET "updatedAt" = "updatedAt" WHERE id IN (${list})`, changing);
        const fresh = (await tx.rows(`${select} WHERE c.shop = ? AND c.id IN (${list})`, [...windowParams, shop, ...changing])).map(memberRow);
        const moves: { member: MemberRow; decision: Extract<ReevaluationDecision, { kind: "change" }> }[] = [];
        for (const member of fresh) {
          const decision = decideReevaluation(program, member, member.value, now);
          if (decision.kind === "change") moves.push({ member, decision });
          else if (await applyMark(tx, member.id, decision)) counts.atRisk++;
        }
        const moved = await moveTiers(tx, shop, moves.map(({ member, decision }) => ({
          customerId: member.id, from: member.tierName, fromLabel: member.tierName ?? program.tiers[0].name, to: decision.to.name, reason: decision.reason,
        })), now);
        await enqueueTierChangedTriggers(tx, context, "re-evaluation", moves.flatMap(({ member, decision }) => {
          const tierChangeId = moved.get(member.id);
          return tierChangeId ? [{ customerId: member.id, tierChangeId, from: member.tierName ?? program.tiers[0].name, to: decision.to.name }] : [];
        }), now);
        for (const { member, decision } of moves) {
          if (!moved.has(member.id)) continue;
          const held = program.tiers.find((tier) => tier.name === (member.tierName ?? program.tiers[0].name));
          if (held && decision.to.threshold > held.threshold) counts.upgraded++;
          else counts.downgraded++;
        }
      });
    }
    if (yearly) {
      const ids = page.map((member) => member.id);
      await db.run(`UPDATE "Customer" SET "tierEvaluatedAt" = ? WHERE id IN (${ids.map(() => "?").join(", ")}) AND ("tierEvaluatedAt" IS NULL OR "tierEvaluatedAt" < ?)`, [now, ...ids, now]);
    }
  }
  return counts;
}

/** Starts or clears a member's grace period; returns whether a grace period started. */
async function applyMark(tx: Sql, customerId: string, decision: ReevaluationDecision): Promise<boolean> {
  if (decision.kind === "safe") await tx.run(`UPDATE "Customer" SET "tierAtRiskSince" = NULL WHERE id = ?`, [customerId]);
  if (decision.kind !== "at_risk") return false;
  return (await tx.run(`UPDATE "Customer" SET "tierAtRiskSince" = ? WHERE id = ? AND "tierAtRiskSince" IS NULL`, [decision.since, customerId])) > 0;
}
