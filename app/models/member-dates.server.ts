// Members' birthdays ("MM-DD", decision 032) and the first-login mark: conditional updates, so two
// requests or two job runners never both win.
import { decode, type Sql } from "../db/sql.server";

export interface StoredBirthday {
  customerId: string;
  birthday: string | null;
  birthdaySetAt: Date | null;
}

export async function birthdayOfMember(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
): Promise<StoredBirthday | null> {
  const [row] = await sql.rows(
    `SELECT id, birthday, "birthdaySetAt" FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ? AND "redactedAt" IS NULL`,
    [shop, shopifyCustomerId],
  );
  if (!row) return null;
  return {
    customerId: String(row.id),
    birthday: (row.birthday as string | null) ?? null,
    birthdaySetAt: decode.optionalDate(row.birthdaySetAt),
  };
}

/**
 * Stores the birthday unless it was set after `lockedAfter` (a shopper changes it once per year);
 * false when the lock held (another request may have set it just now).
 */
export async function storeBirthday(
  sql: Sql,
  customerId: string,
  birthday: string,
  lockedAfter: Date,
  now: Date,
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE "Customer" SET birthday = ?, "birthdaySetAt" = ?, "updatedAt" = ?
     WHERE id = ? AND ("birthdaySetAt" IS NULL OR "birthdaySetAt" <= ?)`,
    [birthday, now, now, customerId, lockedAfter],
  );
  return changed > 0;
}

/**
 * A birthday from a CSV import (decision 042): only onto a member without one, and without
 * `birthdaySetAt`, so the shopper may still correct it once on their Rewards page.
 */
export async function importBirthday(
  sql: Sql,
  customerId: string,
  birthday: string,
  now: Date,
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE "Customer" SET birthday = ?, "updatedAt" = ? WHERE id = ? AND birthday IS NULL`,
    [birthday, now, customerId],
  );
  return changed > 0;
}

export interface BirthdayCandidate {
  id: string;
  birthday: string;
  birthdaySetAt: Date | null;
}

/** A keyset page of the shop's members celebrating on a day of `year` whose year is not handled yet. */
export async function birthdayCandidates(
  sql: Sql,
  shop: string,
  stored: readonly string[],
  year: number,
  afterId: string,
  limit: number,
): Promise<BirthdayCandidate[]> {
  const rows = await sql.rows(
    `SELECT id, birthday, "birthdaySetAt" FROM "Customer"
     WHERE shop = ? AND birthday IN (${stored.map(() => "?").join(", ")}) AND id > ?
       AND "redactedAt" IS NULL AND ("birthdayYear" IS NULL OR "birthdayYear" < ?)
     ORDER BY id LIMIT ${limit}`,
    [shop, ...stored, afterId, year],
  );
  return rows.map((row) => ({
    id: String(row.id),
    birthday: String(row.birthday),
    birthdaySetAt: decode.optionalDate(row.birthdaySetAt),
  }));
}

/** Marks `year` handled for the member; false when another run already did. */
export async function claimBirthdayYear(
  sql: Sql,
  customerId: string,
  year: number,
): Promise<boolean> {
  const claimed = await sql.run(
    `UPDATE "Customer" SET "birthdayYear" = ? WHERE id = ? AND ("birthdayYear" IS NULL OR "birthdayYear" < ?)`,
    [year, customerId, year],
  );
  return claimed > 0;
}

/** The member's id the first time they are seen signed in; null afterwards (or for a non-member). */
export async function markFirstLogin(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
  now: Date,
): Promise<string | null> {
  const [row] = await sql.rows(
    `UPDATE "Customer" SET "firstLoginAt" = ?, "updatedAt" = ?
     WHERE shop = ? AND "shopifyCustomerId" = ? AND "firstLoginAt" IS NULL AND "redactedAt" IS NULL RETURNING id`,
    [now, now, shop, shopifyCustomerId],
  );
  return row ? String(row.id) : null;
}

/** Whether the member has been seen signed in (a cheap read before the conditional write). */
export async function hasLoggedIn(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
): Promise<boolean | null> {
  const [row] = await sql.rows(
    `SELECT "firstLoginAt" FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`,
    [shop, shopifyCustomerId],
  );
  return row ? row.firstLoginAt !== null && row.firstLoginAt !== undefined : null;
}
