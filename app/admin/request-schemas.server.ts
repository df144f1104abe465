// The admin pages' request schemas that only their loaders and actions read. They live here, not in
// the route files: a route that imports zod at all puts zod's shared chunk (≈ 440 KB minified) in its
// browser bundle, even when only server code uses it — esbuild 0.17's code splitting keeps a bare
// import of a shared chunk for every entry point that reaches it (bench/RESULTS.md, admin vitals).
import { z } from "zod";
import { adminText } from "~/i18n";
import { MEMBER_SORTS } from "~/services/admin-reads.server";
import { DELIMITERS, ENCODINGS } from "~/utils/csv-text";

// PostgreSQL refuses the NUL character in a query (an error, not "no match").
const noNul = (text: string) => !text.includes("\u0000");

/** Home: the merchant marks a block placement done or not done. */
export const placementForm = z.object({
  placement: z.enum(["checkout", "accounts"]),
  done: z.enum(["0", "1"]),
});

/** Members: the list's search, tier filter, sort and keyset cursor. */
export const memberListQuery = z.object({
  q: z
    .string()
    .refine(noNul, { error: () => adminText.members.nulCharacter })
    .optional()
    .default(""),
  tier: z
    .string()
    .max(60)
    .refine(noNul, { error: () => adminText.members.nulCharacter })
    .optional()
    .default(""),
  sort: z.enum(MEMBER_SORTS).catch("balance"),
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
});

/** A member: pin them to a tier (or remove the pin), with the staff member's reason. */
export const tierOverrideForm = z.object({
  tierName: z
    .string()
    .max(100)
    .transform((name) => name || null),
  reason: z
    .string()
    .trim()
    .min(1, { error: () => adminText.member.tierOverrideReasonMissing })
    .max(500, { error: () => adminText.member.tierOverrideReasonTooLong }),
});

/** Referrals: approve or reject a held referral. */
export const referralDecisionForm = z.object({
  referralId: z.string().min(1).max(100),
  decision: z.enum(["approve", "reject"]),
});

/** Import: the upload form's small fields beside the file. */
export const importUploadForm = z.object({
  kind: z.enum(["balances", "history"], { error: () => adminText.import.chooseKind }),
  encoding: z.enum(["auto", ...ENCODINGS]).default("auto"),
  delimiter: z.enum(["auto", ...DELIMITERS]).default("auto"),
});

/** Program: save the draft (against the version it was edited from) or simulate it. */
export const programAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    program: z.unknown(),
    enabled: z.boolean(),
    baseVersion: z.number().int(),
  }),
  z.object({ intent: z.literal("simulate"), program: z.unknown() }),
  z.object({ intent: z.literal("sync-collections") }),
]);

/** A reward: save it or delete it (the reward itself is validated by validateReward). */
export const rewardAction = z.object({ intent: z.string(), reward: z.unknown().optional() });
