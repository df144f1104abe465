// A shop's engagement settings: badges, the opt-in leaderboard, onboarding journeys and which
// Shopify Flow triggers are sent. Stored as one JSON document per shop (EngagementSettings);
// a shop without one gets DEFAULT_ENGAGEMENT (./engagement-schema), where everything is off, so
// nothing changes for a merchant until they switch something on. Pure and without zod: the
// Engagement page's browser bundle imports this module; the schemas live in ./engagement-schema.
import type { Messages } from "../i18n/en";
import { ruleDescription, type BadgeDefinition } from "./badges";
import type { JourneySettings, JourneyStepId } from "./journeys";

/** Flow trigger extension handles (extensions/flow-*), one per event kind. */
export const FLOW_TRIGGERS = {
  points_earned: "tally-points-earned",
  reward_redeemed: "tally-reward-redeemed",
  tier_changed: "tally-tier-changed",
  points_expiring: "tally-points-expiring",
  badge_earned: "tally-badge-earned",
  journey_step: "tally-journey-step",
  birthday: "tally-birthday",
  referral_completed: "tally-referral-completed",
} as const;

export type FlowTriggerKind = keyof typeof FLOW_TRIGGERS;
/** Triggers a merchant switches on or off; journey steps are sent whenever a journey is on. */
export type OptionalFlowTrigger = Exclude<FlowTriggerKind, "journey_step">;
export const OPTIONAL_TRIGGERS = [
  "points_earned",
  "reward_redeemed",
  "tier_changed",
  "points_expiring",
  "badge_earned",
  "birthday",
  "referral_completed",
] as const satisfies readonly OptionalFlowTrigger[];

export interface EngagementSettings {
  badges: BadgeDefinition[];
  leaderboard: { enabled: boolean };
  journeys: Record<JourneyStepId, JourneySettings>;
  flowTriggers: Record<OptionalFlowTrigger, boolean>;
}

/** Badges a merchant can switch on; all off until they do. */
export const DEFAULT_BADGES: BadgeDefinition[] = [
  {
    id: "first-order",
    name: "First order",
    description: "Placed a first order",
    enabled: false,
    bonusPoints: 0,
    rule: { kind: "first_order" },
  },
  {
    id: "fifth-order",
    name: "Regular",
    description: "Placed 5 orders",
    enabled: false,
    bonusPoints: 0,
    rule: { kind: "nth_order", orders: 5 },
  },
  {
    id: "big-order",
    name: "Big basket",
    description: "One order of 200.00 or more",
    enabled: false,
    bonusPoints: 0,
    rule: { kind: "big_order", minimumBase: 20_000 },
  },
  {
    id: "gold",
    name: "Gold member",
    description: "Reached the Gold tier",
    enabled: false,
    bonusPoints: 0,
    rule: { kind: "tier_reached", tierName: "Gold" },
  },
  {
    id: "spend-1000",
    name: "Big spender",
    description: "Spent 1,000.00 in total",
    enabled: false,
    bonusPoints: 0,
    rule: { kind: "lifetime_spend", amount: 100_000 },
  },
];

/**
 * A badge's name and description as the admin shows them beside its switch: texts Tally wrote
 * (a shipped badge's name, the description generated from its threshold) in the admin's words;
 * what the merchant wrote, as written. The stored texts, which shoppers see, are unchanged.
 */
export function badgeInWords(
  badge: BadgeDefinition,
  currencyExponent: number,
  words: Messages["engagement"],
  locale: string,
): { name: string; description: string } {
  const own = tallysBadgeTexts(badge, badge.name, currencyExponent);
  const description = !own.description
    ? badge.description
    : badge.rule.kind === "first_order"
      ? words.badgeRule.firstOrder
      : (ruleDescription(badge.rule, currencyExponent, words.badgeRule, locale) ??
        badge.description);
  const name = own.name ? (words.defaultBadgeNames[badge.id] ?? badge.name) : badge.name;
  return { name, description };
}

/**
 * Which of a badge's texts Tally wrote, and so may word in the reader's language: `name` (as
 * awarded, or the badge's current one) is the shipped badge's own; the description is the text
 * generated from its rule or the shipped one. What the merchant typed is theirs.
 */
export function tallysBadgeTexts(
  badge: BadgeDefinition,
  name: string,
  currencyExponent: number,
): { name: boolean; description: boolean } {
  const shipped = DEFAULT_BADGES.find((d) => d.id === badge.id);
  const generated = [ruleDescription(badge.rule, currencyExponent), shipped?.description];
  return {
    name: shipped !== undefined && name === shipped.name,
    description: badge.description !== "" && generated.includes(badge.description),
  };
}

export type EngagementValidation =
  | { ok: true; settings: EngagementSettings }
  | { ok: false; errors: { path: string; message: string }[] };
