// HTTP status and shopper-facing message for each redemption error code (stable codes; the
// extensions translate by code).
export const REDEEM_ERRORS = {
  REWARD_UNAVAILABLE: { status: 409, message: "This reward is not available to you." },
  INSUFFICIENT_POINTS: {
    status: 409,
    message: "You do not have enough points for this reward yet.",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: "This Idempotency-Key was already used for another request.",
  },
  REDEMPTION_IN_PROGRESS: {
    status: 409,
    message: "This redemption is still being processed; try again in a moment.",
  },
  SHOPIFY_UNAVAILABLE: {
    status: 502,
    message: "We could not create your reward right now. Your points were not spent.",
  },
} as const;
