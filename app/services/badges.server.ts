// Awards badges (app/loyalty/badges.ts): the award row, the optional bonus points (ledger key
// badge:{badgeId}:{customerId}, with the "points earned" Flow trigger, source "badge") and the
// "badge earned" Flow trigger, all in the caller's transaction.
import type { Sql } from "../db/sql.server";
import { badgeBonusKey, type BadgeDefinition } from "../loyalty/badges";
import type { EngagementSettings } from "../loyalty/engagement";
import { insertBadge } from "../models/badge.server";
import { upsertMember } from "../models/customer.server";
import { engagementOf } from "../models/engagement.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { enqueueFlowTrigger } from "./flow-triggers.server";

export interface BadgeAwardContext {
  shop: string;
  customerId: string;
  engagement: EngagementSettings;
  /** The program's first tier, for Flow payloads of members without a stored tier. */
  defaultTier: string;
  orderId?: string | null;
}

/** Awards each badge the customer does not hold yet; returns the ids awarded by this call. */
export async function awardBadges(
  sql: Sql,
  context: BadgeAwardContext,
  badges: readonly BadgeDefinition[],
  now: Date,
): Promise<string[]> {
  const awarded: string[] = [];
  for (const badge of badges) {
    if (
      !(await insertBadge(
        sql,
        {
          shop: context.shop,
          customerId: context.customerId,
          badgeId: badge.id,
          name: badge.name,
          orderId: context.orderId ?? null,
        },
        now,
      ))
    )
      continue;
    awarded.push(badge.id);
    if (badge.bonusPoints > 0) {
      const bonusKey = badgeBonusKey(badge.id, context.customerId);
      const bonus = await appendLedgerEntry(
        sql,
        {
          shop: context.shop,
          customerId: context.customerId,
          kind: "earn",
          points: badge.bonusPoints,
          idempotencyKey: bonusKey,
          reason: `Badge: ${badge.name}`,
          snapshot: { rule: "badge", badgeId: badge.id, points: badge.bonusPoints },
        },
        now,
      );
      await markMetafieldsDirty(sql, context.shop, context.customerId, now);
      if (bonus.status === "applied" && context.engagement.flowTriggers.points_earned) {
        await enqueueFlowTrigger(
          sql,
          context.shop,
          {
            kind: "points_earned",
            customerId: context.customerId,
            eventKey: bonusKey,
            fields: { points: badge.bonusPoints, reason: `Badge: ${badge.name}`, source: "badge" },
            defaultTier: context.defaultTier,
          },
          now,
        );
      }
    }
    if (context.engagement.flowTriggers.badge_earned) {
      await enqueueFlowTrigger(
        sql,
        context.shop,
        {
          kind: "badge_earned",
          customerId: context.customerId,
          eventKey: `${badge.id}:${context.customerId}`,
          fields: { badge: badge.name, "badge id": badge.id, "bonus points": badge.bonusPoints },
          defaultTier: context.defaultTier,
        },
        now,
      );
    }
  }
  return awarded;
}

export type CustomBadgeOutcome =
  { status: "awarded" | "already_held"; customerId: string } | { status: "unknown_badge" };

/**
 * Awards a custom badge (one the merchant defined with kind "custom" and switched on) to a
 * customer, enrolling them if new. Used by the Flow action "Award loyalty badge".
 */
export async function awardCustomBadge(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  badgeId: string,
  now: Date,
): Promise<CustomBadgeOutcome> {
  const engagement = await engagementOf(sql, shop);
  const badge = engagement.badges.find(
    (candidate) =>
      candidate.id === badgeId && candidate.rule.kind === "custom" && candidate.enabled,
  );
  if (!badge) return { status: "unknown_badge" };
  const customer = await upsertMember(
    sql,
    shop.shop,
    { shopifyCustomerId, email: null, firstName: null, lastName: null },
    now,
  );
  const defaultTier = (await programOfVersion(sql, shop.programVersionId)).tiers[0].name;
  const awarded = await awardBadges(
    sql,
    { shop: shop.shop, customerId: customer.id, engagement, defaultTier },
    [badge],
    now,
  );
  return { status: awarded.length ? "awarded" : "already_held", customerId: customer.id };
}
