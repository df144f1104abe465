// Validation of a shop's engagement settings (./engagement.ts) as they arrive from the admin form or
// are read back from the database. Kept apart from the pure modules the Engagement page imports, so
// zod stays on the server: the browser gets the types and the small helpers only (issue #20).
// Each schema is checked against the hand-written type it validates.
import { z } from "zod";
import type { BadgeDefinition, BadgeRule } from "./badges";
import {
  DEFAULT_BADGES,
  OPTIONAL_TRIGGERS,
  type EngagementSettings,
  type EngagementValidation,
  type OptionalFlowTrigger,
} from "./engagement";
import { JOURNEY_STEPS, type JourneySettings, type JourneyStepId } from "./journeys";
import { parseWithPlainIssues } from "./plain-issues";

export const badgeRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("first_order") }),
  z.object({ kind: z.literal("nth_order"), orders: z.number().int().min(2).max(10_000) }),
  z.object({ kind: z.literal("big_order"), minimumBase: z.number().int().positive() }),
  z.object({ kind: z.literal("tier_reached"), tierName: z.string().min(1).max(60) }),
  z.object({ kind: z.literal("lifetime_spend"), amount: z.number().int().positive() }),
  z.object({ kind: z.literal("custom") }),
]) satisfies z.ZodType<BadgeRule>;

export const badgeDefinitionSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens, at most 40"),
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(200).default(""),
  enabled: z.boolean(),
  bonusPoints: z.number().int().min(0).max(1_000_000).default(0),
  rule: badgeRuleSchema,
}) satisfies z.ZodType<BadgeDefinition>;

export const journeySettingsSchema = z.object({
  enabled: z.boolean(),
  bonusPoints: z.number().int().min(0).max(1_000_000).default(0),
}) satisfies z.ZodType<JourneySettings>;

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
  }) satisfies z.ZodType<EngagementSettings>;

/** Everything off, the standard badges ready to switch on. */
export const DEFAULT_ENGAGEMENT: EngagementSettings = engagementSchema.parse({
  badges: DEFAULT_BADGES,
});

export function validateEngagement(input: unknown): EngagementValidation {
  const parsed = parseWithPlainIssues(engagementSchema, input);
  return parsed.ok ? { ok: true, settings: parsed.data } : parsed;
}

/** A stored document; a row written by an older version still parses (defaults fill the gaps). */
export function parseStoredEngagement(config: unknown): EngagementSettings {
  const parsed = engagementSchema.safeParse(config);
  return parsed.success ? parsed.data : DEFAULT_ENGAGEMENT;
}
