// What an order earns, as a pure function of everything known about it (design §1–2).
// The storage layer keeps the order's ledger total equal to this target with reconcileDelta,
// so duplicated, late or out-of-order deliveries converge on the same points.
import { earnBase, earnBaseBeforeRefunds, lineEarnValues } from "./earn-base";
import { purchasePoints } from "./purchase-points";
import type {
  EarnContext,
  FixedBonusRule,
  NotEarnedReason,
  OrderEarning,
  OrderFacts,
  Points,
  Program,
  RuleFiring,
} from "./types";

export { earnBase } from "./earn-base";

/**
 * The most one order earns, whatever the rules give. An order worth more (a huge order at a high
 * earn rate, or in a currency with very small units) is credited this much and says so; without a
 * cap a single order could take a member past what their balance can hold, and every later delivery
 * of the order would fail.
 */
export const MAX_ORDER_POINTS = 100_000_000;

/** The order's lines with the collections their products were in (see EarnContext). */
export function withProductCollections(
  facts: OrderFacts,
  productCollections: Record<string, string[]> | undefined,
): OrderFacts {
  if (!productCollections) return facts;
  return {
    ...facts,
    lines: facts.lines.map((line) => ({
      ...line,
      collectionIds: (line.productId && productCollections[line.productId]) || line.collectionIds,
    })),
  };
}

export function computeOrderEarning(
  facts: OrderFacts,
  program: Program,
  ctx: EarnContext,
): OrderEarning {
  const lines = lineEarnValues(withProductCollections(facts, ctx.productCollections));
  const base = earnBase(facts);

  // These void the whole order, bonuses included: a cancellation reverses everything.
  const blocked: NotEarnedReason[] = [];
  if (facts.customerId === null) blocked.push("guest_order");
  if (!facts.paid) blocked.push("not_paid");
  if (facts.cancelled) blocked.push("cancelled");
  if (blocked.length > 0) return { earnBase: base, points: 0, firings: [], notEarned: blocked };

  const notEarned: NotEarnedReason[] = [];
  const firings: RuleFiring[] = [];
  if (base === 0) {
    notEarned.push(earnBaseBeforeRefunds(facts) > 0 ? "fully_refunded" : "zero_earn_base");
  }

  const rule = program.purchase;
  if (!rule.enabled) {
    notEarned.push("purchase_rule_disabled");
  } else if (base > 0 && rule.minimumSubtotal !== null && base < rule.minimumSubtotal) {
    notEarned.push("below_minimum_subtotal");
  } else if (base > 0) {
    const result = purchasePoints(lines, rule, ctx.tier, facts.placedAt, program.currencyExponent);
    firings.push({
      rule: "purchase",
      points: result.points,
      detail: {
        earnBase: base,
        currencyExponent: program.currencyExponent,
        pointsPerUnit: rule.pointsPerUnit,
        spendUnit: rule.spendUnit,
        multipliedEarnBase: result.multipliedBase,
        lineMultipliers:
          result.lineMultipliers.length > 0 ? result.lineMultipliers.join(", ") : null,
        // Which collections' multipliers applied ("id×200"), for the explanation.
        collectionMultipliers:
          result.collectionMultipliers.length > 0 ? result.collectionMultipliers.join(", ") : null,
        campaign: result.campaign?.name ?? null,
        campaignMultiplier: result.campaign?.multiplier ?? 100,
        tier: ctx.tier.name,
        tierMultiplier: ctx.tier.multiplier,
        minimumSubtotal: rule.minimumSubtotal,
      },
    });
  }

  // Order bonuses need an order that is still worth something: otherwise buying and
  // refunding would keep the bonus.
  if (base > 0) firings.push(...orderCountBonuses(program, ctx));
  firings.push(...milestoneBonuses(program, ctx, base));

  const points = firings.reduce((sum, f) => sum + f.points, 0);
  if (!Number.isSafeInteger(points)) {
    throw new RangeError(`Points for order ${facts.orderId} exceed the largest exact integer`);
  }
  if (points > MAX_ORDER_POINTS)
    return {
      earnBase: base,
      points: MAX_ORDER_POINTS,
      firings,
      notEarned: [...notEarned, "order_points_capped"],
    };
  return { earnBase: base, points, firings, notEarned };
}

function orderCountBonuses(program: Program, ctx: EarnContext): RuleFiring[] {
  const firings: RuleFiring[] = [];
  const { firstOrder, everyNthOrder } = program;
  if (firstOrder.enabled && ctx.orderOrdinal === 1) {
    firings.push({
      rule: "first_order",
      points: firstOrder.points,
      detail: { orderOrdinal: ctx.orderOrdinal },
    });
  }
  const every = everyNthOrder.every;
  if (
    everyNthOrder.enabled &&
    every > 0 &&
    ctx.orderOrdinal >= 1 &&
    ctx.orderOrdinal % every === 0
  ) {
    firings.push({
      rule: "every_nth_order",
      points: everyNthOrder.points,
      detail: { orderOrdinal: ctx.orderOrdinal, every },
    });
  }
  return firings;
}

/** One firing per milestone this order reaches: before < milestone ≤ before + base. */
function milestoneBonuses(program: Program, ctx: EarnContext, base: number): RuleFiring[] {
  const rule = program.spendMilestones;
  if (!rule.enabled) return [];
  const before = ctx.lifetimeSpendBefore;
  const after = before + base;
  return [...rule.milestones]
    .sort((a, b) => a.lifetimeSpend - b.lifetimeSpend)
    .filter((m) => before < m.lifetimeSpend && m.lifetimeSpend <= after)
    .map((m) => ({
      rule: "spend_milestone" as const,
      points: m.points,
      detail: {
        milestone: m.lifetimeSpend,
        lifetimeSpendBefore: before,
        lifetimeSpendAfter: after,
      },
    }));
}

/** Points for signup, account activation or birthday; nothing when the rule is off. */
export function fixedBonus(rule: FixedBonusRule): Points {
  return rule.enabled ? rule.points : 0;
}

/**
 * The entry to append so an order's ledger total equals its target: positive → earn,
 * negative → reverse, 0 → nothing to write.
 */
export function reconcileDelta(target: Points, alreadyCredited: Points): Points {
  return target - alreadyCredited;
}
