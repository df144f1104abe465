// The append-only points ledger. An entry is inserted with the change to the customer's cached
// figures in the same transaction; nothing here updates or deletes an entry.
import { randomUUID } from "node:crypto";
import { decode, planStable, type Sql } from "../db/sql.server";
import { MAX_MEMBER_POINTS } from "../loyalty/balance";
import type { LedgerKind } from "../loyalty/types";
import { memberIdSql, type MemberKey } from "./member-key.server";

/** SQL condition: entry `e` reserved points for a redemption that kept them (no release entry). */
export const keptRedeem = (e: string) =>
  `${e}.kind = 'redeem' AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" g WHERE g.shop = ${e}.shop AND g.kind = 'release' AND g."idempotencyKey" = replace(${e}."idempotencyKey", ':reserve', ':release'))`;

/**
 * Redemptions since `since` that kept their points: how many, the points they took, and how many
 * staff made at POS (a POS reservation carries the staff id, decision 043). Reads the ledger's
 * (shop, createdAt) index, so only the period's entries are visited.
 */
export async function redemptionsSince(
  sql: Sql,
  shop: string,
  since: Date,
): Promise<{ redemptions: number; points: number; atPos: number }> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS redemptions, COALESCE(-SUM(e.points), 0) AS points,
            COALESCE(SUM(CASE WHEN e."staffId" IS NOT NULL THEN 1 ELSE 0 END), 0) AS "atPos"
     FROM "LedgerEntry" e WHERE e.shop = ? AND e."createdAt" >= ? AND ${keptRedeem("e")}`,
    [shop, since],
  );
  return {
    redemptions: decode.int(row.redemptions),
    points: decode.int(row.points),
    atPos: decode.int(row.atPos),
  };
}

export interface NewLedgerEntry {
  shop: string;
  customerId: string;
  kind: LedgerKind;
  points: number;
  idempotencyKey: string;
  orderId?: string | null;
  correctsId?: string | null;
  reason?: string | null;
  staffId?: string | null;
  snapshot?: unknown;
  availableAt?: Date | null;
}

export interface LedgerEntryRef {
  id: string;
  kind: LedgerKind;
  points: number;
  customerId: string;
}

/** A spend that would take the balance below zero; thrown so the whole transaction rolls back. */
export class InsufficientPointsError extends Error {
  constructor(
    readonly customerId: string,
    readonly points: number,
  ) {
    super(`customer ${customerId} cannot spend ${-points} points`);
    this.name = "InsufficientPointsError";
  }
}

/**
 * An entry that would take a member's figures past MAX_MEMBER_POINTS; thrown so the whole
 * transaction rolls back. A RangeError: the webhook path answers it with a 422 and writes nothing.
 */
export class MemberPointsLimitError extends RangeError {
  constructor(
    readonly customerId: string,
    readonly points: number,
  ) {
    super(
      `${points} points would take the member's balance or lifetime points past ${MAX_MEMBER_POINTS.toLocaleString("en")}, the most one member can hold`,
    );
    this.name = "MemberPointsLimitError";
  }
}

// A member's figures after a change, compared in 64 bits.
// Pending points become balance when they mature (a job), so balance + pending must fit as well.
const within = (figure: string) =>
  `${figure} + ? BETWEEN -${MAX_MEMBER_POINTS + 1} AND ${MAX_MEMBER_POINTS}`;
const WITHIN_LIMITS = [
  `CAST(balance AS BIGINT)`,
  `CAST(pending AS BIGINT)`,
  `CAST(balance AS BIGINT) + pending`,
  `CAST("lifetimeEarned" AS BIGINT)`,
]
  .map(within)
  .join(" AND ");
const limitParams = (balance: number, pending: number, lifetime: number) => [
  balance,
  pending,
  balance + pending,
  lifetime,
];

export type AppendResult =
  /** balance: the member's cached balance just after this entry. */
  | { status: "applied"; entry: LedgerEntryRef; balance: number }
  | { status: "duplicate"; entry: LedgerEntryRef }
  | { status: "conflict"; entry: LedgerEntryRef };

/** Kinds that count towards lifetime earned points (and tier progress by points). */
const LIFETIME_KINDS: ReadonlySet<LedgerKind> = new Set(["earn", "import", "reverse"]);

export function countsTowardsLifetime(kind: LedgerKind, points: number): boolean {
  return LIFETIME_KINDS.has(kind) || (kind === "adjust" && points > 0);
}

/** SQL condition matching countsTowardsLifetime, for aggregates. */
export const LIFETIME_ENTRY_CONDITION = `(kind IN ('earn', 'import', 'reverse') OR (kind = 'adjust' AND points > 0))`;

/**
 * The entry already stored under `entry`'s idempotency key, as appendLedgerEntry would answer a
 * repeat of it: the same movement is a duplicate, a different one a conflict. Null when the key is new.
 */
export async function earlierEntry(
  sql: Sql,
  entry: Pick<NewLedgerEntry, "shop" | "idempotencyKey" | "kind" | "points" | "customerId">,
): Promise<Exclude<AppendResult, { status: "applied" }> | null> {
  const [existing] = await sql.rows<LedgerEntryRef>(
    `SELECT id, kind, points, "customerId" FROM "LedgerEntry" WHERE shop = ? AND "idempotencyKey" = ?`,
    [entry.shop, entry.idempotencyKey],
  );
  if (!existing) return null;
  const same =
    existing.points === entry.points &&
    existing.kind === entry.kind &&
    existing.customerId === entry.customerId;
  return { status: same ? "duplicate" : "conflict", entry: existing };
}

const INSERT_ENTRY =
  planStable(`INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", "orderId", "correctsId", reason, "staffId", snapshot, "availableAt", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop, "idempotencyKey") DO NOTHING`);
const INSERT_ENTRY_RETURNING_ID = planStable(`${INSERT_ENTRY} RETURNING id`);

const entryParams = (id: string, entry: NewLedgerEntry, now: Date) => [
  id,
  entry.shop,
  entry.customerId,
  entry.kind,
  entry.points,
  entry.idempotencyKey,
  entry.orderId ?? null,
  entry.correctsId ?? null,
  entry.reason ?? null,
  entry.staffId ?? null,
  entry.snapshot ?? null,
  entry.availableAt ?? null,
  now,
];

/** How an entry moves the member's cached figures: pending until availableAt, then balance. */
function figureChanges(entry: Pick<NewLedgerEntry, "kind" | "points" | "availableAt">, now: Date) {
  const pending = entry.availableAt != null && entry.availableAt > now;
  return {
    balanceChange: pending ? 0 : entry.points,
    pendingChange: pending ? entry.points : 0,
    lifetimeChange: countsTowardsLifetime(entry.kind, entry.points) ? entry.points : 0,
  };
}

const fits = (figure: number) => figure >= -(MAX_MEMBER_POINTS + 1) && figure <= MAX_MEMBER_POINTS;

/** The cached figures appendToLockedMember reads and returns. */
export interface LedgerFigures {
  balance: number;
  pending: number;
  lifetimeEarned: number;
}

/**
 * appendLedgerEntry for a member whose figures this transaction read under the member's row lock
 * (the webhook path's order customer): nothing can change them meanwhile, so the limits are checked
 * here and both writes travel with the next statement instead of costing a round trip each
 * (decision 044). Returns the figures after the entry. A key used before appends nothing and moves
 * no figure (the update requires this entry's row); the limits are checked again by the update,
 * which fails loudly (a NULL balance) rather than leave an entry without its figures. With
 * requireBalance (a spend) a balance that does not cover it is refused here (InsufficientPointsError)
 * and, should the read not have been locked after all, by the update in the same loud way.
 */
export function appendToLockedMember<T extends LedgerFigures>(
  sql: Sql,
  entry: NewLedgerEntry,
  figures: T,
  now: Date,
  options: {
    requireBalance?: boolean;
    /** More assignments to the member's row, made by the same update whether or not the entry is new. */
    alsoSet?: { text: string; params: unknown[] } | null;
  } = {},
): T {
  const { balanceChange, pendingChange, lifetimeChange } = figureChanges(entry, now);
  const after = {
    ...figures,
    balance: figures.balance + balanceChange,
    pending: figures.pending + pendingChange,
    lifetimeEarned: figures.lifetimeEarned + lifetimeChange,
  };
  if (
    !fits(after.balance) ||
    !fits(after.pending) ||
    !fits(after.balance + after.pending) ||
    !fits(after.lifetimeEarned)
  )
    throw new MemberPointsLimitError(entry.customerId, entry.points);
  if (options.requireBalance && after.balance < 0)
    throw new InsufficientPointsError(entry.customerId, entry.points);
  const id = randomUUID();
  const covered = options.requireBalance ? " AND balance + ? >= 0" : "";
  const balance = `CASE WHEN ${WITHIN_LIMITS}${covered} THEN balance + ? END`;
  const figureParams = [
    ...limitParams(balanceChange, pendingChange, lifetimeChange),
    ...(options.requireBalance ? [balanceChange] : []),
    balanceChange,
    pendingChange,
    lifetimeChange,
  ];
  const stored = `EXISTS (SELECT 1 FROM "LedgerEntry" WHERE shop = ? AND "idempotencyKey" = ? AND id = ?)`;
  const storedParams = [entry.shop, entry.idempotencyKey, id];
  sql.enqueue(INSERT_ENTRY, entryParams(id, entry, now));
  const { alsoSet } = options;
  if (!alsoSet)
    sql.enqueue(
      planStable(`UPDATE "Customer" SET balance = ${balance}, pending = pending + ?, "lifetimeEarned" = "lifetimeEarned" + ?, "updatedAt" = ?
     WHERE id = ? AND ${stored}`),
      [...figureParams, now, entry.customerId, ...storedParams],
    );
  else
    // The other assignments apply anyway, so the entry's being new moves only the figures.
    sql.enqueue(
      planStable(`UPDATE "Customer" SET balance = CASE WHEN NOT s.stored THEN balance ELSE ${balance} END,
     pending = pending + CASE WHEN s.stored THEN ? ELSE 0 END, "lifetimeEarned" = "lifetimeEarned" + CASE WHEN s.stored THEN ? ELSE 0 END,
     ${alsoSet.text}, "updatedAt" = ? FROM (SELECT ${stored} AS stored) s WHERE "Customer".id = ?`),
      [...figureParams, ...alsoSet.params, now, ...storedParams, entry.customerId],
    );
  return after;
}

/**
 * Appends an entry unless its idempotency key was used before: the same key with the same
 * movement returns the first entry; the same key with a different movement is a conflict that is
 * reported (and logged by the caller), never applied.
 */
export async function appendLedgerEntry(
  sql: Sql,
  entry: NewLedgerEntry,
  now: Date,
  options: { requireBalance?: boolean } = {},
): Promise<AppendResult> {
  const id = randomUUID();
  const inserted = await sql.rows(INSERT_ENTRY_RETURNING_ID, entryParams(id, entry, now));
  if (!inserted.length) return (await earlierEntry(sql, entry))!;
  const { balanceChange, pendingChange, lifetimeChange } = figureChanges(entry, now);
  // With requireBalance the update only matches while the balance covers the spend; on PostgreSQL a
  // concurrent spender waits for this row lock and then re-checks against the new balance. No update
  // matches either when a figure would leave the columns' range (compared in 64 bits, which
  // PostgreSQL would otherwise refuse with "integer out of range" and SQLite store unreadably).
  const [updated] = await sql.rows<{ balance: unknown }>(
    planStable(`UPDATE "Customer" SET balance = balance + ?, pending = pending + ?, "lifetimeEarned" = "lifetimeEarned" + ?, "updatedAt" = ?
     WHERE id = ? AND ${WITHIN_LIMITS}${options.requireBalance ? " AND balance + ? >= 0" : ""} RETURNING balance`),
    [
      balanceChange,
      pendingChange,
      lifetimeChange,
      now,
      entry.customerId,
      ...limitParams(balanceChange, pendingChange, lifetimeChange),
      ...(options.requireBalance ? [balanceChange] : []),
    ],
  );
  if (!updated) {
    // A spend that found too little is the usual reason; the limits are checked again to tell them
    // apart (a concurrent credit may have topped the balance up since, which is still "too little").
    const outOfRange =
      !options.requireBalance ||
      (
        await sql.rows(`SELECT 1 FROM "Customer" WHERE id = ? AND NOT (${WITHIN_LIMITS})`, [
          entry.customerId,
          ...limitParams(balanceChange, pendingChange, lifetimeChange),
        ])
      ).length > 0;
    throw outOfRange
      ? new MemberPointsLimitError(entry.customerId, entry.points)
      : new InsufficientPointsError(entry.customerId, entry.points);
  }
  return {
    status: "applied",
    entry: { id, kind: entry.kind, points: entry.points, customerId: entry.customerId },
    balance: decode.int(updated.balance),
  };
}

/** Points that count towards tiers by points earned, since `since`. */
export async function pointsEarnedSince(sql: Sql, member: MemberKey, since: Date): Promise<number> {
  const id = memberIdSql(member);
  const [row] = await sql.rows(
    `SELECT COALESCE(SUM(points), 0) AS total FROM "LedgerEntry" WHERE "customerId" = ${id.sql} AND "createdAt" >= ? AND ${LIFETIME_ENTRY_CONDITION}`,
    [...id.params, since],
  );
  return decode.int(row.total);
}
