// The contract between the app and its UI extensions (design §4): the shopper API's JSON and the
// `$app:loyalty.status` metafield value. Types only and no imports, so the extensions can import
// them without pulling app code into their bundles.

/** GET /api/loyalty */
export interface ShopperLoyalty {
  balance: number;
  pending: number;
  /** multiplier: the earn factor, 1.25 = 1.25× (the domain's integer percent ÷ 100). */
  tier: { name: string; multiplier: number };
  nextTier: { name: string; threshold: number; remaining: number } | null;
  rewards: { id: string; title: string; cost: number; affordable: boolean }[];
  /**
   * description: the entry in English (for extension builds that predate `line`); line: the same
   * entry as a key and values the extension words in the shopper's language (history.<key>).
   */
  history: {
    at: string;
    points: number;
    kind: string;
    description: string;
    line: { key: string; values: Record<string, string> };
  }[];
  /** Badges the shopper earned, oldest first. */
  badges: ShopperBadge[];
  /** Whether the shop offers the monthly leaderboard, and whether this shopper joined it. */
  leaderboard: { enabled: boolean; optedIn: boolean };
  /** The program's enabled earn rules as they apply to this shopper (decision 032). */
  waysToEarn: WayToEarn[];
  /** The shopper's birthday, null until they set it. */
  birthday: ShopperBirthday | null;
  /** Refer a friend (decision 036): null while the shop runs no referral program or for a non-member. */
  referral: ShopperReferral | null;
  /** The next points to expire under the program's expiry rule and when (ISO 8601); null: none. */
  expiring: PointsExpiring | null;
}

/**
 * A badge the shopper earned. name and description as stored (English for Tally's own texts; the
 * description "" if none). shippedName and rule say which are Tally's own, so the extension words
 * them in the shopper's language (badges.names.<id>, badges.rule.<kind>); a name or description
 * the merchant typed comes without them and is shown as typed.
 */
export interface ShopperBadge {
  id: string;
  name: string;
  description: string;
  awardedAt: string;
  /** The name is the one Tally shipped this badge with. */
  shippedName?: boolean;
  /** The description is Tally's text of the badge's rule: amounts in major units. */
  rule?: ShopperBadgeRule;
}

export type ShopperBadgeRule =
  | { kind: "first_order" }
  | { kind: "nth_order"; orders: number }
  | { kind: "big_order" | "lifetime_spend"; amount: number; currency: string }
  | { kind: "tier_reached"; tier: string };

/** "N points expire on D": the next amount to fall due if nothing else happens (decision 043). */
export interface PointsExpiring {
  points: number;
  at: string;
}

/** GET /api/pos/customers/:id — the customer as staff see them at POS (decision 043). */
export type PosCustomerLoyalty = Pick<
  ShopperLoyalty,
  "balance" | "pending" | "tier" | "nextTier" | "rewards" | "expiring"
> & {
  /** False for a customer Tally has no record of yet (no order, no signup). */
  member: boolean;
};

/**
 * GET /api/pos/program — the program as staff explain it at the register (decision 043): the POS
 * home tile's summary and its modal's rules. The same for every staff member of the shop.
 */
export interface PosProgram {
  /** False while the merchant has paused the program: nothing earns and no way to earn is listed. */
  enabled: boolean;
  /** The program's name ("Tally Rewards"). */
  name: string;
  /** The shop's currency: amounts below are in its major units (12.5 = 12.50). */
  currency: string;
  /** The enabled earn rules as they apply to a new customer (the entry tier). */
  waysToEarn: WayToEarn[];
  /** Enabled rewards; `tiers`: the only tiers that may redeem it, null for every tier. */
  rewards: { id: string; title: string; cost: number; tiers: string[] | null }[];
  /**
   * From the entry tier up. `threshold` counts points earned, or money spent in major units of
   * `currency` when `tierBasis` is amount_spent, over `tierPeriod`; `multiplier` 1.25 = 1.25×.
   */
  tiers: { name: string; threshold: number; multiplier: number }[];
  tierBasis: "points_earned" | "amount_spent";
  tierPeriod: "lifetime" | "trailing_12_months" | "calendar_year";
  /** Days before an order's points become spendable; 0: at once. */
  pendingDays: number;
  /** When points expire; null: never. */
  expiry: { mode: "after_earning" | "after_inactivity"; days: number } | null;
  /**
   * Rewards redeemed since midnight in the shop's time zone whose points were kept (a code the
   * cart refused and released does not count), the points they took, and how many staff redeemed
   * at POS.
   */
  today: { redemptions: number; points: number; atPos: number };
}

/** The member's own referral code and the link to share; what the friend and the advocate get. */
export interface ShopperReferral {
  code: string;
  link: string;
  advocatePoints: number;
  friendDiscount: ShopperFriendDiscount;
}

/** percentage: value is the percent off; fixed_amount: value in major units of `currency`. */
export interface ShopperFriendDiscount {
  kind: "percentage" | "fixed_amount";
  value: number;
  currency: string;
}

/**
 * One way to earn. Amounts of money are in major units of `currency` (12.5 = 12.50), for display.
 * `done`: a one-off bonus this shopper already had (or, for first_order, an order already placed).
 */
export type WayToEarn =
  | {
      kind: "purchase";
      /** Points per `spend` of `currency` at the shopper's tier, tier multiplier included (1.25). */
      points: number;
      spend: number;
      currency: string;
      /** The tier's multiplier (1.25 = 1.25×) and name. */
      tierMultiplier: number;
      tier: string;
      /** The smallest order subtotal that earns, or null. */
      minimumSubtotal: number | null;
    }
  | { kind: "signup"; points: number }
  | { kind: "first_login"; points: number; done: boolean }
  | { kind: "birthday"; points: number }
  | { kind: "first_order"; points: number; done: boolean }
  | {
      kind: "every_nth_order";
      points: number;
      every: number;
      ordersSoFar: number;
      ordersToNext: number;
    }
  | {
      kind: "spend_milestone";
      points: number;
      /** Lifetime spend that reaches the milestone, and how much the shopper has spent so far. */
      spend: number;
      spentSoFar: number;
      currency: string;
      done: boolean;
    }
  | {
      kind: "referral";
      /** Points the member earns per friend whose first order completes. */
      points: number;
      friendDiscount: ShopperFriendDiscount;
      /** The member's own link to share; null for a shopper who is not a member yet. */
      link: string | null;
    };

/** GET /api/loyalty's `birthday`, and POST /api/loyalty/birthday {month, day} → 200. */
export interface ShopperBirthday {
  month: number;
  day: number;
  /** When the shopper may change it again (ISO 8601); null: now. */
  changeableFrom: string | null;
}

/** GET /api/loyalty/leaderboard[?rank=1] (404 LEADERBOARD_DISABLED when the shop has none). */
export interface ShopperLeaderboard {
  /** "2026-11", in the shop's time zone. */
  month: string;
  optedIn: boolean;
  /** Top members by points earned this month; name is masked ("Anna K.") or null when unknown. */
  entries: { rank: number; name: string | null; points: number; you: boolean }[];
  /** Only with rank=1: the shopper's own rank, null when they are not on the board this month. */
  me?: { rank: number; points: number } | null;
}

/**
 * GET /api/loyalty/orders/:id — what one of the shopper's own orders earned, for the thank-you page.
 * `:id` is the numeric Shopify order id (the digits of `gid://shopify/Order/…`); anything else is
 * 422 VALIDATION_FAILED. 404 ORDER_NOT_FOUND both before Tally has received the order's webhook and
 * for an order of another customer or shop, so a caller cannot tell the two apart.
 */
export interface ShopperOrderPoints {
  /** The numeric Shopify order id. */
  orderId: string;
  /**
   * credited: `points` are on the balance; pending: credited but held by the program's pending
   * period until `availableAt`; not_paid: Tally knows the order, it earns once paid; none: paid but
   * earns nothing (excluded products, a past order, fully refunded); cancelled: earns nothing.
   */
  status: "credited" | "pending" | "not_paid" | "none" | "cancelled";
  /** Points the order is worth now (after any refund); 0 unless credited or pending. */
  points: number;
  /** Only when pending: when the points become spendable (ISO 8601). */
  availableAt: string | null;
  /** The member's figures now (this order included), in the metafield's shape. */
  member: {
    balance: number;
    pending: number;
    tier: string;
    nextTier: string | null;
    pointsToNextTier: number | null;
  }; /** The member's referral link and code to share (decision 042); null while the shop runs none. */
  referral: ShopperReferral | null;
}

/** POST /api/loyalty/leaderboard/membership {optIn} → 200 */
export interface LeaderboardMembership {
  optedIn: boolean;
}

/**
 * POST /api/loyalty/redemptions → 201 (or 200 for a replay of the same Idempotency-Key). A code
 * always has an expiry; a store-credit reward has neither (the credit is already on the account).
 */
export type RedemptionCreated = { redemptionId: string; balance: number } & (
  { code: string; expiresAt: string } | { code: null; expiresAt: null }
);

/**
 * GET /api/loyalty/redemptions: the shopper's own redemptions, newest first (at most 50), so a code
 * claimed earlier is still there after a reload. `status` is what the shopper can do with it:
 * active (enter it at checkout before expiresAt), used, expired, or returned (its points came back:
 * released, refused, or its order refunded). Reservations still in flight are not listed.
 */
export interface ShopperRedemptions {
  redemptions: ShopperRedemption[];
}

export interface ShopperRedemption {
  redemptionId: string;
  reward: string;
  points: number;
  /** Null for store credit (no code). */
  code: string | null;
  status: "active" | "used" | "expired" | "returned";
  /** ISO 8601; null for store credit. */
  expiresAt: string | null;
  createdAt: string;
}

/** Every shopper API error. */
export interface ShopperApiErrorBody {
  error: { code: string; message: string };
}

/** The JSON value of the `$app:loyalty.status` customer metafield. Keep old versions readable. */
export interface LoyaltyStatusValue {
  v: 1;
  balance: number;
  pending: number;
  tier: string;
  nextTier: string | null;
  pointsToNextTier: number | null;
  /** Points per one major unit of `currency` at the member's tier, for order estimates. */
  earn: { perUnit: number; currency: string } | null;
}
