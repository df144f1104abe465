// The domain's vocabulary. Pure data: no Prisma, Remix or Shopify types here.
// Money is always an integer count of the shop currency's minor units; points are integers.
// Multipliers are integer percentages (100 = 1x, 125 = 1.25x) so no float ever touches a balance.

export type Minor = number;
export type Points = number;
export type Percent = number;

export interface DateRange {
  startsAt: Date;
  endsAt: Date;
}

export interface PurchaseRule {
  enabled: boolean;
  /** Points per `spendUnit` major units of shop currency (1 per 1 = "1 point per 1.00"). */
  pointsPerUnit: number;
  /**
   * Whole units of shop currency that earn `pointsPerUnit` points: 1 for USD or EUR, 100 for
   * "1 point per 100 JPY", 1,000 for VND. Without it a small-unit currency earns huge numbers.
   */
  spendUnit: number;
  /** Orders whose earn base is below this earn nothing from this rule. */
  minimumSubtotal: Minor | null;
  productMultipliers: { productId: string; multiplier: Percent }[];
  collectionMultipliers: { collectionId: string; multiplier: Percent }[];
  campaigns: ({ name: string; multiplier: Percent } & DateRange)[];
}

export interface FixedBonusRule {
  enabled: boolean;
  points: Points;
}

export interface EveryNthOrderRule extends FixedBonusRule {
  every: number;
}

export interface SpendMilestoneRule {
  enabled: boolean;
  milestones: { lifetimeSpend: Minor; points: Points }[];
}

export type TierBasis = "points_earned" | "amount_spent";
export type TierPeriod = "lifetime" | "trailing_12_months" | "calendar_year";

export interface Tier {
  name: string;
  /** Points or minor units, per the program's tier basis. The first tier's threshold is 0. */
  threshold: number;
  multiplier: Percent;
}

export type ExpiryPolicy =
  | { mode: "none" }
  | { mode: "after_earning"; days: number }
  | { mode: "after_inactivity"; days: number };

/** Refer a friend (decision 036): the friend's discount and the advocate's points. */
export interface ReferralRule {
  enabled: boolean;
  /** Points the advocate earns once the friend's first order is past the return window. */
  advocatePoints: number;
  /** The friend's single-use code: an amount off (minor units) or a percentage off their order. */
  friendDiscount: { kind: "fixed_amount" | "percentage"; value: number };
  /** Days the friend's code stays valid. */
  friendCodeDays: number;
  /** Completed referrals an advocate may earn for in 7 days; 0 = no limit. */
  advocateWeeklyLimit: number;
  /** Referral links opened from one IP in 7 days beyond which a referral is held for review. */
  ipWeeklyHold: number;
}

export interface Program {
  /** The program's name shoppers see ("Tally Rewards"). */
  name: string;
  /** What the program calls its points ("points", "stars"), plural, lower case. */
  pointsName: string;
  /** Digits of the shop currency's minor unit (2 for USD/EUR, 0 for JPY, 3 for KWD). */
  currencyExponent: number;
  purchase: PurchaseRule;
  signup: FixedBonusRule;
  accountActivation: FixedBonusRule;
  birthday: FixedBonusRule;
  firstOrder: FixedBonusRule;
  everyNthOrder: EveryNthOrderRule;
  spendMilestones: SpendMilestoneRule;
  /** Refer a friend (decision 036). */
  referrals: ReferralRule;
  /** Days after the order before earned points become spendable; 0 = immediately. */
  pendingDays: number;
  expiry: ExpiryPolicy;
  /** Days before points expire that the member counts as "points expiring soon" (Flow trigger). */
  expiryNoticeDays: number;
  tierBasis: TierBasis;
  tierPeriod: TierPeriod;
  /** Sorted by ascending threshold; the first has threshold 0. */
  tiers: Tier[];
  /** Days a member keeps a tier after a re-evaluation first finds them below it; 0 = none. */
  tierGraceDays: number;
}

/** One line of an order, already normalised to shop money by the Shopify adapter. */
export interface OrderLine {
  lineId: string;
  productId: string | null;
  variantId: string | null;
  collectionIds: string[];
  /** Quantity after order edits, before refunds. */
  quantity: number;
  /** Quantity as originally ordered; discounts are allocated over it. */
  originalQuantity: number;
  unitPrice: Minor;
  /** All discount allocations of the line (line and order-level), for originalQuantity units. */
  discount: Minor;
  isGiftCard: boolean;
}

export interface OrderRefund {
  refundId: string;
  /** Refunded line value after discounts, per line id, in shop money. */
  lines: { lineId: string; quantity: number; subtotal: Minor }[];
}

/** Everything known about an order, merged from every delivery regardless of arrival order. */
export interface OrderFacts {
  orderId: string;
  customerId: string | null;
  placedAt: Date;
  lines: OrderLine[];
  refunds: OrderRefund[];
  cancelled: boolean;
  /** Whether a paid (or partially paid) state was ever observed. */
  paid: boolean;
}

/** What was true about the customer when the order first earned; frozen with the entry. */
export interface EarnContext {
  tier: Tier;
  /** 1 for the customer's first order, 2 for the second … */
  orderOrdinal: number;
  /** Lifetime spend before this order, minor units. */
  lifetimeSpendBefore: Minor;
  /**
   * The collections (of the program's collection multipliers) each of the order's products was in
   * when the order first earned (decision 059); absent when the program had none. Orders carry no
   * collections, so lines take theirs from here: a refund reverses at the multiplier it earned at.
   */
  productCollections?: Record<string, string[]>;
}

export type EarnRuleKind = "purchase" | "first_order" | "every_nth_order" | "spend_milestone";

export interface RuleFiring {
  rule: EarnRuleKind;
  points: Points;
  /** The numbers the rule used, so the admin can explain the result in words. */
  detail: Record<string, string | number | boolean | null>;
}

export type NotEarnedReason =
  | "guest_order"
  | "not_paid"
  | "cancelled"
  | "fully_refunded"
  | "below_minimum_subtotal"
  | "purchase_rule_disabled"
  | "zero_earn_base"
  /** The rules gave more than MAX_ORDER_POINTS: the order earns that maximum. */
  | "order_points_capped";

export interface OrderEarning {
  /** Net earn base after refunds, gift cards excluded, minor units. */
  earnBase: Minor;
  points: Points;
  firings: RuleFiring[];
  notEarned: NotEarnedReason[];
}

export type LedgerKind = "earn" | "redeem" | "release" | "reverse" | "expire" | "adjust" | "import";

/** A ledger entry as the domain sees it (storage adds ids and keys). */
export interface LedgerMovement {
  kind: LedgerKind;
  points: Points;
  createdAt: Date;
  /** When earned points become spendable; null = immediately. */
  availableAt: Date | null;
}

export interface BalanceFigures {
  /** Spendable now (may be negative after a reversal of spent points). */
  balance: Points;
  /** Earned but not yet spendable. */
  pending: Points;
  /** Sum of positive earn/import/adjust movements minus their reversals. */
  lifetimeEarned: Points;
}
