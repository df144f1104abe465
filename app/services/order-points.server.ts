// Keeps every order's points equal to the program's rules applied to what is known of the order
// now (design §2, docs/decisions/005). Each delivery merges its facts, recomputes the order's target
// and appends the difference to the ledger, so duplicates append nothing and arrival order cannot
// change the end state.
import type { Sql } from "../db/sql.server";
import { anyOrderBadgeEnabled, badgesEarned } from "../loyalty/badges";
import { computeOrderEarning, earnBase, reconcileDelta } from "../loyalty/earn";
import type { EarnContext, OrderEarning, OrderRefund } from "../loyalty/types";
import {
  countOrder,
  addLifetimeSpend,
  memberById,
  upsertMember,
  type MemberFigures,
} from "../models/customer.server";
import { appendLedgerEntry } from "../models/ledger.server";
import {
  markOrderWithoutPoints,
  mergeOrderFacts,
  orderFacts,
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
import { currentTier, upgradeTierIfEarned } from "./tiers.server";

export interface OrderPointsOutcome {
  shopifyOrderId: string;
  customerId: string | null;
  /** Points the order is worth now. */
  points: number;
  /** What this delivery appended to the ledger (0 for a duplicate or a change that earns nothing). */
  delta: number;
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
  const customer = delivery.customer
    ? await upsertMember(sql, shop.shop, delivery.customer, now)
    : null;
  let order = await mergeOrderFacts(
    sql,
    shop.shop,
    {
      shopifyOrderId: delivery.shopifyOrderId,
      order: { ...delivery, customerId: customer?.id ?? null },
      refunds: delivery.refunds,
    },
    now,
  );
  // A first merge leaves ledgerSeq at 1 and nothing frozen: the order was unknown until now.
  if (
    options.newOrderEarnsPoints === false &&
    order.ledgerSeq <= 1 &&
    order.earnContext === null &&
    order.pointsCredited === 0
  ) {
    await markOrderWithoutPoints(sql, order.id);
    order = { ...order, earnsPoints: false };
  }
  if (delivery.discountCodes.length || order.cancelled)
    await recordRewardCodeUsage(
      sql,
      shop.shop,
      order.shopifyOrderId,
      delivery.discountCodes,
      order.paid,
      order.cancelled,
      now,
    );
  return reconcileOrder(
    sql,
    shop,
    order,
    customer?.id === order.customerId ? customer : null,
    cause,
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
  const order = await mergeOrderFacts(sql, shop.shop, { shopifyOrderId, refunds: [refund] }, now);
  return reconcileOrder(sql, shop, order, null, `refund ${refund.refundId}`, now);
}

async function reconcileOrder(
  sql: Sql,
  shop: ShopContext,
  order: OrderRecord,
  known: MemberFigures | null,
  cause: string,
  now: Date,
): Promise<OrderPointsOutcome> {
  let customer = order.customerId ? (known ?? (await memberById(sql, order.customerId))) : null;
  const facts = await orderFacts(sql, order, customer?.shopifyCustomerId ?? null);
  const base = earnBase(facts);

  let frozen = order.earnContext as FrozenEarnContext | null;
  const freezing = !frozen && customer !== null && facts.paid && !facts.cancelled;
  if (freezing && customer) {
    // The first time the order earns, freeze what it earned under: rules, tier, ordinal, prior spend.
    const program = await programOfVersion(sql, shop.programVersionId);
    customer = await countOrder(sql, customer.id, now);
    frozen = {
      programVersionId: shop.programVersionId,
      tier: currentTier(program, customer.tierName),
      orderOrdinal: customer.orderCount,
      lifetimeSpendBefore: customer.lifetimeSpend,
    };
  }

  const program = frozen ? await programOfVersion(sql, frozen.programVersionId) : null;
  const earning: OrderEarning | null =
    frozen && customer && program ? computeOrderEarning(facts, program, frozen) : null;
  const target = order.earnsPoints ? (earning?.points ?? 0) : 0;
  const delta = reconcileDelta(target, order.pointsCredited);
  const spend = customer && order.paid && !order.cancelled ? base : 0;

  await settleOrder(
    sql,
    order.id,
    {
      subtotal: base,
      pointsCredited: target,
      countedSpend: spend,
      ...(freezing && frozen
        ? { earnContext: frozen, programVersionId: frozen.programVersionId }
        : {}),
    },
    now,
  );
  if (customer && spend !== order.countedSpend)
    await addLifetimeSpend(sql, customer.id, spend - order.countedSpend, now);
  // Engagement settings come with shopContext's query (cached parse): free when nothing is on.
  const engagement = customer ? await engagementOf(sql, shop) : null;
  let tierReached: string | null = null;

  if (customer && program && earning && frozen && delta !== 0) {
    await appendLedgerEntry(
      sql,
      {
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
      },
      now,
    );
    await markMetafieldsDirty(sql, shop.shop, customer.id, now);
    const current = await programOfVersion(sql, shop.programVersionId);
    if (delta > 0) {
      // The Flow triggers (if on) cost no statement when off: the settings come cached with shopContext.
      tierReached = await upgradeTierIfEarned(sql, current, customer, shop.timeZone, now, {
        shop,
        source: "order",
      });
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
  }

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
  };
}
