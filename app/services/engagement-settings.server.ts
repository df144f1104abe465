// The engagement admin page's use cases: read the settings with what the form needs, and save a
// validated change (everything or nothing).
import type { Db } from "../db.server";
import { descriptionsFollowRules } from "../loyalty/badges";
import { DEFAULT_BADGES, type EngagementSettings } from "../loyalty/engagement";
import { validateEngagement } from "../loyalty/engagement-schema";
import { toFieldErrors, type FieldErrors } from "../loyalty/plain-issues";
import { JOURNEY_STEPS } from "../loyalty/journeys";
import { loadEngagementVersion, saveEngagementIfUnchanged } from "../models/engagement.server";
import { currentProgramVersion } from "../models/program.server";

export interface EngagementPage {
  settings: EngagementSettings;
  /** When the settings were last saved (ISO; null: never): the form sends it back with a save. */
  updatedAt: string | null;
  tierNames: string[];
  currencyCode: string;
  currencyExponent: number;
  journeySteps: { id: string; days: number; purpose: string }[];
}

export async function engagementPage(db: Db, shop: string): Promise<EngagementPage> {
  const [stored, version, shopRow] = await Promise.all([
    loadEngagementVersion(db, shop),
    currentProgramVersion(db, shop),
    db.shop.findUniqueOrThrow({ where: { shop } }),
  ]);
  return {
    settings: stored.settings,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    tierNames: version.program.tiers.map((tier) => tier.name),
    currencyCode: shopRow.currencyCode,
    currencyExponent: shopRow.currencyExponent,
    journeySteps: JOURNEY_STEPS.map((step) => ({ ...step })),
  };
}

export type EngagementUpdate =
  | { status: "saved"; settings: EngagementSettings; updatedAt: string }
  | { status: "invalid"; errors: FieldErrors }
  /** Someone saved since the form was loaded; nothing was written. */
  | { status: "stale" };

/**
 * Validates and saves everything or nothing. `base` is the updatedAt the form was loaded with
 * (null: the shop had never saved settings). Badge descriptions generated from a threshold follow
 * a changed threshold.
 */
export async function updateEngagement(
  db: Db,
  shop: string,
  input: unknown,
  base: string | null,
  now: Date,
): Promise<EngagementUpdate> {
  const validated = validateEngagement(input);
  if (!validated.ok) return { status: "invalid", errors: toFieldErrors(validated.errors) };
  const [stored, shopRow] = await Promise.all([
    loadEngagementVersion(db, shop),
    db.shop.findUniqueOrThrow({ where: { shop }, select: { currencyExponent: true } }),
  ]);
  const settings: EngagementSettings = {
    ...validated.settings,
    badges: descriptionsFollowRules(
      stored.settings.badges,
      validated.settings.badges,
      shopRow.currencyExponent,
      DEFAULT_BADGES,
    ),
  };
  const saved = await saveEngagementIfUnchanged(
    db,
    shop,
    settings,
    base === null ? null : new Date(base),
    now,
  );
  return saved
    ? { status: "saved", settings, updatedAt: saved.toISOString() }
    : { status: "stale" };
}
