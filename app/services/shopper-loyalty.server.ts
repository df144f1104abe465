// What a shopper sees of the program (design §4, GET /api/loyalty): balance, tier progress, the
// rewards they can redeem and their recent history.
import type {
  PointsExpiring,
  ShopperBadge,
  ShopperBadgeRule,
  ShopperLoyalty,
  ShopperReferral,
} from "../contracts/shopper-api";
import type { BadgeDefinition, BadgeRule } from "../loyalty/badges";
import { tallysBadgeTexts } from "../loyalty/engagement";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { birthdayChangeableFrom, parseBirthday } from "../loyalty/birthday";
import { historyLine } from "../loyalty/history-line";
import { rewardAvailability, type Reward } from "../loyalty/rewards";
import { nextExpiry, nextExpiryFromNewestLots, nextInactivityExpiry } from "../loyalty/expiry";
import type { Program, ReferralRule } from "../loyalty/types";
import { friendDiscountOf, waysToEarn } from "../loyalty/ways-to-earn";
import {
  parsedProgramOfVersion,
  programOfVersion,
  SHOP_CONTEXT_COLUMNS,
  shopContext,
  shopContextOf,
  type ShopContext,
} from "../models/program.server";
import { badgesOf } from "../models/badge.server";
import { memberIdSql, type MemberKey } from "../models/member-key.server";
import { engagementOf } from "../models/engagement.server";
import { enabledRewards } from "../models/reward.server";
import { recordSignIn } from "./first-login.server";
import { loyaltyStatus, statusAtValue, type LoyaltyStatus } from "./loyalty-status.server";
import { movementsOf } from "./point-expiry.server";
import { isTakenBackReason } from "./redemption-usage.server";
import { referralCodeOfMember, referralLink } from "./referrals.server";
import { currentTier, tierBasisValue, tierValueIsLifetimeEarned } from "./tiers.server";

const HISTORY_LENGTH = 20;

type Standing = Pick<ShopperLoyalty, "balance" | "pending" | "tier" | "nextTier" | "rewards">;

/** What the member's figures come to for the account page and POS: balance, tier, their rewards. */
function standingFigures(program: Program, status: LoyaltyStatus, rewards: Reward[]): Standing {
  return {
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
  };
}

/** A customer Tally has no record of yet: nothing held, the entry tier, the first step ahead. */
function newcomerStatus(program: Program): LoyaltyStatus {
  return {
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
}

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
  const [status, rewards] = await Promise.all([
    member ? loyaltyStatus(sql, program, member, shop.timeZone, now) : newcomerStatus(program),
    enabledRewards(sql, shop.shop),
  ]);
  return { status, figures: standingFigures(program, status, rewards) };
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

/** The member's row as the shopper API reads it. */
interface MemberRow {
  id: string;
  tierName: string | null;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  orderCount: number;
  lifetimeSpend: number;
  firstLoginAt: Date | null;
  birthday: string | null;
  birthdaySetAt: Date | null;
  referralCode: string | null;
  leaderboardMember: boolean;
}

const MEMBER_COLUMNS = `c.id, c."tierName", c.balance, c.pending, c."lifetimeEarned", c."orderCount", c."lifetimeSpend", c."firstLoginAt", c.birthday, c."birthdaySetAt", c."referralCode", l."customerId" AS "leaderboardMember"`;

function memberOf(row: Record<string, unknown> | undefined): MemberRow | null {
  return row && row.id != null
    ? {
        id: String(row.id),
        tierName: (row.tierName as string | null) ?? null,
        balance: decode.int(row.balance),
        pending: decode.int(row.pending),
        lifetimeEarned: decode.int(row.lifetimeEarned),
        orderCount: decode.int(row.orderCount),
        lifetimeSpend: decode.int(row.lifetimeSpend),
        firstLoginAt: decode.optionalDate(row.firstLoginAt),
        birthday: (row.birthday as string | null) ?? null,
        birthdaySetAt: decode.optionalDate(row.birthdaySetAt),
        referralCode: (row.referralCode as string | null) ?? null,
        leaderboardMember: Boolean(row.leaderboardMember),
      }
    : null;
}

/**
 * The shop's context (program version, time zone, …) and the member's row in one statement: no row
 * when the shop is not installed, the context with a null member when Tally has no record of them.
 */
async function shopAndMember(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
): Promise<{ context: ShopContext | null; member: MemberRow | null }> {
  const [row] = await sql.rows(
    `SELECT ${SHOP_CONTEXT_COLUMNS}, m.* FROM "Shop" s LEFT JOIN (
       SELECT ${MEMBER_COLUMNS} FROM "Customer" c LEFT JOIN "LeaderboardMember" l ON l."customerId" = c.id
       WHERE c.shop = ? AND c."shopifyCustomerId" = ?) m ON TRUE
     WHERE s.shop = ?`,
    [shop, shopifyCustomerId, shop],
  );
  return { context: shopContextOf(shop, row), member: memberOf(row) };
}

/**
 * Everything the shopper API reads about a member, sent at once: each read finds the member by
 * their Shopify id itself, so on PostgreSQL (in readTogether) they share one round trip whatever
 * the member's history. The reads are shaped by `assumed`, the shop's context as last seen; the
 * context read with them (`context`) says whether that still holds. Nothing here grows with the
 * ledger: the history is its newest page, the expiry line reads the live lots only (expiringOf),
 * lifetime tier values are a cached figure.
 */
async function readShopperView(
  sql: Sql,
  assumed: ShopContext,
  program: Program,
  shopifyCustomerId: string,
  now: Date,
) {
  const key: MemberKey = { shop: assumed.shop, shopifyCustomerId };
  const first = shopAndMember(sql, assumed.shop, shopifyCustomerId);
  const member = first.then((read) => read.member);
  const counted = tierValueIsLifetimeEarned(program)
    ? null
    : tierBasisValue(sql, program, key, assumed.timeZone, now);
  const id = memberIdSql(key);
  const [{ context }, row, tierValue, rewards, history, held, engagement, expiring] =
    await Promise.all([
      first,
      member,
      counted,
      enabledRewards(sql, assumed.shop),
      sql.rows(
        `SELECT e."createdAt" AS at, e.points, e.kind, e.reason, o.name AS "orderName" FROM "LedgerEntry" e LEFT JOIN "Order" o ON o.id = e."orderId"
       WHERE e."customerId" = ${id.sql} ORDER BY e."createdAt" DESC LIMIT ${HISTORY_LENGTH}`,
        id.params,
      ),
      badgesOf(sql, key),
      engagementOf(sql, assumed),
      expiringOf(sql, program, key, member, now),
    ]);
  const status = row
    ? statusAtValue(program, row, tierValue ?? row.lifetimeEarned)
    : newcomerStatus(program);
  return { context, member: row, status, rewards, history, held, engagement, expiring };
}

type ShopperView = Omit<Awaited<ReturnType<typeof readShopperView>>, "context">;

// The shop's context as this process last read it, per shop: the reads of a request are shaped by
// it and sent together with a fresh read of it, which decides whether the answer stands.
const lastSeenContexts = new Map<string, ShopContext>();
const MAX_SHOPS_SEEN = 1000;

const sameContext = (a: ShopContext, b: ShopContext) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The member's view in one round trip on PostgreSQL when the shop's context is the one last seen
 * (nearly always); after a change of program, time zone or settings (on any instance) the fresh
 * context is seen in that same round trip and the reads are made again with it, so no answer is
 * shaped by a stale program. Null: the shop is not installed.
 */
async function readView(
  db: SqlDatabase,
  shopDomain: string,
  shopifyCustomerId: string,
  now: Date,
): Promise<{ shop: ShopContext; program: Program; view: ShopperView } | null> {
  const lastSeen = lastSeenContexts.get(shopDomain);
  // A context whose program this process no longer holds parsed is read afresh (the version may
  // be gone with an uninstall), rather than assumed.
  let assumed =
    lastSeen && parsedProgramOfVersion(lastSeen.programVersionId)
      ? lastSeen
      : await shopContext(db, shopDomain);
  while (assumed) {
    const program = await programOfVersion(db, assumed.programVersionId);
    const shaped = assumed;
    const { context, ...view } = await db.readTogether((sql) =>
      readShopperView(sql, shaped, program, shopifyCustomerId, now),
    );
    if (!context) break;
    if (lastSeenContexts.size >= MAX_SHOPS_SEEN) lastSeenContexts.clear();
    lastSeenContexts.set(shopDomain, context);
    if (sameContext(context, shaped)) return { shop: context, program, view };
    assumed = context;
  }
  lastSeenContexts.delete(shopDomain);
  return null;
}

/** The referral code, the shop's program enabled and referrals on: what the answer offers. */
async function referralOf(
  db: SqlDatabase,
  shop: ShopContext,
  program: Program,
  member: MemberRow | null,
  appUrl: string,
): Promise<ShopperReferral | null> {
  return member && shop.programEnabled && program.referrals.enabled
    ? shopperReferral(db, shop, program.referrals, member.id, appUrl, member.referralCode)
    : null;
}

/** A held badge with what the extension may word in the shopper's language (decision 053). */
function shopperBadge(
  held: { badgeId: string; name: string; awardedAt: Date },
  definition: BadgeDefinition | undefined,
  currencyExponent: number,
  currency: string,
): ShopperBadge {
  const badge: ShopperBadge = {
    id: held.badgeId,
    name: held.name,
    description: definition?.description ?? "",
    awardedAt: held.awardedAt.toISOString(),
  };
  if (!definition) return badge;
  const own = tallysBadgeTexts(definition, held.name, currencyExponent);
  if (own.name) badge.shippedName = true;
  if (own.description) badge.rule = shopperBadgeRule(definition.rule, currencyExponent, currency);
  return badge;
}

function shopperBadgeRule(
  rule: BadgeRule,
  currencyExponent: number,
  currency: string,
): ShopperBadgeRule | undefined {
  switch (rule.kind) {
    case "first_order":
      return { kind: "first_order" };
    case "nth_order":
      return { kind: "nth_order", orders: rule.orders };
    case "big_order":
      return { kind: "big_order", amount: rule.minimumBase / 10 ** currencyExponent, currency };
    case "lifetime_spend":
      return { kind: "lifetime_spend", amount: rule.amount / 10 ** currencyExponent, currency };
    case "tier_reached":
      return { kind: "tier_reached", tier: rule.tierName };
    default:
      return undefined;
  }
}

function shopperAnswer(
  shop: ShopContext,
  program: Program,
  view: ShopperView,
  referral: ShopperReferral | null,
  now: Date,
): ShopperLoyalty {
  const { member, status, engagement } = view;
  const birthday = parseBirthday(member?.birthday ?? null);
  const definitions = new Map(engagement.badges.map((badge) => [badge.id, badge]));
  return {
    ...standingFigures(program, status, view.rewards),
    history: view.history.map((entry) => ({
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
      optedIn: member?.leaderboardMember ?? false,
    },
    badges: view.held.map((held) =>
      shopperBadge(held, definitions.get(held.badgeId), shop.currencyExponent, shop.currencyCode),
    ),
    // A program the merchant switched off earns nothing, so it offers no ways to earn.
    waysToEarn: shop.programEnabled
      ? waysToEarn(
          program,
          {
            tier: status.tier,
            orderCount: member?.orderCount ?? 0,
            lifetimeSpend: member?.lifetimeSpend ?? 0,
            signedIn: (member?.firstLoginAt ?? null) !== null,
            referralLink: referral?.link ?? null,
          },
          shop.currencyCode,
        )
      : [],
    birthday: birthday && {
      ...birthday,
      changeableFrom:
        birthdayChangeableFrom(member?.birthdaySetAt ?? null, now)?.toISOString() ?? null,
    },
    referral,
    expiring: member ? view.expiring : null,
  };
}

/**
 * What the shopper sees (the App Proxy panel): read only, apart from a referral code made on first
 * use. Null: the shop is not installed.
 */
export async function shopperLoyalty(
  db: SqlDatabase,
  shopDomain: string,
  shopifyCustomerId: string,
  now: Date,
  /** The app's public URL: the referral link points at its landing route. */
  appUrl: string,
): Promise<ShopperLoyalty | null> {
  const read = await readView(db, shopDomain, shopifyCustomerId, now);
  if (!read) return null;
  const { shop, program, view } = read;
  const referral = await referralOf(db, shop, program, view.member, appUrl);
  return shopperAnswer(shop, program, view, referral, now);
}

/**
 * GET /api/loyalty: shopperLoyalty for a signed-in shopper, whose first call records the sign-in
 * and pays the "First login" bonus (decision 032) before they see their figures. Members seen
 * before (nearly every call) cost one round trip of reads; a first sign-in reads again.
 */
export async function signedInShopperLoyalty(
  db: SqlDatabase,
  shopDomain: string,
  shopifyCustomerId: string,
  now: Date,
  appUrl: string,
): Promise<ShopperLoyalty | null> {
  let read = await readView(db, shopDomain, shopifyCustomerId, now);
  if (read?.view.member && read.view.member.firstLoginAt === null) {
    await recordSignIn(db, read.shop, shopifyCustomerId, now);
    read = await readView(db, shopDomain, shopifyCustomerId, now);
  }
  if (!read) return null;
  const { shop, program, view } = read;
  const referral = await referralOf(db, shop, program, view.member, appUrl);
  return shopperAnswer(shop, program, view, referral, now);
}

/**
 * How many of the member's newest lots the expiry line reads: a page sent with the member's other
 * reads covers nearly every member; a member with more live lots (unspent points from hundreds of
 * orders inside the expiry period) costs one more read of up to the second size; only beyond that
 * (or for a history that gave back more than it took) is the whole ledger read.
 */
const LOT_PAGES = [64, 4096];

/**
 * The member's next expiring points, from the program's rule: after_earning from their newest lots
 * and their balance + pending (FIFO leaves exactly the newest lots that make them up), after
 * inactivity from their last activity. The whole ledger is read only when a page of lots falls
 * short. `figures` is the member's row, read with this call's statement so both travel together.
 */
export async function expiringOf(
  sql: Sql,
  program: Program,
  member: MemberKey,
  figures: PromiseLike<{ id: string; balance: number; pending: number } | null>,
  now: Date,
): Promise<PointsExpiring | null> {
  const policy = program.expiry;
  if (policy.mode === "none") return null;
  const id = memberIdSql(member);
  const line = (next: { points: number; at: Date } | null) =>
    next && { points: next.points, at: next.at.toISOString() };
  if (policy.mode === "after_inactivity") {
    const [[last], held] = await Promise.all([
      sql.rows(
        `SELECT "createdAt" FROM "LedgerEntry" WHERE "customerId" = ${id.sql} AND kind <> 'expire' ORDER BY "createdAt" DESC LIMIT 1`,
        id.params,
      ),
      figures,
    ]);
    if (!held) return null;
    const lastActivity = last ? decode.date(last.createdAt) : null;
    return line(nextInactivityExpiry(lastActivity, held.balance + held.pending, policy.days, now));
  }
  const newestLots = (limit: number) =>
    sql.rows(
      `SELECT points, "createdAt" FROM "LedgerEntry" WHERE "customerId" = ${id.sql} AND points > 0 AND kind IN ('earn', 'import', 'adjust')
       ORDER BY "createdAt" DESC LIMIT ${limit}`,
      id.params,
    );
  const [firstPage, held] = await Promise.all([newestLots(LOT_PAGES[0]), figures]);
  if (!held) return null;
  for (const [index, limit] of LOT_PAGES.entries()) {
    const lots = index === 0 ? firstPage : await newestLots(limit);
    const next = nextExpiryFromNewestLots(
      lots.map((lot) => ({
        points: decode.int(lot.points),
        createdAt: decode.date(lot.createdAt),
      })),
      held.balance + held.pending,
      policy.days,
      now,
    );
    if (next !== "incomplete") return line(next);
    if (lots.length < limit) break; // every lot read and still short: a malformed history
  }
  const movements = (await movementsOf(sql, [held.id])).get(held.id) ?? [];
  return line(nextExpiry(movements, policy, now));
}

/** The member's referral code and link (the code is made on first use) and what it offers. */
export async function shopperReferral(
  sql: Sql,
  shop: ShopContext,
  rule: ReferralRule,
  customerId: string,
  appUrl: string,
  /** The code when the caller read it with the member (null: none yet, made now). */
  knownCode: string | null = null,
): Promise<ShopperReferral> {
  const code = knownCode ?? (await referralCodeOfMember(sql, customerId));
  return {
    code,
    link: referralLink(appUrl, shop.shop, code),
    advocatePoints: rule.advocatePoints,
    friendDiscount: friendDiscountOf(rule, shop.currencyExponent, shop.currencyCode),
  };
}
