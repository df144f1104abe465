// The rewards catalogue as the admin edits it: validated with the domain's reward rules.
import { adminText } from "../i18n";
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { validateReward } from "../loyalty/rewards";
import { createReward, updateReward } from "../models/reward.server";
import { toFieldErrors, type FieldErrors } from "../loyalty/plain-issues";

export type RewardSaveOutcome =
  | { status: "saved"; id: string }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "not_found" };

/** Creates (id = null) or updates a reward; tier restrictions must name tiers of the program. */
export async function saveReward(
  db: Db,
  sql: Sql,
  shop: string,
  id: string | null,
  input: unknown,
  tierNames: string[],
  now: Date,
): Promise<RewardSaveOutcome> {
  const { currencyExponent } = await db.shop.findUniqueOrThrow({
    where: { shop },
    select: { currencyExponent: true },
  });
  const validation = validateReward(input, currencyExponent);
  if (!validation.ok) return { status: "invalid", errors: toFieldErrors(validation.errors) };
  const unknownTier = validation.reward.tierNames?.find((name) => !tierNames.includes(name));
  if (unknownTier)
    return {
      status: "invalid",
      errors: { tierNames: adminText.validation.reward.unknownTier(unknownTier) },
    };
  if (id === null) {
    const count = await db.reward.count({ where: { shop } });
    return { status: "saved", id: await createReward(db, shop, validation.reward, count) };
  }
  return (await updateReward(sql, shop, id, validation.reward, now))
    ? { status: "saved", id }
    : { status: "not_found" };
}
