// Keeps every order's points equal to the program's rules applied to what is known of the order
// now (design §2). Each delivery merges its facts, recomputes the order's target and appends the
// difference to the ledger, so duplicates append nothing and arrival order cannot change the end.
import type { Prisma } from "@prisma/client";
import type { Tx } from "../db.server";
import { computeOrderEarning, earnBase, reconcileDelta } from "../loyalty/earn";
import type { EarnContext, OrderEarning, OrderRefund, Program } from "../loyalty/types";
import { upsertCustomer } from "../models/customer.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { mergeOrderFacts, orderFacts, type OrderRow } from "../models/order.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { currentProgramVersion, programVersionById } from "../models/program.server";
import type { OrderDelivery } from "../shopify/webhooks/order-delivery";
import { currentTier, upgradeTierIfEarned } from "./tiers.server";

export interface OrderPointsOutcome {
  shopifyOrderId: string;
  customerId: string | null;
  /** Points the order is worth now. */
  points: number;
  /** What this delivery appended to the ledger (0 for a duplicate or a change that earns nothing). */
  delta: number;
}

interface FrozenEarnContext extends EarnContext {
  programVersionId: string;
}

const DAY_MS = 86_400_000;

export async function applyOrderDelivery(tx: Tx, shop: string, delivery: OrderDelivery, cause: string, now: Date): Promise<OrderPointsOutcome> {
  const customer = delivery.customer ? await upsertCustomer(tx, shop, delivery.customer, now) : null;
  const { before, after } = await mergeOrderFacts(tx, shop, {
    shopifyOrderId: delivery.shopifyOrderId,
    order: { ...delivery, customerId: customer?.id ?? null },
    refunds: delivery.refunds,
  });
  return reconcileOrder(tx, shop, before, after, cause, now);
}

export async function applyRefundDelivery(tx: Tx, shop: string, shopifyOrderId: string, refund: OrderRefund, now: Date): Promise<OrderPointsOutcome> {
  const { before, after } = await mergeOrderFacts(tx, shop, { shopifyOrderId, refunds: [refund] });
  return reconcileOrder(tx, shop, before, after, `refund ${refund.refundId}`, now);
}

async function reconcileOrder(tx: Tx, shop: string, before: OrderRow | null, order: OrderRow, cause: string, now: Date): Promise<OrderPointsOutcome> {
  const customer = order.customerId ? await tx.customer.findUniqueOrThrow({ where: { id: order.customerId } }) : null;
  const facts = await orderFacts(tx, order, customer?.shopifyCustomerId ?? null);
  const base = earnBase(facts);
  const spend = (row: Pick<OrderRow, "paid" | "cancelled" | "subtotal"> | null) => (row && row.paid && !row.cancelled ? row.subtotal : 0);
  const spendBefore = spend(before);

  let frozen = order.earnContext as unknown as FrozenEarnContext | null;
  if (!frozen && customer && facts.paid && !facts.cancelled) {
    // The first time the order earns, freeze what it earned under: rules, tier, ordinal, prior spend.
    const version = await currentProgramVersion(tx, shop);
    const counted = await tx.customer.update({ where: { id: customer.id }, data: { orderCount: { increment: 1 } } });
    frozen = {
      programVersionId: version.id,
      tier: currentTier(version.program, counted.tierName),
      orderOrdinal: counted.orderCount,
      lifetimeSpendBefore: counted.lifetimeSpend,
    };
  }

  let earning: OrderEarning | null = null;
  let program: Program | null = null;
  if (frozen && customer) {
    program = (await programVersionById(tx, frozen.programVersionId)).program;
    earning = computeOrderEarning(facts, program, { ...frozen, tier: frozen.tier });
  }
  const target = earning?.points ?? 0;
  const delta = reconcileDelta(target, order.pointsCredited);

  await tx.order.update({
    where: { id: order.id },
    data: {
      subtotal: base,
      pointsCredited: target,
      ...(frozen && !order.earnContext ? { earnContext: frozen as unknown as Prisma.InputJsonValue, programVersionId: frozen.programVersionId } : {}),
    },
  });

  if (customer) {
    const spendAfter = order.paid && !order.cancelled ? base : 0;
    if (spendAfter !== spendBefore) {
      await tx.customer.update({ where: { id: customer.id }, data: { lifetimeSpend: { increment: spendAfter - spendBefore } } });
    }
  }

  if (customer && program && earning && delta !== 0) {
    const availableAt = program.pendingDays > 0 ? new Date(order.placedAt.getTime() + program.pendingDays * DAY_MS) : null;
    await appendLedgerEntry(
      tx,
      {
        shop,
        customerId: customer.id,
        kind: delta > 0 ? "earn" : "reverse",
        points: delta,
        // Unique per step of this order's history; a replay of the same step finds the same key.
        idempotencyKey: `order:${order.shopifyOrderId}:${order.ledgerSeq}`,
        orderId: order.id,
        reason: cause,
        availableAt,
        snapshot: {
          cause,
          programVersionId: frozen!.programVersionId,
          earnBase: earning.earnBase,
          points: earning.points,
          firings: earning.firings,
          notEarned: earning.notEarned,
          tier: frozen!.tier.name,
          tierMultiplier: frozen!.tier.multiplier,
          orderOrdinal: frozen!.orderOrdinal,
        } as unknown as Prisma.InputJsonValue,
      },
      now,
    );
    await markMetafieldsDirty(tx, shop, customer.id, now);
    if (delta > 0) {
      const shopRow = await tx.shop.findUniqueOrThrow({ where: { shop } });
      const refreshed = await tx.customer.findUniqueOrThrow({ where: { id: customer.id } });
      await upgradeTierIfEarned(tx, (await currentProgramVersion(tx, shop)).program, refreshed, shopRow.timeZone, now);
    }
  }

  return { shopifyOrderId: order.shopifyOrderId, customerId: customer?.id ?? null, points: target, delta };
}

