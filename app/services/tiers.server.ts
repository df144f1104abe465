// Tier progress from the ledger and orders; the thresholds and maths live in app/loyalty/tiers.
import { storeCoded } from "../i18n/coded-text";
import type { TierReason } from "../loyalty/tier-reevaluation";
import { decode, type Sql } from "../db/sql.server";
import { tierFor, tierWindowStart } from "../loyalty/tiers";
import type { Program, Tier } from "../loyalty/types";
import { LIFETIME_ENTRY_CONDITION, pointsEarnedSince } from "../models/ledger.server";
import { memberIdSql, type MemberKey } from "../models/member-key.server";
import type { ShopContext } from "../models/program.server";
import { moveTier } from "../models/tier-change.server";
import { enqueueTierChangedTriggers, type TierChangeSource } from "./flow-triggers.server";

export function currentTier(program: Program, tierName: string | null): Tier {
  return program.tiers.find((tier) => tier.name === tierName) ?? program.tiers[0];
}

/** SQL for the tier value of the customer whose id is the first parameter, counted from the second. */
export function tierValueSql(program: Program, customerIdColumn = "?"): string {
  return program.tierBasis === "amount_spent"
    ? `SELECT COALESCE(SUM(subtotal), 0) FROM "Order" WHERE "customerId" = ${customerIdColumn} AND paid = TRUE AND cancelled = FALSE AND "placedAt" >= ?`
    : `SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" WHERE "customerId" = ${customerIdColumn} AND "createdAt" >= ? AND ${LIFETIME_ENTRY_CONDITION}`;
}

/** The tier value counted from `since` (null = lifetime). */
export async function tierValueSince(
  sql: Sql,
  program: Program,
  member: MemberKey,
  since: Date | null,
): Promise<number> {
  if (program.tierBasis === "points_earned")
    return pointsEarnedSince(sql, member, since ?? new Date(0));
  const id = memberIdSql(member);
  const [row] = await sql.rows(`SELECT (${tierValueSql(program, id.sql)}) AS total`, [
    ...id.params,
    since ?? new Date(0),
  ]);
  return decode.int(row.total);
}

/**
 * Whether the tier value is the member's cached `lifetimeEarned`: points earned over a lifetime
 * count the same entries (LIFETIME_ENTRY_CONDITION), kept with every append and checked by
 * verifyLedger, so reading it costs no sum over a long history.
 */
export function tierValueIsLifetimeEarned(program: Program): boolean {
  return program.tierBasis === "points_earned" && program.tierPeriod === "lifetime";
}

/** The number the program's tiers are measured on, over the program's tier period. */
export async function tierBasisValue(
  sql: Sql,
  program: Program,
  member: MemberKey,
  timeZone: string,
  now: Date,
): Promise<number> {
  return tierValueSince(sql, program, member, tierWindowStart(program.tierPeriod, now, timeZone));
}

/**
 * The tier value of a member named by Shopify id, before the entries this transaction is about to
 * append, or null when it cannot be carried forward from them (a single tier, or tiers by amount
 * spent, which the order's own settlement moves). Sent with the member's upsert on PostgreSQL, it
 * saves the read after the entry (a round trip, decision 044): the member's row is locked from the
 * upsert on, so no other writer's entry can land in between.
 */
export async function tierValueBeforeEntries(
  sql: Sql,
  program: Program,
  shop: string,
  shopifyCustomerId: string,
  timeZone: string,
  now: Date,
): Promise<number | null> {
  if (program.tiers.length < 2 || program.tierBasis !== "points_earned") return null;
  const member = `(SELECT id FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?)`;
  const [row] = await sql.rows(`SELECT (${tierValueSql(program, member)}) AS total`, [
    shop,
    shopifyCustomerId,
    tierWindowStart(program.tierPeriod, now, timeZone) ?? new Date(0),
  ]);
  return decode.int(row.total);
}

/**
 * Upgrades apply at once (design §1); downgrades wait for the periodic re-evaluation. A member
 * with a staff override keeps it (the caller already knows, so no query is spent on them). With
 * `flow`, an applied upgrade also enqueues the "tier changed" Flow trigger (if the merchant has it on).
 */
export async function upgradeTierIfEarned(
  sql: Sql,
  program: Program,
  customer: { id: string; shop: string; tierName: string | null; tierOverride: string | null },
  timeZone: string,
  now: Date,
  flow?: { shop: ShopContext; source: TierChangeSource },
  /** The member's tier value now, when the caller knows it (tierValueBeforeEntries). */
  knownValue?: number,
): Promise<string | null> {
  if (customer.tierOverride !== null) return null;
  const current = currentTier(program, customer.tierName);
  const earned = tierFor(
    program.tiers,
    knownValue ?? (await tierBasisValue(sql, program, customer.id, timeZone, now)),
  );
  if (earned.threshold <= current.threshold) return null;
  const moved = await moveTier(
    sql,
    {
      shop: customer.shop,
      customerId: customer.id,
      from: customer.tierName,
      fromLabel: current.name,
      to: earned.name,
      unlessOverridden: true,
      markDirty: false, // the order's ledger entry already marked the member's metafields dirty
      reason: storeCoded({
        code: "reached",
        values: {
          tier: earned.name,
          threshold: earned.threshold,
          basis: program.tierBasis,
          period: program.tierPeriod,
        },
      } satisfies TierReason),
    },
    now,
  );
  if (moved && flow)
    await enqueueTierChangedTriggers(
      sql,
      flow.shop,
      flow.source,
      [{ customerId: customer.id, tierChangeId: moved, from: current.name, to: earned.name }],
      now,
    );
  return moved ? earned.name : null;
}
