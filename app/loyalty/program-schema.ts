// Validation of a Program that arrives as untrusted JSON (admin form, API, import).
// Messages are written for a merchant reading them next to the field named by `path`, and read
// when a program is checked, so they come in the admin language of that request.
import { z } from "zod";
import { adminText } from "../i18n";
import { parseWithPlainIssues } from "./plain-issues";
import type { Program, ReferralRule } from "./types";

const say = adminText.validation;
const hints = adminText.validation.hints;
const check = adminText.validation.program;

const MAX_MULTIPLIER = 1000; // 10x; integer percent, 100 = 1x
const MAX_POINTS = 10_000_000;
const MAX_POINTS_PER_UNIT = 100_000;
const MAX_SPEND_UNIT = 1_000_000;
const MAX_DAYS = 3650;
const MAX_LIST = 1000;

/**
 * One sentence for every way a whole-number field can be wrong (text, a fraction, out of range),
 * so "abc", "1.5" and "-1" all tell the merchant what to type; an empty field says it is required.
 */
function wholeNumber(min: number, max: number, hint = () => "", message?: () => string) {
  const text = () => message?.() ?? say.wholeNumberBetween(min, max) + hint();
  const typed = (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === "" || issue.input === null ? say.required : text();
  return z
    .number({ error: typed })
    .int({ error: text })
    .min(min, { error: text })
    .max(max, { error: text });
}

const multiplier = wholeNumber(1, MAX_MULTIPLIER, () => hints.multiplier);
const points = wholeNumber(0, MAX_POINTS);
const minor = wholeNumber(0, Number.MAX_SAFE_INTEGER, undefined, () => say.amountAtLeastZero);

function text(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { error: () => say.required })
    .max(maxLength, { error: () => say.textAtMost(maxLength) });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_LIST, { error: () => say.listAtMost(MAX_LIST) });
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Accepts a Date or an ISO 8601 date-time that names its offset; anything else is ambiguous. */
const dateTime = z.unknown().transform((value, ctx): Date => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const match = typeof value === "string" ? ISO_DATE_TIME.exec(value) : null;
  if (match) {
    const [, y, m, d] = match.map(Number);
    // Date.parse silently rolls 2025-02-30 into March; reject impossible days instead.
    const realDay = new Date(Date.UTC(y, m - 1, d)).getUTCDate();
    const parsed = new Date(value as string);
    if (realDay === d && !Number.isNaN(parsed.getTime())) return parsed;
  }
  ctx.addIssue({ code: "custom", message: say.dateTime });
  return z.NEVER;
});

const fixedBonus = z.object({ enabled: z.boolean(), points });

const purchaseRule = z
  .object({
    enabled: z.boolean(),
    pointsPerUnit: wholeNumber(0, MAX_POINTS_PER_UNIT, () => hints.pointsPerUnit),
    // Versions saved before the field existed earned per 1 unit.
    spendUnit: wholeNumber(1, MAX_SPEND_UNIT, () => hints.spendUnit).default(1),
    minimumSubtotal: minor.nullable(),
    productMultipliers: list(z.object({ productId: text(255), multiplier })),
    collectionMultipliers: list(
      z.object({
        collectionId: z
          .string()
          .trim()
          .min(1, { error: () => check.chooseCollection })
          .max(255, { error: () => say.textAtMost(255) }),
        multiplier,
      }),
    ),
    campaigns: list(
      z.object({ name: text(100), multiplier, startsAt: dateTime, endsAt: dateTime }),
    ),
  })
  .superRefine((rule, ctx) => {
    rule.campaigns.forEach((campaign, i) => {
      if (campaign.endsAt.getTime() <= campaign.startsAt.getTime()) {
        ctx.addIssue({
          code: "custom",
          path: ["campaigns", i, "endsAt"],
          message: check.campaignEndsAfterStart(campaign.name),
        });
      }
    });
    // Two multipliers for one product would make the result depend on list order.
    flagDuplicates(
      ctx,
      rule.productMultipliers,
      (m) => m.productId,
      "productId",
      "productMultipliers",
      check.productMultiplierTwice,
    );
    flagDuplicates(
      ctx,
      rule.collectionMultipliers,
      (m) => m.collectionId,
      "collectionId",
      "collectionMultipliers",
      check.collectionMultiplierTwice,
    );
  });

const spendMilestones = z
  .object({
    enabled: z.boolean(),
    milestones: list(
      z.object({
        lifetimeSpend: wholeNumber(
          1,
          Number.MAX_SAFE_INTEGER,
          undefined,
          () => say.amountAboveZero,
        ),
        points,
      }),
    ),
  })
  .superRefine((rule, ctx) => {
    flagDuplicates(
      ctx,
      rule.milestones,
      (m) => String(m.lifetimeSpend),
      "lifetimeSpend",
      "milestones",
      check.milestoneTwice,
    );
  });

const referralRule = z
  .object({
    enabled: z.boolean(),
    advocatePoints: points,
    friendDiscount: z.object({
      kind: z.enum(["fixed_amount", "percentage"]),
      value: wholeNumber(1, Number.MAX_SAFE_INTEGER, undefined, () => say.amountOrPercentAboveZero),
    }),
    friendCodeDays: wholeNumber(1, 365, () => hints.days),
    advocateWeeklyLimit: wholeNumber(0, 1000, () => hints.weeklyLimit),
    ipWeeklyHold: wholeNumber(1, 1000, () => hints.ipWeeklyHold),
  })
  .superRefine((rule, ctx) => {
    if (rule.friendDiscount.kind === "percentage" && rule.friendDiscount.value > 100)
      ctx.addIssue({
        code: "custom",
        path: ["friendDiscount", "value"],
        message: check.percentageOff,
      });
  });

const expiry = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  z.object({ mode: z.literal("after_earning"), days: wholeNumber(1, MAX_DAYS, () => hints.days) }),
  z.object({
    mode: z.literal("after_inactivity"),
    days: wholeNumber(1, MAX_DAYS, () => hints.days),
  }),
]);

const tiers = z
  .array(
    z.object({
      name: text(60),
      threshold: wholeNumber(0, Number.MAX_SAFE_INTEGER, undefined, () => say.tierThreshold),
      multiplier,
    }),
  )
  .min(1, { error: () => check.entryTierNeeded })
  .max(50, { error: () => say.listAtMost(50) })
  .superRefine((list, ctx) => {
    if (list.length > 0 && list[0].threshold !== 0) {
      ctx.addIssue({
        code: "custom",
        path: [0, "threshold"],
        message: check.entryTierAtZero,
      });
    }
    for (let i = 1; i < list.length; i++) {
      if (list[i].threshold <= list[i - 1].threshold) {
        ctx.addIssue({
          code: "custom",
          path: [i, "threshold"],
          message: check.tiersSorted(
            list[i].name,
            list[i].threshold,
            list[i - 1].name,
            list[i - 1].threshold,
          ),
        });
      }
    }
    flagDuplicates(ctx, list, (t) => t.name.toLowerCase(), "name", null, check.tierNameTwice);
  });

function flagDuplicates<T>(
  ctx: z.RefinementCtx,
  items: T[],
  keyOf: (item: T) => string,
  field: string,
  listPath: string | null,
  message: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) {
      const path = listPath === null ? [i, field] : [listPath, i, field];
      ctx.addIssue({ code: "custom", path, message });
    }
    seen.add(key);
  });
}

/** Off, with values that make switching it on one click. */
export const DEFAULT_REFERRALS: ReferralRule = {
  enabled: false,
  advocatePoints: 500,
  friendDiscount: { kind: "fixed_amount", value: 1000 },
  friendCodeDays: 30,
  advocateWeeklyLimit: 5,
  ipWeeklyHold: 3,
};

export const PROGRAM_NAME_DEFAULT = "Rewards";
export const POINTS_NAME_DEFAULT = "points";

export const programSchema: z.ZodType<Program> = z.object({
  // Defaults so versions saved before these fields existed still parse.
  name: text(60).default(PROGRAM_NAME_DEFAULT),
  pointsName: text(30).default(POINTS_NAME_DEFAULT),
  currencyExponent: wholeNumber(0, 4, () => hints.currencyExponent),
  purchase: purchaseRule,
  signup: fixedBonus,
  accountActivation: fixedBonus,
  birthday: fixedBonus,
  firstOrder: fixedBonus,
  everyNthOrder: fixedBonus.extend({
    every: wholeNumber(2, 1000, () => hints.everyNthOrder),
  }),
  spendMilestones,
  // Versions saved before referrals existed read as "off".
  referrals: referralRule.default(() => structuredClone(DEFAULT_REFERRALS)),
  pendingDays: wholeNumber(0, MAX_DAYS, () => hints.days),
  expiry,
  // Defaults keep programs saved before these settings existed valid.
  expiryNoticeDays: wholeNumber(0, MAX_DAYS, () => hints.days).default(14),
  tierBasis: z.enum(["points_earned", "amount_spent"]),
  tierPeriod: z.enum(["lifetime", "trailing_12_months", "calendar_year"]),
  tiers,
  tierGraceDays: wholeNumber(0, MAX_DAYS, () => hints.days).default(0),
});

export interface ProgramValidationError {
  /** Dot-joined location, e.g. "tiers.1.threshold"; "" for the program itself. */
  path: string;
  message: string;
}

export type ProgramValidation =
  { ok: true; program: Program } | { ok: false; errors: ProgramValidationError[] };

/** Messages in plain words (decision 034): the schema's own sentences, else `plainIssueMessage`'s. */
export function validateProgram(input: unknown): ProgramValidation {
  const result = parseWithPlainIssues(programSchema, input);
  return result.ok ? { ok: true, program: result.data } : { ok: false, errors: result.errors };
}
