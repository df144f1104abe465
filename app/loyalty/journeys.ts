// Onboarding journeys (design §1, engagement): steps timed from a customer's first order that a
// merchant switches on; each fires once per customer as a Shopify Flow trigger so the merchant's
// own email/SMS tools send the message. Pure: which steps exist and which window makes one due.
export const JOURNEY_STEPS = [
  { id: "first-order-14d", days: 14, purpose: "helpful content about what they bought" },
  {
    id: "first-order-21d",
    days: 21,
    purpose: "invite to create an account (optional bonus points)",
  },
  { id: "first-order-28d", days: 28, purpose: "introduce the loyalty program" },
] as const;

export type JourneyStepId = (typeof JOURNEY_STEPS)[number]["id"];

/** A step's settings (validated by `journeySettingsSchema` in ./engagement-schema). */
export interface JourneySettings {
  enabled: boolean;
  bonusPoints: number;
}

const DAY_MS = 86_400_000;
/**
 * A step is due for first orders between `days` and `days + CATCH_UP_DAYS` ago. The upper bound
 * means switching a journey on does not message every customer of the past years at once, and a
 * job that was down for a few days still catches up.
 */
export const CATCH_UP_DAYS = 7;

/** First orders counted in [from, to) are due for the step at `now`. */
export function dueWindow(days: number, now: Date): { from: Date; to: Date } {
  return {
    from: new Date(now.getTime() - (days + CATCH_UP_DAYS) * DAY_MS),
    to: new Date(now.getTime() - days * DAY_MS + 1),
  };
}

export function journeyBonusKey(step: JourneyStepId, customerId: string): string {
  return `journey:${step}:${customerId}`;
}
