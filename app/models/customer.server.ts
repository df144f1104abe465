import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db.server";
import { decode, planStable, type Sql } from "../db/sql.server";
import { memberSearchKeys } from "../loyalty/search-key";
import type { CustomerIdentity } from "../shopify/webhooks/order-delivery";

export type CustomerRow = NonNullable<Awaited<ReturnType<Tx["customer"]["findUnique"]>>>;

/** What the ledger's write path needs of a member. */
export interface MemberFigures {
  id: string;
  shop: string;
  shopifyCustomerId: string;
  tierName: string | null;
  tierOverride: string | null;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  orderCount: number;
  lifetimeSpend: number;
}

const MEMBER_COLUMNS = `id, shop, "shopifyCustomerId", "tierName", "tierOverride", balance, pending, "lifetimeEarned", "orderCount", "lifetimeSpend"`;

function member(row: Record<string, unknown>): MemberFigures {
  return {
    id: String(row.id),
    shop: String(row.shop),
    shopifyCustomerId: String(row.shopifyCustomerId),
    tierName: (row.tierName as string | null) ?? null,
    tierOverride: (row.tierOverride as string | null) ?? null,
    balance: decode.int(row.balance),
    pending: decode.int(row.pending),
    lifetimeEarned: decode.int(row.lifetimeEarned),
    orderCount: decode.int(row.orderCount),
    lifetimeSpend: decode.int(row.lifetimeSpend),
  };
}

/**
 * Finds or enrols the customer; known personal fields are refreshed, absent ones left alone. A
 * known customer whose fields are unchanged (nearly every repeat order) is not rewritten: the
 * update would rewrite the row and its email and name index entries for nothing (decision 023).
 * On PostgreSQL the conflicting row is locked either way, so the figures returned hold until the
 * transaction ends. The read of the figures is sent with the upsert (one round trip, decision 044).
 */
export async function upsertMember(
  sql: Sql,
  shop: string,
  identity: CustomerIdentity,
  now: Date,
): Promise<MemberFigures> {
  const keys = memberSearchKeys(identity);
  const figuresOf = () =>
    sql.rows(
      `SELECT ${MEMBER_COLUMNS} FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`,
      [shop, identity.shopifyCustomerId],
    );
  const [[written], [figures]] = await Promise.all([
    sql.rows(
      planStable(`INSERT INTO "Customer" (id, shop, "shopifyCustomerId", email, "firstName", "lastName", "searchName", "searchSurname", "searchEmail", "shopifyCreatedAt", "enrolledAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (shop, "shopifyCustomerId") DO UPDATE SET
       email = COALESCE(excluded.email, "Customer".email),
       "firstName" = COALESCE(excluded."firstName", "Customer"."firstName"),
       "lastName" = COALESCE(excluded."lastName", "Customer"."lastName"),
       "shopifyCreatedAt" = COALESCE("Customer"."shopifyCreatedAt", excluded."shopifyCreatedAt"),
       "updatedAt" = excluded."updatedAt"
     WHERE COALESCE(excluded.email, "Customer".email) IS DISTINCT FROM "Customer".email
        OR COALESCE(excluded."firstName", "Customer"."firstName") IS DISTINCT FROM "Customer"."firstName"
        OR COALESCE(excluded."lastName", "Customer"."lastName") IS DISTINCT FROM "Customer"."lastName"
        OR ("Customer"."shopifyCreatedAt" IS NULL AND excluded."shopifyCreatedAt" IS NOT NULL)
     RETURNING id, email, "firstName", "lastName", "searchName", "searchSurname", "searchEmail"`),
      [
        randomUUID(),
        shop,
        identity.shopifyCustomerId,
        identity.email,
        identity.firstName,
        identity.lastName,
        keys.searchName,
        keys.searchSurname,
        keys.searchEmail,
        identity.createdAt ?? null,
        now,
        now,
        now,
      ],
    ),
    sql.rows(
      `SELECT ${MEMBER_COLUMNS} FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`,
      [shop, identity.shopifyCustomerId],
    ),
  ]);
  if (written) refreshSearchKeys(sql, written);
  // Outside a transaction the pool may run the read on another connection before the insert: a new
  // member is then read again, now that the upsert has committed.
  return member(figures ?? (await figuresOf())[0]);
}

/**
 * The search keys of a member whose names or email were just written (decision 035); rewritten only
 * when they changed (a known customer's merged fields can differ from what the delivery carried).
 */
function refreshSearchKeys(sql: Sql, row: Record<string, unknown>): void {
  const keys = memberSearchKeys({
    email: row.email as string | null,
    firstName: row.firstName as string | null,
    lastName: row.lastName as string | null,
  });
  if (
    keys.searchName === ((row.searchName as string | null) ?? null) &&
    keys.searchSurname === ((row.searchSurname as string | null) ?? null) &&
    keys.searchEmail === ((row.searchEmail as string | null) ?? null)
  )
    return;
  sql.enqueue(
    `UPDATE "Customer" SET "searchName" = ?, "searchSurname" = ?, "searchEmail" = ? WHERE id = ?`,
    [keys.searchName, keys.searchSurname, keys.searchEmail, row.id],
  );
}

/** The Tally id of a shop's customer by their Shopify id; null when Tally does not know them. */
export async function memberIdFor(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
): Promise<string | null> {
  const [row] = await sql.rows<{ id: string }>(
    `SELECT id FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`,
    [shop, shopifyCustomerId],
  );
  return row?.id ?? null;
}

export async function memberById(sql: Sql, id: string): Promise<MemberFigures> {
  const [row] = await sql.rows(`SELECT ${MEMBER_COLUMNS} FROM "Customer" WHERE id = ?`, [id]);
  if (!row) throw new Error(`customer ${id} not found`);
  return member(row);
}

/**
 * A member's figures, locked until the transaction ends (FOR NO KEY UPDATE on PostgreSQL, as the
 * UPDATE of its figures would lock it; SQLite's transactions hold the write lock already).
 */
export async function lockedMemberById(sql: Sql, id: string): Promise<MemberFigures> {
  const [row] = await sql.rows(
    planStable(
      `SELECT ${MEMBER_COLUMNS} FROM "Customer" WHERE id = ?${sql.dialect === "postgresql" ? " FOR NO KEY UPDATE" : ""}`,
    ),
    [id],
  );
  if (!row) throw new Error(`customer ${id} not found`);
  return member(row);
}

/**
 * The member an order belongs to, locked for the rest of the transaction (SQLite's writer holds the
 * whole database anyway); null for a guest order or an order not stored. Sent after the order's
 * merge in the same round trip, it reads the customer the merge left on the order.
 */
export async function lockedMemberOfOrder(
  sql: Sql,
  shop: string,
  shopifyOrderId: string,
): Promise<MemberFigures | null> {
  const [row] = await sql.rows(
    `SELECT ${MEMBER_COLUMNS} FROM "Customer" WHERE id = (SELECT "customerId" FROM "Order" WHERE shop = ? AND "shopifyOrderId" = ?)${sql.dialect === "postgresql" ? " FOR UPDATE" : ""}`,
    [shop, shopifyOrderId],
  );
  return row ? member(row) : null;
}

/**
 * Counts a newly paid order of a member this transaction has not locked yet; returns the figures
 * after counting (the row is now locked). The first count also stamps firstOrderAt, which
 * onboarding journeys are timed from (only the first: a customer counted before the column existed
 * keeps null rather than a later order's time). A locked member's count is an OrderTally instead.
 */
export async function countOrder(
  sql: Sql,
  figures: MemberFigures,
  now: Date,
): Promise<MemberFigures> {
  const [row] = await sql.rows(
    `UPDATE "Customer" SET ${ORDER_COUNTED}, "updatedAt" = ? WHERE id = ? RETURNING ${MEMBER_COLUMNS}`,
    [now, now, figures.id],
  );
  return member(row);
}

const ORDER_COUNTED = `"orderCount" = "orderCount" + 1, "firstOrderAt" = CASE WHEN "orderCount" = 0 THEN ? ELSE "firstOrderAt" END`;

/**
 * What an order adds to the row of a member this transaction holds locked: its count (as
 * countOrder) and the change of its counted spend. Written by the same update as the order's ledger
 * entry when it has one (appendToLockedMember's `alsoSet`), else by writeOrderTally: a second update
 * of the row would write every index of Customer again on PostgreSQL (decision 055).
 */
export interface OrderTally {
  counted: boolean;
  spendChange: number;
}

/** The tally as assignments of an UPDATE "Customer"; null when it changes nothing. */
export function orderTallyAssignments(
  tally: OrderTally,
  now: Date,
): { text: string; params: unknown[] } | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (tally.counted) {
    parts.push(ORDER_COUNTED);
    params.push(now);
  }
  if (tally.spendChange !== 0) {
    parts.push(`"lifetimeSpend" = "lifetimeSpend" + ?`);
    params.push(tally.spendChange);
  }
  return parts.length ? { text: parts.join(", "), params } : null;
}

export function writeOrderTally(sql: Sql, id: string, tally: OrderTally, now: Date): void {
  const assignments = orderTallyAssignments(tally, now);
  if (assignments)
    sql.enqueue(`UPDATE "Customer" SET ${assignments.text}, "updatedAt" = ? WHERE id = ?`, [
      ...assignments.params,
      now,
      id,
    ]);
}

/** An order counted by countOrder moved to another customer (decision 027). */
export function uncountOrder(sql: Sql, id: string, now: Date): void {
  sql.enqueue(
    `UPDATE "Customer" SET "orderCount" = "orderCount" - 1, "updatedAt" = ? WHERE id = ? AND "orderCount" > 0`,
    [now, id],
  );
}

export async function findCustomer(
  db: Db | Tx,
  shop: string,
  shopifyCustomerId: string,
): Promise<CustomerRow | null> {
  return db.customer.findUnique({ where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } } });
}
