// "What would this change have done over the last 90 days?" Pure: the service loads the orders and
// members; this replays the orders under both programs and compares the outcome.
import { computeOrderEarning } from "./earn";
import { tierFor } from "./tiers";
import type { EarnContext, OrderFacts, Points, Program, Tier } from "./types";

export interface SimulatedOrder {
  facts: OrderFacts;
  /** What the order earned under (tier, ordinal, prior spend), frozen when it first earned. */
  context: EarnContext;
  /** The program the order actually earned under. */
  program: Program;
  customerId: string;
}

export interface SimulatedMember {
  customerId: string;
  /** Tier the member holds now; null = none recorded yet (the entry tier). */
  tierName: string | null;
  /** What the draft's tiers would measure now: points earned or spend over the draft's period. */
  basisValue: number;
}

export interface SimulationResult {
  orders: number;
  pointsBefore: Points;
  pointsAfter: Points;
  /** Points the draft would have issued minus what was issued, over the orders replayed. */
  pointsDelta: Points;
  members: number;
  upgrades: number;
  downgrades: number;
  /** Members per tier name under the draft. */
  tierCounts: Record<string, number>;
}

/** The tier a member of the draft program would hold, matched by name where the tier still exists. */
function tierUnderDraft(draft: Program, member: SimulatedMember, extraPoints: Points): Tier {
  const value = member.basisValue + (draft.tierBasis === "points_earned" ? extraPoints : 0);
  return tierFor(draft.tiers, Math.max(0, value));
}

function tierRank(tiers: Tier[], name: string | null): number {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  const index = sorted.findIndex((tier) => tier.name === name);
  return index < 0 ? 0 : index;
}

export function simulateProgramChange(
  draft: Program,
  current: Program,
  orders: SimulatedOrder[],
  members: SimulatedMember[],
): SimulationResult {
  let pointsBefore = 0;
  let pointsAfter = 0;
  const deltaByMember = new Map<string, number>();
  for (const order of orders) {
    const before = computeOrderEarning(order.facts, order.program, order.context).points;
    // The same order under the draft, with the member's tier renamed/re-priced as the draft defines it.
    const draftTier =
      draft.tiers.find((tier) => tier.name === order.context.tier.name) ??
      tierFor(draft.tiers, order.context.tier.threshold);
    const after = computeOrderEarning(order.facts, draft, {
      ...order.context,
      tier: draftTier,
    }).points;
    pointsBefore += before;
    pointsAfter += after;
    deltaByMember.set(
      order.customerId,
      (deltaByMember.get(order.customerId) ?? 0) + after - before,
    );
  }
  let upgrades = 0;
  let downgrades = 0;
  const tierCounts: Record<string, number> = Object.fromEntries(
    draft.tiers.map((tier) => [tier.name, 0]),
  );
  for (const member of members) {
    const held =
      current.tiers.find((tier) => tier.name === member.tierName) ?? tierFor(current.tiers, 0);
    const next = tierUnderDraft(draft, member, deltaByMember.get(member.customerId) ?? 0);
    tierCounts[next.name] = (tierCounts[next.name] ?? 0) + 1;
    // Compare by position in each program's ladder, so a renamed tier is not counted as a change.
    const from = tierRank(current.tiers, held.name);
    const to = tierRank(draft.tiers, next.name);
    if (to > from) upgrades++;
    else if (to < from) downgrades++;
  }
  return {
    orders: orders.length,
    pointsBefore,
    pointsAfter,
    pointsDelta: pointsAfter - pointsBefore,
    members: members.length,
    upgrades,
    downgrades,
    tierCounts,
  };
}
