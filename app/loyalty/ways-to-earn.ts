// What the shopper's Rewards page lists under "Ways to earn" (decision 032): every enabled earn rule
// of the program, with this shopper's numbers (tier multiplier, orders so far, spend so far).
// Referrals are not part of the program yet.
import type { WayToEarn } from "../contracts/shopper-api";
import type { Program } from "./types";

export interface EarnerFacts {
  /** The shopper's tier: name and integer percent multiplier (125 = 1.25×). */
  tier: { name: string; multiplier: number };
  orderCount: number;
  /** Lifetime spend in minor units. */
  lifetimeSpend: number;
  signedIn: boolean;
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
  return ways;
}
