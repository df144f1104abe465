// What a shopper sees of the program (design §4, GET /api/loyalty): balance, tier progress, the
// rewards they can redeem and their recent history.
import type { PointsExpiring, ShopperLoyalty, ShopperReferral } from "../contracts/shopper-api";
import { decode, type Sql } from "../db/sql.server";
import { birthdayChangeableFrom, parseBirthday } from "../loyalty/birthday";
import { historyLine } from "../loyalty/history-line";
import { rewardAvailability } from "../loyalty/rewards";
import { nextExpiry } from "../loyalty/expiry";
import type { Program, ReferralRule } from "../loyalty/types";
import { friendDiscountOf, waysToEarn } from "../loyalty/ways-to-earn";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { badgesOf } from "../models/badge.server";
import { engagementOf } from "../models/engagement.server";
import { enabledRewards } from "../models/reward.server";
import { loyaltyStatus } from "./loyalty-status.server";
import { movementsOf } from "./point-expiry.server";
import { isTakenBackReason } from "./redemption-usage.server";
import { referralCodeOfMember, referralLink } from "./referrals.server";
import { currentTier } from "./tiers.server";

const HISTORY_LENGTH = 20;

type Standing = Pick<ShopperLoyalty, "balance" | "pending" | "tier" | "nextTier" | "rewards">;

/**
 * Balance, tier progress and the rewards of the member's tier with what they can afford: what the
 * account page and POS show first. `member` null: a customer Tally has no record of yet.
 */
export async function memberStanding(
  sql: Sql,
  shop: ShopContext,
  program: Program,
  member: { id: string; tierName: string | null; balance: number; pending: number } | null,
  now: Date,
): Promise<{ figures: Standing; status: { tier: { name: string; multiplier: number } } }> {
  const status = member
    ? await loyaltyStatus(sql, program, member, shop.timeZone, now)
    : {
        balance: 0,
        pending: 0,
        tier: currentTier(program, null),
        nextTier: program.tiers[1]
          ? {
              name: program.tiers[1].name,
              threshold: program.tiers[1].threshold,
              remaining: program.tiers[1].threshold,
            }
          : null,
      };
  const rewards = await enabledRewards(sql, shop.shop);
  return {
    status,
    figures: {
      balance: status.balance,
      pending: status.pending,
      tier: { name: status.tier.name, multiplier: status.tier.multiplier / 100 },
      nextTier: status.nextTier,
      rewards: rewards
        .filter((reward) => !reward.tierNames || reward.tierNames.includes(status.tier.name))
        .map((reward) => ({
          id: reward.id,
          title: reward.title,
          cost: reward.cost,
          affordable: rewardAvailability(reward, {
            balance: status.balance,
            tierName: status.tier.name,
          }).available,
        })),
    },
  };
}

function describe(kind: string, reason: string | null, orderName: string | null): string {
  if (orderName)
    return kind === "reverse" ? `Order ${orderName}: refund or cancellation` : `Order ${orderName}`;
  if (kind === "redeem" && isTakenBackReason(reason)) return reason!;
  if (kind === "redeem") return `Redeemed: ${reason ?? "reward"}`;
  if (kind === "release") return "Points returned: reward not used";
  if (kind === "expire") return "Points expired";
  return reason ?? kind;
}

export async function shopperLoyalty(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  now: Date,
  /** The app's public URL: the referral link points at its landing route. */
  appUrl: string,
): Promise<ShopperLoyalty> {
  const program = await programOfVersion(sql, shop.programVersionId);
  const [member] = await sql.rows(
    `SELECT c.id, c."tierName", c.balance, c.pending, c."orderCount", c."lifetimeSpend", c."firstLoginAt", c.birthday, c."birthdaySetAt", m."customerId" AS "leaderboardMember" FROM "Customer" c LEFT JOIN "LeaderboardMember" m ON m."customerId" = c.id WHERE c.shop = ? AND c."shopifyCustomerId" = ?`,
    [shop.shop, shopifyCustomerId],
  );
  const figures = member
    ? {
        id: String(member.id),
        tierName: (member.tierName as string | null) ?? null,
        balance: decode.int(member.balance),
        pending: decode.int(member.pending),
      }
    : null;
  const standing = await memberStanding(sql, shop, program, figures, now);
  const { status } = standing;
  const history = figures
    ? await sql.rows(
        `SELECT e."createdAt" AS at, e.points, e.kind, e.reason, o.name AS "orderName" FROM "LedgerEntry" e LEFT JOIN "Order" o ON o.id = e."orderId"
         WHERE e."customerId" = ? ORDER BY e."createdAt" DESC LIMIT ${HISTORY_LENGTH}`,
        [figures.id],
      )
    : [];
  const [held, engagement] = await Promise.all([
    figures ? badgesOf(sql, figures.id) : [],
    engagementOf(sql, shop),
  ]);
  const birthday = parseBirthday((member?.birthday as string | null) ?? null);
  const referral =
    figures && shop.programEnabled && program.referrals.enabled
      ? await shopperReferral(sql, shop, program.referrals, figures.id, appUrl)
      : null;
  const descriptions = new Map(engagement.badges.map((badge) => [badge.id, badge.description]));
  return {
    ...standing.figures,
    history: history.map((entry) => ({
      at: decode.date(entry.at).toISOString(),
      points: decode.int(entry.points),
      kind: String(entry.kind),
      description: describe(
        String(entry.kind),
        (entry.reason as string | null) ?? null,
        (entry.orderName as string | null) ?? null,
      ),
      line: historyLine(
        String(entry.kind),
        (entry.reason as string | null) ?? null,
        (entry.orderName as string | null) ?? null,
      ),
    })),
    leaderboard: {
      enabled: engagement.leaderboard.enabled,
      optedIn: Boolean(member?.leaderboardMember),
    },
    badges: held.map((badge) => ({
      id: badge.badgeId,
      name: badge.name,
      description: descriptions.get(badge.badgeId) ?? "",
      awardedAt: badge.awardedAt.toISOString(),
    })),
    // A program the merchant switched off earns nothing, so it offers no ways to earn.
    waysToEarn: shop.programEnabled
      ? waysToEarn(
          program,
          {
            tier: status.tier,
            orderCount: decode.int(member?.orderCount),
            lifetimeSpend: decode.int(member?.lifetimeSpend),
            signedIn: decode.optionalDate(member?.firstLoginAt) !== null,
            referralLink: referral?.link ?? null,
          },
          shop.currencyCode,
        )
      : [],
    birthday: birthday && {
      ...birthday,
      changeableFrom:
        birthdayChangeableFrom(decode.optionalDate(member?.birthdaySetAt), now)?.toISOString() ??
        null,
    },
    referral,
    expiring: figures ? await expiringOf(sql, program, figures.id, now) : null,
  };
}

/** The member's next expiring points, from the program's rule and their ledger. */
export async function expiringOf(
  sql: Sql,
  program: Program,
  customerId: string,
  now: Date,
): Promise<PointsExpiring | null> {
  if (program.expiry.mode === "none") return null;
  const movements = (await movementsOf(sql, [customerId])).get(customerId) ?? [];
  const next = nextExpiry(movements, program.expiry, now);
  return next && { points: next.points, at: next.at.toISOString() };
}

/** The member's referral code and link (the code is made on first use) and what it offers. */
export async function shopperReferral(
  sql: Sql,
  shop: ShopContext,
  rule: ReferralRule,
  customerId: string,
  appUrl: string,
): Promise<ShopperReferral> {
  const code = await referralCodeOfMember(sql, customerId);
  return {
    code,
    link: referralLink(appUrl, shop.shop, code),
    advocatePoints: rule.advocatePoints,
    friendDiscount: friendDiscountOf(rule, shop.currencyExponent, shop.currencyCode),
  };
}
