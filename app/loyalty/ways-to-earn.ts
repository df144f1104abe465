// What the shopper's Rewards page lists under "Ways to earn" (decision 032): every enabled earn rule
// of the program, with this shopper's numbers (tier multiplier, orders so far, spend so far).
// Referrals (decision 036) are listed with the member's own link (decision 042).
import type { ShopperFriendDiscount, WayToEarn } from "../contracts/shopper-api";
import type { Program, ReferralRule } from "./types";

export interface EarnerFacts {
  /** The shopper's tier: name and integer percent multiplier (125 = 1.25×). */
  tier: { name: string; multiplier: number };
  orderCount: number;
  /** Lifetime spend in minor units. */
  lifetimeSpend: number;
  signedIn: boolean;
  /** The member's referral link; null for a shopper who is not a member yet. */
  referralLink: string | null;
}

/** The friend's gift as a shopper reads it: a percentage, or an amount in major units. */
export function friendDiscountOf(
  rule: ReferralRule,
  currencyExponent: number,
  currency: string,
): ShopperFriendDiscount {
  const { kind, value } = rule.friendDiscount;
  return {
    kind,
    value: kind === "percentage" ? value : value / 10 ** currencyExponent,
    currency,
  };
}

export function waysToEarn(program: Program, facts: EarnerFacts, currency: string): WayToEarn[] {
  const major = (minor: number) => minor / 10 ** program.currencyExponent;
  const ways: WayToEarn[] = [];
  const { purchase } = program;
  if (purchase.enabled && purchase.pointsPerUnit > 0)
    ways.push({
      kind: "purchase",
      points: (purchase.pointsPerUnit * facts.tier.multiplier) / 100,
      spend: purchase.spendUnit,
      currency,
      tierMultiplier: facts.tier.multiplier / 100,
      tier: facts.tier.name,
      minimumSubtotal: purchase.minimumSubtotal === null ? null : major(purchase.minimumSubtotal),
    });
  if (program.signup.enabled) ways.push({ kind: "signup", points: program.signup.points });
  if (program.accountActivation.enabled)
    ways.push({
      kind: "first_login",
      points: program.accountActivation.points,
      done: facts.signedIn,
    });
  if (program.birthday.enabled) ways.push({ kind: "birthday", points: program.birthday.points });
  if (program.firstOrder.enabled)
    ways.push({
      kind: "first_order",
      points: program.firstOrder.points,
      done: facts.orderCount > 0,
    });
  const nth = program.everyNthOrder;
  if (nth.enabled)
    ways.push({
      kind: "every_nth_order",
      points: nth.points,
      every: nth.every,
      ordersSoFar: facts.orderCount,
      ordersToNext: nth.every - (facts.orderCount % nth.every),
    });
  if (program.spendMilestones.enabled)
    for (const milestone of [...program.spendMilestones.milestones].sort(
      (a, b) => a.lifetimeSpend - b.lifetimeSpend,
    ))
      ways.push({
        kind: "spend_milestone",
        points: milestone.points,
        spend: major(milestone.lifetimeSpend),
        spentSoFar: major(Math.min(facts.lifetimeSpend, milestone.lifetimeSpend)),
        currency,
        done: facts.lifetimeSpend >= milestone.lifetimeSpend,
      });
  if (program.referrals.enabled)
    ways.push({
      kind: "referral",
      points: program.referrals.advocatePoints,
      friendDiscount: friendDiscountOf(program.referrals, program.currencyExponent, currency),
      link: facts.referralLink,
    });
  return ways;
}
