// What every analytics KPI means, in one place: the dashboard shows these next to each figure, the
// definitions page (/app/analytics/definitions, the same text as docs/analytics.md) gives the
// formula, the standard it follows and where Tally departs from it, and the CSV download carries
// the definition, so the numbers and their meaning cannot drift apart.
export interface KpiDefinition {
  label: string;
  /** One or two sentences beside the figure. */
  definition: string;
  /** The formula, with the window it is computed over. */
  formula: string;
  /** The standard definition it follows. */
  source: string;
  /** Where Tally departs from that standard, and why; empty when it does not. */
  departure: string;
}

export const KPI_DEFINITIONS = {
  members: {
    label: "Members",
    definition:
      "Customers enrolled in the program now (Tally enrols every customer Shopify identifies).",
    formula: "Count of enrolled customers, now.",
    source: "Loyalty program membership count.",
    departure:
      "Enrolment is automatic, so members are all identified customers, not only those who signed up.",
  },
  newMembers: {
    label: "New members",
    definition:
      "Members whose customer account was created in Shopify within the period. Members stored before Tally kept that date count by their enrolment date.",
    formula:
      "Count of members with Shopify creation date in the window (enrolment date if unknown).",
    source: "New customers: first seen (account created) in the period.",
    departure:
      "Members Tally stored before it kept Shopify's creation date fall back to their enrolment date, so right after an upgrade an old customer base can still look new.",
  },
  joinedMembers: {
    label: "Joined the program",
    definition:
      "Members Tally enrolled within the period (after install or a backfill this includes customers Shopify has had for years).",
    formula: "Count of members with enrolment date in the window.",
    source: "Program enrolments in the period.",
    departure: "",
  },
  participatingMembers: {
    label: "Participating members",
    definition:
      'Members with at least one redemption whose points did not come back (not released, not expired unused). They are the "members" in every member vs non-member comparison.',
    formula: "Count of members with a kept redemption, ever.",
    source: "Active redeemers.",
    departure:
      "Tally enrols every customer, so comparing enrolled with not enrolled would compare everyone with guests; redeemers are the customers the program actually reached.",
  },
  participationRate: {
    label: "Participation rate",
    definition:
      "Members who earned points by an action (an order, a bonus) or redeemed a reward they kept, within the period ÷ all members now.",
    formula: "Participants in the window ÷ members now × 100.",
    source:
      "Loyalty participation (active member) rate: members who engaged in the period ÷ members.",
    departure:
      "Staff adjustments and imports are not a member's action and do not count; a redemption whose points came back (released, expired unused) does not count.",
  },
  pointsIssued: {
    label: "Points issued",
    definition:
      "Points earned in the period, minus reversals of earned points (refunds, cancellations), plus points imported or added by staff (positive amounts only). An order's points and their reversals count on the day the order was placed.",
    formula:
      "Σ earn + Σ reverse (an order's on the order's day, others on the day written) + Σ positive adjust and import, in the window.",
    source: "Points issued (loyalty liability reporting).",
    departure:
      "Reversals count on the order's day so that points and revenue share one calendar; a late refund therefore changes a past window.",
  },
  pointsRedeemed: {
    label: "Points redeemed",
    definition:
      "Points spent on rewards in the period, minus points given back for codes that expired unused or were released.",
    formula: "−(Σ redeem + Σ release) written in the window.",
    source: "Points redeemed.",
    departure: "",
  },
  pointsExpired: {
    label: "Points expired",
    definition: "Points removed by the program's expiry rules in the period.",
    formula: "−Σ expire written in the window.",
    source: "Points expired (breakage realised).",
    departure: "",
  },
  pointsOutstanding: {
    label: "Points outstanding",
    definition: "The sum of every member's balance now (every ledger entry ever, added up).",
    formula: "Σ all ledger entries, now.",
    source: "Outstanding points balance.",
    departure: "",
  },
  liability: {
    label: "Outstanding liability",
    definition:
      "(Points outstanding + points in issued, unused reward codes) × the money one point is worth in the enabled fixed-amount or store-credit reward that gives the most per point (the most the points could cost you). Not shown without such a reward.",
    formula: "(outstanding points + open code points) × value per point, rounded down, now.",
    source: "Loyalty points liability (deferred revenue before breakage).",
    departure:
      "The point value is the most generous fixed reward, not an average of what was redeemed, so the liability is never understated.",
  },
  estimatedLiability: {
    label: "Estimated liability after breakage",
    definition:
      "The outstanding liability less expected breakage: breakage is the share of points that left balances by expiring rather than being redeemed, over the shop's whole history. Not shown before any point was redeemed or expired.",
    formula:
      "liability × (1 − breakage), breakage = expired ÷ (expired + redeemed) points, lifetime.",
    source:
      "IFRS 15 (B46): expected breakage recognised in proportion to the pattern of rights exercised.",
    departure:
      "An estimate from this shop's own history only; a new program or a program without expiry shows little or no breakage. Not accounting advice.",
  },
  redemptionRate: {
    label: "Redemption rate",
    definition: "Points redeemed ÷ points issued in the period.",
    formula: "Points redeemed ÷ points issued, same window × 100.",
    source: "Loyalty redemption rate.",
    departure: "",
  },
  repeatRate: {
    label: "Repeat purchase rate",
    definition:
      "Customers with two or more orders in the period ÷ customers with an order in the period. Orders are paid, not cancelled and not refunded in full.",
    formula:
      "Customers with ≥ 2 orders in the window ÷ customers with ≥ 1 order in the window × 100.",
    source: "Repeat customer rate (ecommerce analytics).",
    departure: "Guest checkouts cannot be followed from order to order and are left out.",
  },
  retention: {
    label: "Customer retention rate (CRR)",
    definition:
      "((E − N) ÷ S): customers who had ordered before the period and ordered again within it ÷ customers who had ordered before the period.",
    formula:
      "((E − N) ÷ S) × 100; S = customers at the start, E = customers at the end, N = new customers in the window.",
    source: "Customer retention rate, CRR = ((E − N) ÷ S) × 100, as in the loyalty literature.",
    departure:
      'A customer is "had" by the shop once they have placed an order; E counts those who ordered within the window (no order means lost), since Shopify customers never leave explicitly.',
  },
  aov: {
    label: "Average order value",
    definition:
      "Revenue ÷ orders placed in the period; orders are paid, not cancelled and not refunded in full. Non-members include guest checkouts. Revenue is the order subtotal after discounts and refunds, without shipping, taxes, tips and gift cards, in shop currency.",
    formula: "Σ net subtotal ÷ count of counted orders placed in the window.",
    source: "Average order value.",
    departure:
      "Net of refunds (a refund lowers its order's value on the order's day); shipping and taxes are left out as they are in earning.",
  },
  clv: {
    label: "Customer lifetime value",
    definition:
      "Lifetime revenue of the customers who have ordered ÷ their number (guest checkouts excluded: they cannot be told apart).",
    formula: "Σ lifetime net revenue ÷ customers with a counted order, now.",
    source: "Historical customer lifetime value.",
    departure: "Historical (what customers spent), not a prediction; no margin is applied.",
  },
  rewardRevenue: {
    label: "Revenue from reward orders",
    definition:
      "Revenue of the orders placed in the period with a Tally reward code, and its share of all revenue.",
    formula: "Σ net subtotal of counted orders that used a reward code, in the window.",
    source: "Reward-attributed revenue.",
    departure: "",
  },
  referralsMade: {
    label: "Referrals made",
    definition:
      "Friend codes issued in the period: each time a member's referral link was opened and gave a friend a new discount code.",
    formula:
      "Count of referrals (friend codes issued) created in the window; a link reopened from the same address reuses its code and does not count again.",
    source: "Referral program: referrals sent (shared links that reached a friend).",
    departure:
      "A link shared but never opened is invisible to any app, so Tally counts the friend codes its links issued.",
  },
  referralsCompleted: {
    label: "Referrals completed",
    definition:
      "Referrals whose friend's first order passed the return window in the period, so the member was rewarded.",
    formula:
      "Count of referrals with status completed and completion date in the window (reversed, rejected and held ones never count).",
    source: "Referral program: successful referrals (rewarded).",
    departure: "",
  },
  referredRevenue: {
    label: "Referred revenue",
    definition:
      "Net revenue of the referred friends' first orders whose referral completed in the period.",
    formula:
      "Σ net subtotal (after refunds, before tax and shipping) of the orders of referrals completed in the window.",
    source:
      "Referral program: referred revenue (revenue from referred customers' first purchases).",
    departure:
      "Counted when the referral completes (after the return window), not when the order is placed, so a returned order is never counted.",
  },
  referralConversion: {
    label: "Referral conversion",
    definition:
      "Of the friend codes issued in the period, the share whose referral has completed by now.",
    formula:
      "Referrals created in the window with status completed now ÷ referrals (friend codes) created in the window × 100.",
    source: "Referral conversion rate: successful referrals ÷ referrals sent.",
    departure:
      "A cohort of the window's codes, so the latest window rises as their orders pass the return window.",
  },
} as const satisfies Record<string, KpiDefinition>;

export type KpiKey = keyof typeof KPI_DEFINITIONS;

/** Where each definition is explained in full. */
export const definitionHref = (kpi: KpiKey) => `/app/analytics/definitions#${kpi}`;

export const ANALYTICS_NOTES = (timeZone: string) =>
  `Days are the shop's days (${timeZone}). One calendar: an order's revenue, its points and their reversals by a refund or cancellation count on the day the order was placed; redemptions, expiry, bonuses, imports and staff adjustments on the day they were recorded. Figures come from Tally's own rollups, refreshed every minute.`;
