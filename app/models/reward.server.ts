// The shop's rewards catalogue.
import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { decode, type Sql } from "../db/sql.server";
import { defaultReward, type Reward } from "../loyalty/rewards";

const REWARD_COLUMNS = `id, title, kind, cost, value, "variantId", "minimumSubtotal", "tierNames", "codeLifetimeDays", "combinesWith", enabled`;

function reward(row: Record<string, unknown>): Reward {
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
  const rows = await sql.rows(`SELECT ${REWARD_COLUMNS} FROM "Reward" WHERE shop = ? AND enabled = TRUE ORDER BY position, cost`, [shop]);
  return rows.map(reward);
}

export async function rewardById(sql: Sql, shop: string, id: string): Promise<Reward | null> {
  const [row] = await sql.rows(`SELECT ${REWARD_COLUMNS} FROM "Reward" WHERE shop = ? AND id = ?`, [shop, id]);
  return row ? reward(row) : null;
}

export async function createReward(db: Db | Tx, shop: string, input: Omit<Reward, "id">, position = 0): Promise<string> {
  const row = await db.reward.create({
    data: { shop, ...input, tierNames: (input.tierNames ?? undefined) as Prisma.InputJsonValue | undefined, combinesWith: input.combinesWith as unknown as Prisma.InputJsonValue, position },
  });
  return row.id;
}

export function defaultRewardData(currencyExponent: number) {
  const input = defaultReward(currencyExponent);
  return { ...input, tierNames: undefined, combinesWith: input.combinesWith as unknown as Prisma.InputJsonValue };
}
