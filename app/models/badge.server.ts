// Badges customers earned. The unique (customer, badge) row is the award: inserting it is what
// decides, under duplicate or concurrent deliveries, which one transaction awards the badge.
import { randomUUID } from "node:crypto";
import { decode, type Sql } from "../db/sql.server";
import { memberIdSql, type MemberKey } from "./member-key.server";

/** True when this call awarded the badge; false when the customer already had it. */
export async function insertBadge(
  sql: Sql,
  award: {
    shop: string;
    customerId: string;
    badgeId: string;
    name: string;
    orderId: string | null;
  },
  now: Date,
): Promise<boolean> {
  const inserted = await sql.rows(
    `INSERT INTO "CustomerBadge" (id, shop, "customerId", "badgeId", name, "orderId", "awardedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("customerId", "badgeId") DO NOTHING RETURNING id`,
    [randomUUID(), award.shop, award.customerId, award.badgeId, award.name, award.orderId, now],
  );
  return inserted.length > 0;
}

export interface HeldBadge {
  badgeId: string;
  name: string;
  awardedAt: Date;
}

export async function badgesOf(sql: Sql, member: MemberKey): Promise<HeldBadge[]> {
  const id = memberIdSql(member);
  const rows = await sql.rows(
    `SELECT "badgeId", name, "awardedAt" FROM "CustomerBadge" WHERE "customerId" = ${id.sql} ORDER BY "awardedAt", "badgeId"`,
    id.params,
  );
  return rows.map((row) => ({
    badgeId: String(row.badgeId),
    name: String(row.name),
    awardedAt: decode.date(row.awardedAt),
  }));
}
