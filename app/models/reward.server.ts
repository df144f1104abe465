// The shop's rewards catalogue.
import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { decode, type Sql } from "../db/sql.server";
import { defaultReward, type Reward } from "../loyalty/rewards";

/** The columns rewardOf reads (no `shop`: reads that join other tables keep theirs apart). */
export const REWARD_COLUMNS = `id, title, kind, cost, value, "variantId", "minimumSubtotal", "tierNames", "codeLifetimeDays", "combinesWith", enabled`;

export function rewardOf(row: Record<string, unknown>): Reward {
  return {
    id: String(row.id),
    title: String(row.title),
    kind: row.kind as Reward["kind"],
    cost: decode.int(row.cost),
    value: row.value == null ? null : decode.int(row.value),
    variantId: (row.variantId as string | null) ?? null,
    minimumSubtotal: row.minimumSubtotal == null ? null : decode.int(row.minimumSubtotal),
    tierNames: row.tierNames == null ? null : decode.json<string[]>(row.tierNames),
    codeLifetimeDays: decode.int(row.codeLifetimeDays),
    combinesWith: decode.json(row.combinesWith),
    enabled: decode.bool(row.enabled),
  };
}

export async function enabledRewards(sql: Sql, shop: string): Promise<Reward[]> {
  const rows = await sql.rows(
    `SELECT ${REWARD_COLUMNS} FROM "Reward" WHERE shop = ? AND enabled = TRUE ORDER BY position, cost`,
    [shop],
  );
  return rows.map(rewardOf);
}

export async function rewardById(sql: Sql, shop: string, id: string): Promise<Reward | null> {
  const [row] = await sql.rows(`SELECT ${REWARD_COLUMNS} FROM "Reward" WHERE shop = ? AND id = ?`, [
    shop,
    id,
  ]);
  return row ? rewardOf(row) : null;
}

export async function createReward(
  db: Db | Tx,
  shop: string,
  input: Omit<Reward, "id">,
  position = 0,
): Promise<string> {
  const row = await db.reward.create({
    data: {
      shop,
      ...input,
      tierNames: (input.tierNames ?? undefined) as Prisma.InputJsonValue | undefined,
      combinesWith: input.combinesWith as unknown as Prisma.InputJsonValue,
      position,
    },
  });
  return row.id;
}

export function defaultRewardData(currencyExponent: number) {
  const input = defaultReward(currencyExponent);
  return {
    ...input,
    tierNames: undefined,
    combinesWith: input.combinesWith as unknown as Prisma.InputJsonValue,
  };
}

/** Every reward of the shop, offered or not, in catalogue order (the admin's list). */
export async function listRewards(db: Db | Tx, shop: string): Promise<Reward[]> {
  const rows = await db.reward.findMany({
    where: { shop },
    orderBy: [{ position: "asc" }, { cost: "asc" }],
  });
  return rows.map((row) => rewardOf(row as unknown as Record<string, unknown>));
}

export async function findReward(db: Db | Tx, shop: string, id: string): Promise<Reward | null> {
  const row = await db.reward.findFirst({ where: { shop, id } });
  return row ? rewardOf(row as unknown as Record<string, unknown>) : null;
}

/** Updates a reward of this shop; false when it does not exist here. Redemptions keep their own copy. */
export async function updateReward(
  sql: Sql,
  shop: string,
  id: string,
  input: Omit<Reward, "id">,
  now: Date,
): Promise<boolean> {
  // Through the SQL port: a JSON null (every tier) is written the same way on both databases.
  const changed = await sql.run(
    `UPDATE "Reward" SET title = ?, kind = ?, cost = ?, value = ?, "variantId" = ?, "minimumSubtotal" = ?, "tierNames" = ?, "codeLifetimeDays" = ?, "combinesWith" = ?, enabled = ?, "updatedAt" = ? WHERE shop = ? AND id = ?`,
    [
      input.title,
      input.kind,
      input.cost,
      input.value,
      input.variantId,
      input.minimumSubtotal,
      input.tierNames,
      input.codeLifetimeDays,
      input.combinesWith,
      input.enabled,
      now,
      shop,
      id,
    ],
  );
  return changed === 1;
}

/**
 * Deletes a reward nobody redeemed; one with redemptions is switched off instead, because those
 * redemptions (and their history) refer to it.
 */
export async function deleteReward(
  db: Db,
  shop: string,
  id: string,
): Promise<"deleted" | "disabled" | "not_found"> {
  return db.$transaction(async (tx) => {
    const existing = await tx.reward.findFirst({
      where: { shop, id },
      select: { id: true, _count: { select: { redemptions: true } } },
    });
    if (!existing) return "not_found";
    if (existing._count.redemptions > 0) {
      await tx.reward.update({ where: { id }, data: { enabled: false } });
      return "disabled";
    }
    await tx.reward.delete({ where: { id } });
    return "deleted";
  });
}
