// Badges (design §1, engagement): what a badge is and when one is earned. Evaluated from figures
// the order path already holds, so an order that cannot earn a badge costs no query. Each rule
// fires on the event that *crosses* its condition (the 5th order, the order that takes lifetime
// spend past 1,000.00, the upgrade to Gold); the database's unique (customer, badge) row makes
// "awarded exactly once" true whatever repeats or races.
import { en, type Messages } from "../i18n/en";
import { formatMinor } from "./money";
import type { Minor, Points } from "./types";

/** When a badge is earned (validated by `badgeRuleSchema` in ./engagement-schema). */
export type BadgeRule =
  | { kind: "first_order" }
  | { kind: "nth_order"; orders: number }
  /** "Largest receipt": one order whose earn base reaches the amount. */
  | { kind: "big_order"; minimumBase: number }
  | { kind: "tier_reached"; tierName: string }
  | { kind: "lifetime_spend"; amount: number }
  /** Awarded by staff or an integration, never automatically. */
  | { kind: "custom" };

export interface BadgeDefinition {
  /** Stable id: part of the award's unique key and of the bonus entry's idempotency key. */
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  bonusPoints: number;
  rule: BadgeRule;
}

/** What is known when an order is credited. Null fields: this delivery did not change them. */
export interface BadgeEvent {
  /** The order's ordinal when this delivery counted it (1 = first order); null if not counted now. */
  orderOrdinal: number | null;
  /** The order's current earn base, minor units; null when the order is not a paid, live order. */
  orderBase: Minor | null;
  lifetimeSpendBefore: Minor;
  lifetimeSpendAfter: Minor;
  /** The tier the customer was just upgraded to, if any. */
  tierReached: string | null;
  /** The program's tier names, lowest first, so reaching Gold also earns a "Silver reached" badge. */
  tierNames: readonly string[];
}

function fires(rule: BadgeRule, event: BadgeEvent): boolean {
  switch (rule.kind) {
    case "first_order":
      return event.orderOrdinal === 1;
    case "nth_order":
      return event.orderOrdinal === rule.orders;
    case "big_order":
      return event.orderBase !== null && event.orderBase >= rule.minimumBase;
    case "lifetime_spend":
      return event.lifetimeSpendBefore < rule.amount && event.lifetimeSpendAfter >= rule.amount;
    case "tier_reached": {
      if (event.tierReached === null) return false;
      const wanted = event.tierNames.indexOf(rule.tierName);
      return wanted >= 0 && event.tierNames.indexOf(event.tierReached) >= wanted;
    }
    case "custom":
      return false;
  }
}

/** Enabled badges this event earns (before checking which the customer already holds). */
export function badgesEarned(
  definitions: readonly BadgeDefinition[],
  event: BadgeEvent,
): BadgeDefinition[] {
  return definitions.filter((badge) => badge.enabled && fires(badge.rule, event));
}

/** Whether any enabled badge could fire on an order at all; false lets the order path skip the work. */
export function anyOrderBadgeEnabled(definitions: readonly BadgeDefinition[]): boolean {
  return definitions.some((badge) => badge.enabled && badge.rule.kind !== "custom");
}

/** The ledger idempotency key of a badge's bonus: one bonus per customer and badge, ever. */
export function badgeBonusKey(badgeId: string, customerId: string): string {
  return `badge:${badgeId}:${customerId}`;
}

export type { Minor, Points };

export type BadgeRuleWords = Messages["engagement"]["badgeRule"];

/** "1,000.00" in English, "1 000,00" in Polish: an amount in major units, exact (no float). */
function groupedAmount(minor: Minor, currencyExponent: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: currencyExponent,
    maximumFractionDigits: currencyExponent,
  }).format(formatMinor(minor, currencyExponent) as unknown as number);
}

/**
 * The text a badge with a threshold is described by ("One order of 200.00 or more"); null for
 * none. English unless the words and locale of another language are passed.
 */
export function ruleDescription(
  rule: BadgeRule,
  currencyExponent: number,
  words: BadgeRuleWords = en.engagement.badgeRule,
  locale = "en",
): string | null {
  switch (rule.kind) {
    case "nth_order":
      return words.nthOrder(rule.orders);
    case "big_order":
      return words.bigOrder(groupedAmount(rule.minimumBase, currencyExponent, locale));
    case "lifetime_spend":
      return words.lifetimeSpend(groupedAmount(rule.amount, currencyExponent, locale));
    case "tier_reached":
      return words.tierReached(rule.tierName);
    default:
      return null;
  }
}

/**
 * Descriptions follow their thresholds: a badge whose description was the generated text of its
 * previous rule (or the shipped default's) gets the text of its new rule, so raising "One order of
 * 200.00 or more" to 300.00 does not leave the old words behind. A description the merchant wrote
 * is theirs and stays.
 */
export function descriptionsFollowRules(
  previous: readonly BadgeDefinition[],
  next: readonly BadgeDefinition[],
  currencyExponent: number,
  defaults: readonly BadgeDefinition[],
): BadgeDefinition[] {
  return next.map((badge) => {
    const before = previous.find((old) => old.id === badge.id);
    const fresh = ruleDescription(badge.rule, currencyExponent);
    if (!before || fresh === null || badge.description === fresh) return badge;
    const generated = [
      ruleDescription(before.rule, currencyExponent),
      defaults.find((d) => d.id === badge.id)?.description,
    ];
    const unchangedText = badge.description === before.description;
    return unchangedText && generated.includes(badge.description)
      ? { ...badge, description: fresh }
      : badge;
  });
}
