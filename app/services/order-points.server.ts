// Keeps every order's points equal to the program's rules applied to what is known of the order
// now (design §2, docs/decisions/005). Each delivery merges its facts, recomputes the order's target
// and appends the difference to the ledger, so duplicates append nothing and arrival order cannot
// change the end state.
import type { Sql } from "../db/sql.server";
import { anyOrderBadgeEnabled, badgesEarned } from "../loyalty/badges";
import { computeOrderEarning, earnBase } from "../loyalty/earn";
import { holderChanged, orderPointMovements, type OrderHolding } from "../loyalty/order-state";
import type { EarnContext, OrderEarning, OrderLine, OrderRefund, Program } from "../loyalty/types";
import { collectionsOfProducts } from "../models/collection-membership.server";
import {
  countOrder,
  lockedMemberOfOrder,
  memberById,
  orderTallyAssignments,
  uncountOrder,
  upsertMember,
  writeOrderTally,
  type MemberFigures,
  type OrderTally,
} from "../models/customer.server";
import {
  appendLedgerEntry,
  appendToLockedMember,
  countsTowardsLifetime,
  type NewLedgerEntry,
} from "../models/ledger.server";
import {
  clearOrderHolding,
  markOrderWithoutPoints,
  mergeOrderFacts,
  factsOfOrder,
  settleOrder,
  type OrderRecord,
} from "../models/order.server";
import { engagementOf } from "../models/engagement.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import type { OrderDelivery } from "../shopify/webhooks/order-delivery";
import { awardBadges } from "./badges.server";
import { enqueuePointsEarnedTrigger } from "./flow-triggers.server";
import { recordRewardCodeUsage } from "./redemption-usage.server";
import { applyReferralOrder } from "./referrals.server";
import { currentTier, tierValueBeforeEntries, upgradeTierIfEarned } from "./tiers.server";

export interface OrderPointsOutcome {
  shopifyOrderId: string;
  customerId: string | null;
  /** Points the order is worth now. */
  points: number;
  /** What this delivery appended to the ledger (0 for a duplicate or a change that earns nothing). */
  delta: number;
  /** The order as it stands now (the referral follow-up reads it). */
  order: { id: string; placedAt: Date; paid: boolean; cancelled: boolean; earnBase: number };
}

/** What the order earned under, frozen the first time it earned. */
export interface FrozenEarnContext extends EarnContext {
  programVersionId: string;
}

const DAY_MS = 86_400_000;

export async function applyOrderDelivery(
  sql: Sql,
  shop: ShopContext,
  delivery: OrderDelivery,
  cause: string,
  now: Date,
  // The backfill of past orders: an order Tally meets for the first time this way earns no points.
  options: { newOrderEarnsPoints?: boolean } = {},
): Promise<OrderPointsOutcome> {
  // The customer's upsert and the order's merge travel together (one round trip, decision 044);
  // on PostgreSQL the member's tier value too, which spares a read after the entry. (SQLite, in
  // the process, reads it after the entry only when the order earned.)
  const program = await programOfVersion(sql, shop.programVersionId);
  // Collection membership of the order's products, only under collection multipliers (decision
  // 059): read with the merge, so on PostgreSQL it shares step 2's round trip.
  const productIds = productsUnderCollectionMultipliers(program, delivery.lines);
  const [customer, merged, tierValueBefore, productCollections] = await Promise.all([
    delivery.customer ? upsertMember(sql, shop.shop, delivery.customer, now) : null,
    mergeOrderFacts(
      sql,
      shop.shop,
      { shopifyOrderId: delivery.shopifyOrderId, order: delivery, refunds: delivery.refunds },
      now,
    ),
    delivery.customer && sql.dialect === "postgresql"
      ? tierValueBeforeEntries(
          sql,
          program,
          shop.shop,
          delivery.customer.shopifyCustomerId,
          shop.timeZone,
          now,
        )
      : null,
    productIds.length
      ? collectionsOfProducts(sql, shop.shop, productIds, multiplierCollections(program))
      : null,
  ]);
  let order = merged;
  // A first merge leaves ledgerSeq at 1 and nothing frozen: the order was unknown until now.
  if (
    options.newOrderEarnsPoints === false &&
    order.ledgerSeq <= 1 &&
    order.earnContext === null &&
    order.pointsCredited === 0
  ) {
    markOrderWithoutPoints(sql, order.id);
    order = { ...order, earnsPoints: false };
  }
  const codesUsed = delivery.discountCodes.length > 0 || order.cancelled;
  if (codesUsed)
    await recordRewardCodeUsage(
      sql,
      shop.shop,
      { shopifyOrderId: order.shopifyOrderId, name: delivery.name, cancelled: order.cancelled },
      delivery.discountCodes,
      now,
    );
  // A reward code taken back moves the member's figures: read them again (the row stays locked).
  const current = customer && codesUsed ? await memberById(sql, customer.id) : customer;
  const outcome = await reconcileOrder(
    sql,
    shop,
    order,
    current?.id === order.customerId ? current : null,
    cause,
    now,
    // A taken-back code's entry is not a points-earned one, but the read is kept simple there.
    codesUsed ? null : tierValueBefore,
    productCollections ? { programVersionId: shop.programVersionId, productCollections } : null,
  );
  await followReferral(sql, shop, outcome, delivery, now);
  return outcome;
}

/** Refer a friend (decision 036): the friend's first order qualifies or reverses a referral. */
async function followReferral(
  sql: Sql,
  shop: ShopContext,
  outcome: OrderPointsOutcome,
  delivery: Pick<OrderDelivery, "customer" | "shippingKey" | "discountCodes"> | null,
  now: Date,
): Promise<void> {
  // Free when referrals are off: the program comes from the per-process cache.
  if (!(await programOfVersion(sql, shop.programVersionId)).referrals.enabled) return;
  await applyReferralOrder(
    sql,
    shop,
    {
      shopifyOrderId: outcome.shopifyOrderId,
      orderId: outcome.order.id,
      customerId: outcome.customerId,
      email: delivery?.customer?.email ?? null,
      shippingKey: delivery?.shippingKey ?? null,
      placedAt: outcome.order.placedAt,
      paid: outcome.order.paid,
      cancelled: outcome.order.cancelled,
      subtotal: outcome.order.earnBase,
      discountCodes: delivery?.discountCodes ?? [],
    },
    now,
  );
}

export async function applyRefundDelivery(
  sql: Sql,
  shop: ShopContext,
  shopifyOrderId: string,
  refund: OrderRefund,
  now: Date,
): Promise<OrderPointsOutcome> {
  const [order, customer] = await Promise.all([
    mergeOrderFacts(sql, shop.shop, { shopifyOrderId, refunds: [refund] }, now),
    lockedMemberOfOrder(sql, shop.shop, shopifyOrderId),
  ]);
  const outcome = await reconcileOrder(
    sql,
    shop,
    order,
    customer,
    `refund ${refund.refundId}`,
    now,
  );
  await followReferral(sql, shop, outcome, null, now);
  return outcome;
}

/**
 * `known`: the order's customer as they stand now, their row locked by this transaction (or null):
 * their figures can then be counted here, and the order's writes travel with the COMMIT.
 */
async function reconcileOrder(
  sql: Sql,
  shop: ShopContext,
  stored: OrderRecord,
  known: MemberFigures | null,
  cause: string,
  now: Date,
  /** `known`'s tier value before this order's entry (tierValueBeforeEntries), if read. */
  tierValueBefore: number | null = null,
  /** The membership applyOrderDelivery read for the order's products under that program version. */
  membership: Membership | null = null,
): Promise<OrderPointsOutcome> {
  // Points follow the order's current customer (decision 027): a holder the order left gives up
  // what it was credited and counted, and the order earns afresh for its customer (if any).
  const holding: OrderHolding = {
    holder: stored.creditedCustomerId,
    credited: stored.pointsCredited,
  };
  const moving = holderChanged(holding, stored.customerId);
  const order = moving ? await leaveHolder(sql, shop, stored, now) : stored;
  let locked = known !== null && known.id === order.customerId;
  let customer = order.customerId
    ? locked
      ? known
      : await memberById(sql, order.customerId)
    : null;
  const facts = factsOfOrder(order, customer?.shopifyCustomerId ?? null);
  const base = earnBase(facts);

  let frozen = order.earnContext as FrozenEarnContext | null;
  const freezing = !frozen && customer !== null && facts.paid && !facts.cancelled;
  // What the order adds to a locked member's count and spend, written with their figures below.
  const tally: OrderTally = { counted: false, spendChange: 0 };
  if (freezing && customer) {
    // The first time the order earns, freeze what it earned under: rules, tier, ordinal, prior spend.
    // An order that changed customer keeps its rules and earns under the new customer's tier.
    const programVersionId = order.programVersionId ?? shop.programVersionId;
    const program = await programOfVersion(sql, programVersionId);
    if (locked) {
      tally.counted = true;
      customer = { ...customer, orderCount: customer.orderCount + 1 };
    } else customer = await countOrder(sql, customer, now);
    locked = true; // the count's update locked the row and returned its figures
    const productCollections = await frozenProductCollections(
      sql,
      shop.shop,
      program,
      programVersionId,
      facts.lines,
      membership,
    );
    frozen = {
      programVersionId,
      tier: currentTier(program, customer.tierName),
      orderOrdinal: customer.orderCount,
      lifetimeSpendBefore: customer.lifetimeSpend,
      ...(productCollections ? { productCollections } : {}),
    };
  }

  const program = frozen ? await programOfVersion(sql, frozen.programVersionId) : null;
  const earning: OrderEarning | null =
    frozen && customer && program ? computeOrderEarning(facts, program, frozen) : null;
  const target = order.earnsPoints ? (earning?.points ?? 0) : 0;
  const { movements } = orderPointMovements(holding, customer?.id ?? null, target);
  for (const moved of movements.filter((movement) => movement.cause === "moved"))
    await appendMovedOff(sql, shop, stored, moved.customerId, moved.points, cause, now);
  const delta = movements.find((movement) => movement.cause === "reconcile")?.points ?? 0;
  const spend = customer && order.paid && !order.cancelled ? base : 0;

  settleOrder(
    sql,
    order.id,
    {
      subtotal: base,
      pointsCredited: target,
      countedSpend: spend,
      creditedCustomerId: customer?.id ?? null,
      ...(freezing && frozen
        ? { earnContext: frozen, programVersionId: frozen.programVersionId }
        : {}),
    },
    now,
  );
  tally.spendChange = customer ? spend - order.countedSpend : 0;
  // Engagement settings come with shopContext's query (cached parse): free when nothing is on.
  const engagement = customer ? await engagementOf(sql, shop) : null;
  let tierReached: string | null = null;

  if (customer && program && earning && frozen && delta !== 0) {
    const entry: NewLedgerEntry = {
      shop: shop.shop,
      customerId: customer.id,
      kind: delta > 0 ? "earn" : "reverse",
      points: delta,
      // Unique per step of this order's history; a replay of the same step finds the same key.
      idempotencyKey: `order:${order.shopifyOrderId}:${order.ledgerSeq}`,
      orderId: order.id,
      reason: cause,
      availableAt:
        program.pendingDays > 0
          ? new Date(order.placedAt.getTime() + program.pendingDays * DAY_MS)
          : null,
      snapshot: {
        cause,
        programVersionId: frozen.programVersionId,
        earnBase: earning.earnBase,
        points: earning.points,
        firings: earning.firings,
        notEarned: earning.notEarned,
        tier: frozen.tier.name,
        tierMultiplier: frozen.tier.multiplier,
        orderOrdinal: frozen.orderOrdinal,
      },
    };
    let tierValue: number | undefined;
    if (locked) {
      customer = appendToLockedMember(sql, entry, customer, now, {
        alsoSet: orderTallyAssignments(tally, now),
      });
      if (tierValueBefore !== null)
        tierValue = tierValueBefore + (countsTowardsLifetime(entry.kind, delta) ? delta : 0);
    } else {
      writeOrderTally(sql, customer.id, tally, now);
      await appendLedgerEntry(sql, entry, now);
    }
    await markMetafieldsDirty(sql, shop.shop, customer.id, now);
    const current = await programOfVersion(sql, shop.programVersionId);
    if (delta > 0) {
      // The Flow triggers (if on) cost no statement when off: the settings come cached with shopContext.
      tierReached = await upgradeTierIfEarned(
        sql,
        current,
        customer,
        shop.timeZone,
        now,
        { shop, source: "order" },
        tierValue,
      );
      await enqueuePointsEarnedTrigger(
        sql,
        shop,
        {
          customerId: customer.id,
          ledgerKey: `order:${order.shopifyOrderId}:${order.ledgerSeq}`,
          points: delta,
          reason: `order ${order.shopifyOrderId}`,
          source: "order",
        },
        now,
      );
    }
  } else if (customer) writeOrderTally(sql, customer.id, tally, now);

  if (customer && engagement && anyOrderBadgeEnabled(engagement.badges)) {
    const current = await programOfVersion(sql, shop.programVersionId);
    const spendBefore = customer.lifetimeSpend;
    const earned = badgesEarned(engagement.badges, {
      orderOrdinal: freezing && frozen ? frozen.orderOrdinal : null,
      orderBase: freezing ? base : null,
      lifetimeSpendBefore: spendBefore,
      lifetimeSpendAfter: spendBefore + spend - order.countedSpend,
      tierReached,
      tierNames: current.tiers.map((tier) => tier.name),
    });
    // Only an event that crosses a badge's condition reaches the database.
    if (earned.length)
      await awardBadges(
        sql,
        {
          shop: shop.shop,
          customerId: customer.id,
          engagement,
          defaultTier: current.tiers[0].name,
          orderId: order.id,
        },
        earned,
        now,
      );
  }

  return {
    shopifyOrderId: order.shopifyOrderId,
    customerId: customer?.id ?? null,
    points: target,
    delta,
    order: {
      id: order.id,
      placedAt: order.placedAt,
      paid: facts.paid,
      cancelled: facts.cancelled,
      earnBase: base,
    },
  };
}

/** Product id → the collections (of `program`'s multipliers) it was in, when read. */
interface Membership {
  programVersionId: string;
  productCollections: Record<string, string[]>;
}

const multiplierCollections = (program: Program) =>
  program.purchase.collectionMultipliers.map((m) => m.collectionId);

/** The order's distinct products when `program` has collection multipliers; none otherwise. */
function productsUnderCollectionMultipliers(
  program: Program,
  lines: readonly Pick<OrderLine, "productId">[],
): string[] {
  if (program.purchase.collectionMultipliers.length === 0) return [];
  return [...new Set(lines.flatMap((line) => (line.productId ? [line.productId] : [])))];
}

/**
 * What an order earning for the first time freezes of its products' collections: the membership
 * read with the delivery when it was read for this program version, otherwise read now (an order
 * first paid under another version than the shop's current one, or first earning on a refund
 * delivery: one more round trip, rare). Undefined when the program has no collection multipliers.
 */
async function frozenProductCollections(
  sql: Sql,
  shop: string,
  program: Program,
  programVersionId: string,
  lines: readonly OrderLine[],
  membership: Membership | null,
): Promise<Record<string, string[]> | undefined> {
  const productIds = productsUnderCollectionMultipliers(program, lines);
  if (program.purchase.collectionMultipliers.length === 0) return undefined;
  if (membership?.programVersionId === programVersionId) return membership.productCollections;
  return collectionsOfProducts(sql, shop, productIds, multiplierCollections(program));
}

/**
 * The order left the member who holds its points: their counted spend and order count are taken
 * back here (the points by appendMovedOff), and the order is left with nothing credited or frozen.
 */
async function leaveHolder(
  sql: Sql,
  shop: ShopContext,
  order: OrderRecord,
  now: Date,
): Promise<OrderRecord> {
  const holder = order.creditedCustomerId!;
  writeOrderTally(sql, holder, { counted: false, spendChange: -order.countedSpend }, now);
  if (order.earnContext !== null) uncountOrder(sql, holder, now);
  clearOrderHolding(sql, order.id);
  await markMetafieldsDirty(sql, shop.shop, holder, now);
  return {
    ...order,
    pointsCredited: 0,
    countedSpend: 0,
    earnContext: null,
    creditedCustomerId: null,
  };
}

/** Reverses in full what the order credited the member it left (a new entry, linked to the order). */
async function appendMovedOff(
  sql: Sql,
  shop: ShopContext,
  order: OrderRecord,
  holder: string,
  points: number,
  cause: string,
  now: Date,
): Promise<void> {
  const program = order.programVersionId
    ? await programOfVersion(sql, order.programVersionId)
    : null;
  await appendLedgerEntry(
    sql,
    {
      shop: shop.shop,
      customerId: holder,
      kind: points < 0 ? "reverse" : "earn",
      points,
      idempotencyKey: `order:${order.shopifyOrderId}:${order.ledgerSeq}:moved`,
      orderId: order.id,
      reason: order.customerId
        ? `order moved to another customer (${cause})`
        : `order is now a guest order (${cause})`,
      // Like the entries it reverses, so it comes off pending while they are pending.
      availableAt:
        program && program.pendingDays > 0
          ? new Date(order.placedAt.getTime() + program.pendingDays * DAY_MS)
          : null,
      snapshot: { cause, movedFrom: holder, movedTo: order.customerId },
    },
    now,
  );
}
