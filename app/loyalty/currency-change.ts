// When a shop's currency really changes (the merchant switched it in Shopify), the program's money
// settings are re-expressed in the new currency's minor units, keeping each figure the merchant typed
// ("minimum 50.00" → "minimum 50" when USD becomes JPY). Tally has no exchange rate and does not
// convert: the merchant reviews the figures (docs/decisions/029). Pure: no I/O.
import type { Minor, Program } from "./types";

/** The same major-unit figure with another exponent; digits that no longer fit are dropped (down). */
export function reexpressMinor(amount: Minor, from: number, to: number): Minor {
  if (to >= from) return amount * 10 ** (to - from);
  const divisor = 10 ** (from - to);
  return Math.sign(amount) * Math.floor(Math.abs(amount) / divisor);
}

export function programInExponent(program: Program, exponent: number): Program {
  const from = program.currencyExponent;
  if (from === exponent) return program;
  const money = (amount: Minor) => reexpressMinor(amount, from, exponent);
  return {
    ...program,
    currencyExponent: exponent,
    purchase: {
      ...program.purchase,
      minimumSubtotal:
        program.purchase.minimumSubtotal === null ? null : money(program.purchase.minimumSubtotal),
    },
    spendMilestones: {
      ...program.spendMilestones,
      milestones: program.spendMilestones.milestones.map((milestone) => ({
        ...milestone,
        lifetimeSpend: money(milestone.lifetimeSpend),
      })),
    },
    tiers:
      program.tierBasis === "amount_spent"
        ? program.tiers.map((tier) => ({ ...tier, threshold: money(tier.threshold) }))
        : program.tiers,
  };
}
