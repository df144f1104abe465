// Switches engagement features on for a test shop, through the same validation the admin page uses.
import { getDb } from "~/db.server";
import type { EngagementSettings } from "~/loyalty/engagement";
import { DEFAULT_ENGAGEMENT, validateEngagement } from "~/loyalty/engagement-schema";
import { saveEngagement } from "~/models/engagement.server";

export async function configureEngagement(
  shop: string,
  change: (settings: EngagementSettings) => EngagementSettings,
): Promise<EngagementSettings> {
  const validated = validateEngagement(change(structuredClone(DEFAULT_ENGAGEMENT)));
  if (!validated.ok) throw new Error(`invalid test settings: ${JSON.stringify(validated.errors)}`);
  await saveEngagement(getDb(), shop, validated.settings);
  return validated.settings;
}

/** All default badges switched on, with the given bonus points each. */
export function allBadgesOn(bonusPoints = 0) {
  return (settings: EngagementSettings): EngagementSettings => ({
    ...settings,
    badges: settings.badges.map((badge) => ({ ...badge, enabled: true, bonusPoints })),
  });
}
