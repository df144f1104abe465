// The engagement admin page's use cases: read the settings with what the form needs, and save a
// validated change (everything or nothing).
import type { Db } from "../db.server";
import { validateEngagement, type EngagementSettings } from "../loyalty/engagement";
import { JOURNEY_STEPS } from "../loyalty/journeys";
import { loadEngagement, saveEngagement } from "../models/engagement.server";
import { currentProgramVersion } from "../models/program.server";

export interface EngagementPage {
  settings: EngagementSettings;
  tierNames: string[];
  currencyCode: string;
  currencyExponent: number;
  journeySteps: { id: string; days: number; purpose: string }[];
}

export async function engagementPage(db: Db, shop: string): Promise<EngagementPage> {
  const [settings, version, shopRow] = await Promise.all([
    loadEngagement(db, shop),
    currentProgramVersion(db, shop),
    db.shop.findUniqueOrThrow({ where: { shop } }),
  ]);
  return {
    settings,
    tierNames: version.program.tiers.map((tier) => tier.name),
    currencyCode: shopRow.currencyCode,
    currencyExponent: shopRow.currencyExponent,
    journeySteps: JOURNEY_STEPS.map((step) => ({ ...step })),
  };
}

export type EngagementUpdate =
  | { ok: true; settings: EngagementSettings }
  | { ok: false; errors: { path: string; message: string }[] };

export async function updateEngagement(
  db: Db,
  shop: string,
  input: unknown,
): Promise<EngagementUpdate> {
  const validated = validateEngagement(input);
  if (!validated.ok) return validated;
  await saveEngagement(db, shop, validated.settings);
  return { ok: true, settings: validated.settings };
}
