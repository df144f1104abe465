// A shop's engagement settings: badges, the opt-in leaderboard, onboarding journeys and which
// Shopify Flow triggers are sent. Stored as one JSON document per shop (EngagementSettings);
// a shop without one gets DEFAULT_ENGAGEMENT, where everything is off, so nothing changes for a
// merchant until they switch something on.
import { z } from "zod";
import { parseWithPlainIssues } from "./plain-issues";
import type { Messages } from "../i18n/en";
import { badgeDefinitionSchema, ruleDescription, type BadgeDefinition } from "./badges";
import {
  journeySettingsSchema,
  JOURNEY_STEPS,
  type JourneyStepId,
  type JourneySettings,
} from "./journeys";

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
const OPTIONAL_TRIGGERS = [
  "points_earned",
  "reward_redeemed",
  "tier_changed",
  "points_expiring",
  "badge_earned",
  "birthday",
  "referral_completed",
] as const satisfies readonly OptionalFlowTrigger[];

const journeysSchema = z.object(
  Object.fromEntries(
    JOURNEY_STEPS.map((step) => [
      step.id,
      journeySettingsSchema.default({ enabled: false, bonusPoints: 0 }),
    ]),
  ) as Record<JourneyStepId, z.ZodDefault<typeof journeySettingsSchema>>,
);

export const engagementSchema = z
  .object({
    badges: z.array(badgeDefinitionSchema).max(50).default([]),
    leaderboard: z.object({ enabled: z.boolean() }).default({ enabled: false }),
    journeys: journeysSchema.default(
      Object.fromEntries(
        JOURNEY_STEPS.map((step) => [step.id, { enabled: false, bonusPoints: 0 }]),
      ) as Record<JourneyStepId, JourneySettings>,
    ),
    flowTriggers: z
      .object(
        Object.fromEntries(
          OPTIONAL_TRIGGERS.map((kind) => [kind, z.boolean().default(false)]),
        ) as Record<OptionalFlowTrigger, z.ZodDefault<z.ZodBoolean>>,
      )
      .default(
        Object.fromEntries(OPTIONAL_TRIGGERS.map((kind) => [kind, false])) as Record<
          OptionalFlowTrigger,
          boolean
        >,
      ),
  })
  .superRefine((value, context) => {
    const seen = new Set<string>();
    value.badges.forEach((badge, index) => {
      if (seen.has(badge.id))
        context.addIssue({
          code: "custom",
          path: ["badges", index, "id"],
          message: `badge id "${badge.id}" is used twice`,
        });
      seen.add(badge.id);
    });
  });

export type EngagementSettings = z.infer<typeof engagementSchema>;

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

export const DEFAULT_ENGAGEMENT: EngagementSettings = engagementSchema.parse({
  badges: DEFAULT_BADGES,
});

export type EngagementValidation =
  | { ok: true; settings: EngagementSettings }
  | { ok: false; errors: { path: string; message: string }[] };

export function validateEngagement(input: unknown): EngagementValidation {
  const parsed = parseWithPlainIssues(engagementSchema, input);
  return parsed.ok ? { ok: true, settings: parsed.data } : parsed;
}

/** A stored document; a row written by an older version still parses (defaults fill the gaps). */
export function parseStoredEngagement(config: unknown): EngagementSettings {
  const parsed = engagementSchema.safeParse(config);
  return parsed.success ? parsed.data : DEFAULT_ENGAGEMENT;
}
