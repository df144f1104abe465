// Refer a friend (decision 036). The advocate shares `/r/{shop}/{CODE}` (an app-served landing
// route): opening it makes the friend's single-use Shopify discount code and redirects to the
// storefront with it applied. The friend's first paid order carrying that code qualifies the
// referral (after the fraud screen); once the program's return window (pending days) has passed,
// the referrals job pays the advocate (ledger key `referral:{id}:award`). A cancellation or full
// refund inside the window reverses the referral before anything is paid.
import { createHash, randomBytes } from "node:crypto";
import type { Sql, SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import {
  completesAt,
  REFERRAL_CODE_LENGTH,
  referralCodeFrom,
  reversalApplies,
  screenReferral,
  WEEK_MS,
  type ReferralStatus,
} from "../loyalty/referrals";
import type { Program } from "../loyalty/types";
import { engagementOf } from "../models/engagement.server";
import { programOfVersion, shopContext, type ShopContext } from "../models/program.server";
import {
  advocateById,
  advocateReferralsSince,
  claimReferralCode,
  dropPendingReferral,
  dueReferrals,
  earlierOrdersOfFriend,
  insertReferral,
  linksFromIp,
  listReferrals,
  memberForReferralCode,
  moveReferral,
  openReferralFromIp,
  pendingReferralForCodes,
  referralById,
  referralFigures,
  referralOfOrder,
  setFriendDiscountId,
  setReferredSubtotal,
  shippingKeysOfMember,
  type ReferralRecord,
} from "../models/referral.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { createFriendCode } from "../shopify/referral-codes.server";
import { creditPoints } from "./credit-points.server";
import { enqueueFlowTrigger } from "./flow-triggers.server";

const DAY_MS = 86_400_000;
/** Every friend's code starts with this: an order without such a code costs no referral query. */
export const FRIEND_CODE_PREFIX = "FRIEND-";
/** New friend codes one IP address may make per shop in a day (the landing route's rate limit). */
export const LINKS_PER_IP_PER_DAY = 20;

export function newFriendCode(): string {
  return FRIEND_CODE_PREFIX + referralCodeFrom(randomBytes(REFERRAL_CODE_LENGTH));
}

/** What is stored of the IP address that opened a link: enough to count, not to locate. */
export function hashIp(shop: string, ip: string): string {
  return createHash("sha256").update(`${shop}\n${ip}`).digest("hex");
}

/** The member's referral code, made the first time it is asked for (outside a transaction). */
export async function referralCodeOfMember(sql: Sql, customerId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const member = await advocateById(sql, customerId);
    if (!member) throw new Error(`member ${customerId} not found`);
    if (member.referralCode) return member.referralCode;
    try {
      await claimReferralCode(sql, customerId, referralCodeFrom(randomBytes(REFERRAL_CODE_LENGTH)));
    } catch (error) {
      // Two requests raced for the same new code (the unique index refused one): read again.
      if (attempt === 4) throw error;
    }
  }
  throw new Error("could not find a free referral code");
}

/** The link an advocate shares: the app's landing route, which knows the shop from its path. */
export function referralLink(appUrl: string, shop: string, code: string): string {
  return new URL(`/r/${shop}/${code}`, appUrl).toString();
}

export type OpenLinkOutcome =
  | { status: "redirect"; code: string; url: string }
  | { status: "not_found" }
  | { status: "off"; url: string }
  | { status: "rate_limited" }
  | { status: "shopify_failed" };

const storefront = (shop: string) => `https://${shop}`;

/** The friend opened the advocate's link: their code (a new one, or the one this IP got before). */
export async function openReferralLink(
  db: SqlDatabase,
  admin: () => Promise<AdminGraphqlClient | null>,
  input: { shop: string; code: string; ip: string },
  now: Date,
): Promise<OpenLinkOutcome> {
  const shop = await shopContext(db, input.shop);
  if (!shop) return { status: "not_found" };
  const program = await programOfVersion(db, shop.programVersionId);
  const advocate = await memberForReferralCode(db, shop.shop, input.code);
  if (!advocate) return { status: "not_found" };
  if (!shop.programEnabled || !program.referrals.enabled)
    return { status: "off", url: storefront(shop.shop) };
  const ipHash = hashIp(shop.shop, input.ip);
  const rule = program.referrals;
  const codeDays = rule.friendCodeDays * DAY_MS;

  const reopened = await openReferralFromIp(
    db,
    shop.shop,
    advocate.id,
    ipHash,
    new Date(now.getTime() - codeDays),
  );
  if (reopened?.friendDiscountId) return redirectTo(shop.shop, reopened.friendCode);
  if (
    (await linksFromIp(db, shop.shop, ipHash, new Date(now.getTime() - DAY_MS), now)) >=
    LINKS_PER_IP_PER_DAY
  )
    return { status: "rate_limited" };

  // The row first, so an order carrying the code always finds it; dropped if Shopify says no.
  const referral = await insertReferral(
    db,
    shop.shop,
    { advocateId: advocate.id, friendCode: newFriendCode(), ipHash },
    now,
  );
  try {
    const client = await admin();
    if (!client) throw new Error("the shop has no offline session");
    const discountId = await createFriendCode(client, {
      code: referral.friendCode,
      discount: rule.friendDiscount,
      currencyExponent: shop.currencyExponent,
      now,
      expiresAt: new Date(now.getTime() + codeDays),
    });
    await setFriendDiscountId(db, referral.id, discountId, now);
  } catch (error) {
    await dropPendingReferral(db, referral.id);
    log.warn("referral.friend_code_failed", { shop: shop.shop, error: String(error) });
    return { status: "shopify_failed" };
  }
  return redirectTo(shop.shop, referral.friendCode);
}

function redirectTo(shop: string, code: string): OpenLinkOutcome {
  return {
    status: "redirect",
    code,
    url: `${storefront(shop)}/discount/${encodeURIComponent(code)}`,
  };
}

export interface ReferralOrderFacts {
  shopifyOrderId: string;
  orderId: string;
  /** Tally's member id of the order's customer (null for a guest order). */
  customerId: string | null;
  email: string | null;
  shippingKey: string | null;
  placedAt: Date;
  paid: boolean;
  cancelled: boolean;
  /** The order's current earn base (after refunds), shop minor units. */
  subtotal: number;
  discountCodes: readonly string[];
}

/**
 * Called in the transaction of every order delivery (after its points are settled). Costs nothing
 * unless the shop runs referrals; then one indexed read, plus the screen when a friend's code is on
 * the order.
 */
export async function applyReferralOrder(
  sql: Sql,
  shop: ShopContext,
  order: ReferralOrderFacts,
  now: Date,
): Promise<void> {
  const program = await programOfVersion(sql, shop.programVersionId);
  const linked = await referralOfOrder(sql, shop.shop, order.shopifyOrderId);
  if (linked) return followOrder(sql, shop, linked, order, now);
  if (!program.referrals.enabled || !order.paid || order.cancelled) return;
  const codes = order.discountCodes
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code.startsWith(FRIEND_CODE_PREFIX));
  const referral = await pendingReferralForCodes(sql, shop.shop, codes);
  if (referral) await qualify(sql, shop, program, referral, order, now);
}

async function qualify(
  sql: Sql,
  shop: ShopContext,
  program: Program,
  referral: ReferralRecord,
  order: ReferralOrderFacts,
  now: Date,
): Promise<void> {
  const advocate = await advocateById(sql, referral.advocateId);
  if (!advocate) return;
  const weekBefore = new Date(order.placedAt.getTime() - WEEK_MS);
  const outcome = screenReferral({
    advocate: {
      customerId: advocate.id,
      email: advocate.email,
      shippingKeys: await shippingKeysOfMember(sql, advocate.id),
    },
    friend: {
      customerId: order.customerId,
      email: order.email,
      shippingKeys: order.shippingKey ? [order.shippingKey] : [],
    },
    friendEarlierOrders: order.customerId
      ? await earlierOrdersOfFriend(sql, shop.shop, order.customerId, order.orderId)
      : 0,
    advocateReferralsThisWeek: await advocateReferralsSince(sql, advocate.id, weekBefore),
    linksFromIpThisWeek: await linksFromIp(
      sql,
      shop.shop,
      referral.ipHash,
      new Date(referral.createdAt.getTime() - WEEK_MS),
      referral.createdAt,
    ),
    rule: program.referrals,
  });
  const due = completesAt(order.placedAt, program.pendingDays);
  const moved = await moveReferral(
    sql,
    referral.id,
    {
      status: outcome.status,
      reason: outcome.status === "qualified" ? null : outcome.reason,
      friendCustomerId: order.customerId,
      shopifyOrderId: order.shopifyOrderId,
      orderSubtotal: order.subtotal,
      orderPlacedAt: order.placedAt,
      completesAt: due,
    },
    now,
  );
  if (moved && outcome.status === "qualified" && due <= now)
    await completeReferral(sql, shop, referral.id, now);
}

/** A later delivery of the friend's order: revenue follows refunds; cancellation or a full refund
 * inside the window reverses the referral. */
async function followOrder(
  sql: Sql,
  shop: ShopContext,
  referral: ReferralRecord,
  order: ReferralOrderFacts,
  now: Date,
): Promise<void> {
  if (!reversalApplies(referral.status)) return;
  // Past the window (the job has not run yet): the order stands, whatever happens to it now.
  if (referral.completesAt && referral.completesAt <= now) return;
  if (order.cancelled || order.subtotal <= 0) {
    await moveReferral(
      sql,
      referral.id,
      { status: "reversed", reason: order.cancelled ? "order_cancelled" : "order_refunded" },
      now,
    );
    return;
  }
  if (order.subtotal !== referral.orderSubtotal)
    await setReferredSubtotal(sql, referral.id, order.subtotal, now);
}

/** Pays the advocate for a qualified referral; false when another runner or a reversal got there. */
async function completeReferral(
  sql: Sql,
  shop: ShopContext,
  referralId: string,
  now: Date,
): Promise<boolean> {
  const program = await programOfVersion(sql, shop.programVersionId);
  const points = program.referrals.advocatePoints;
  if (
    !(await moveReferral(
      sql,
      referralId,
      { status: "completed", completedAt: now, advocatePoints: points },
      now,
    ))
  )
    return false;
  const referral = (await referralById(sql, shop.shop, referralId))!;
  if (points > 0)
    await creditPoints(
      sql,
      shop,
      {
        shop: shop.shop,
        customerId: referral.advocateId,
        kind: "earn",
        points,
        idempotencyKey: `referral:${referral.id}:award`,
        reason: "Referral bonus",
        snapshot: {
          rule: "referral",
          points,
          referralId: referral.id,
          shopifyOrderId: referral.shopifyOrderId,
          programVersionId: shop.programVersionId,
        },
      },
      "referral",
      now,
    );
  if ((await engagementOf(sql, shop)).flowTriggers.referral_completed) {
    const friend = referral.friendCustomerId
      ? await sql.rows(`SELECT "shopifyCustomerId" FROM "Customer" WHERE id = ?`, [
          referral.friendCustomerId,
        ])
      : [];
    const friendShopifyId = String(friend[0]?.shopifyCustomerId ?? "0");
    await enqueueFlowTrigger(
      sql,
      shop.shop,
      {
        kind: "referral_completed",
        customerId: referral.advocateId,
        eventKey: referral.id,
        fields: {
          "referral id": referral.id,
          "friend customer id": /^\d+$/.test(friendShopifyId) ? Number(friendShopifyId) : 0,
          "order id": referral.shopifyOrderId ?? "",
          "bonus points": points,
        },
        defaultTier: program.tiers[0].name,
      },
      now,
    );
  }
  return true;
}

const PAGE = 200;

/** The referrals job for one shop: pays every qualified referral whose window has passed. */
export async function completeShopReferrals(
  db: SqlDatabase,
  shopDomain: string,
  now: Date,
): Promise<{ completed: number }> {
  const shop = await shopContext(db, shopDomain);
  // Switched off, open referrals wait as they are (decision 036).
  if (!shop || !(await programOfVersion(db, shop.programVersionId)).referrals.enabled)
    return { completed: 0 };
  let completed = 0;
  for (;;) {
    const due = await dueReferrals(db, shop.shop, now, PAGE);
    if (!due.length) break;
    const done = await db.transaction(async (tx) => {
      let count = 0;
      for (const referral of due) if (await completeReferral(tx, shop, referral.id, now)) count++;
      return count;
    });
    completed += done;
    if (done === 0) break; // another runner took this page; it will take the rest
  }
  return { completed };
}

export type ReferralDecision = "approve" | "reject";
export type DecisionOutcome =
  | { status: "decided"; referralStatus: ReferralStatus }
  | { status: "not_found" }
  | { status: "not_held"; referralStatus: ReferralStatus };

/** Staff approve (qualified; paid when the window has passed) or reject a held referral. */
export async function decideHeldReferral(
  db: SqlDatabase,
  shopDomain: string,
  input: { referralId: string; decision: ReferralDecision; staffId: string },
  now: Date,
): Promise<DecisionOutcome> {
  const shop = await shopContext(db, shopDomain);
  if (!shop) return { status: "not_found" };
  return db.transaction(async (tx) => {
    const referral = await referralById(tx, shop.shop, input.referralId);
    if (!referral) return { status: "not_found" };
    if (referral.status !== "held") return { status: "not_held", referralStatus: referral.status };
    const to = input.decision === "approve" ? "qualified" : "rejected";
    const moved = await moveReferral(
      tx,
      referral.id,
      { status: to, reason: to === "rejected" ? "staff" : null, decidedBy: input.staffId },
      now,
    );
    if (!moved) return { status: "not_held", referralStatus: referral.status };
    if (to === "qualified" && referral.completesAt && referral.completesAt <= now) {
      await completeReferral(tx, shop, referral.id, now);
      return { status: "decided", referralStatus: "completed" };
    }
    return { status: "decided", referralStatus: to };
  });
}

export interface AdminReferral {
  id: string;
  advocateId: string;
  advocateEmail: string | null;
  status: ReferralStatus;
  reason: string | null;
  friendCode: string;
  shopifyOrderId: string | null;
  /** The friend's order's earn base, shop minor units. */
  orderSubtotal: number | null;
  advocatePoints: number;
  createdAt: string;
  completesAt: string | null;
}

const LIST_LIMIT = 100;
const KPI_DAYS = 30;

/** The admin's referrals list (newest 100, by status) and the last 30 days' figures. */
export async function referralsOverview(
  sql: Sql,
  shop: string,
  filter: { status?: ReferralStatus; advocateId?: string },
  now: Date,
) {
  const rows = await listReferrals(sql, shop, { ...filter, limit: LIST_LIMIT });
  const figures = await referralFigures(sql, shop, new Date(now.getTime() - KPI_DAYS * DAY_MS));
  const referrals: AdminReferral[] = rows.map((row) => ({
    id: row.id,
    advocateId: row.advocateId,
    advocateEmail: row.advocateEmail,
    status: row.status,
    reason: row.reason,
    friendCode: row.friendCode,
    shopifyOrderId: row.shopifyOrderId,
    orderSubtotal: row.orderSubtotal,
    advocatePoints: row.advocatePoints,
    createdAt: row.createdAt.toISOString(),
    completesAt: row.completesAt?.toISOString() ?? null,
  }));
  return {
    referrals,
    figures: {
      ...figures,
      days: KPI_DAYS,
      /** Friends who opened a link and placed a first order that counted, percent of links. */
      conversionPercent: figures.links ? Math.round((figures.converted / figures.links) * 100) : 0,
    },
  };
}
