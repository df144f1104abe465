// What every analytics KPI means, in one place: the dashboard shows these next to each figure, the
// definitions page (/app/analytics/definitions, the same text as docs/analytics.md) gives the
// formula, the standard it follows and where Tally departs from it, and the CSV download carries
// the definition, so the numbers and their meaning cannot drift apart.
import { en } from "../i18n/en";

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

// Labels and definitions are admin text (app/i18n/en.ts, translated); the CSV download keeps English.
export const KPI_DEFINITIONS = {
  members: {
    ...en.kpis.members,
    formula: "Count of enrolled customers, now.",
    source: "Loyalty program membership count.",
    departure:
      "Enrolment is automatic, so members are all identified customers, not only those who signed up.",
  },
  newMembers: {
    ...en.kpis.newMembers,
    formula:
      "Count of members with Shopify creation date in the window (enrolment date if unknown).",
    source: "New customers: first seen (account created) in the period.",
    departure:
      "Members Tally stored before it kept Shopify's creation date fall back to their enrolment date, so right after an upgrade an old customer base can still look new.",
  },
  joinedMembers: {
    ...en.kpis.joinedMembers,
    formula: "Count of members with enrolment date in the window.",
    source: "Program enrolments in the period.",
    departure: "",
  },
  participatingMembers: {
    ...en.kpis.participatingMembers,
    formula: "Count of members with a kept redemption, ever.",
    source: "Active redeemers.",
    departure:
      "Tally enrols every customer, so comparing enrolled with not enrolled would compare everyone with guests; redeemers are the customers the program actually reached.",
  },
  participationRate: {
    ...en.kpis.participationRate,
    formula: "Participants in the window ÷ members now × 100.",
    source:
      "Loyalty participation (active member) rate: members who engaged in the period ÷ members.",
    departure:
      "Staff adjustments and imports are not a member's action and do not count; a redemption whose points came back (released, expired unused) does not count.",
  },
  pointsIssued: {
    ...en.kpis.pointsIssued,
    formula:
      "Σ earn + Σ reverse (an order's on the order's day, others on the day written) + Σ positive adjust and import, in the window.",
    source: "Points issued (loyalty liability reporting).",
    departure:
      "Reversals count on the order's day so that points and revenue share one calendar; a late refund therefore changes a past window.",
  },
  pointsRedeemed: {
    ...en.kpis.pointsRedeemed,
    formula: "−(Σ redeem + Σ release) written in the window.",
    source: "Points redeemed.",
    departure: "",
  },
  pointsExpired: {
    ...en.kpis.pointsExpired,
    formula: "−Σ expire written in the window.",
    source: "Points expired (breakage realised).",
    departure: "",
  },
  pointsOutstanding: {
    ...en.kpis.pointsOutstanding,
    formula: "Σ all ledger entries, now.",
    source: "Outstanding points balance.",
    departure: "",
  },
  liability: {
    ...en.kpis.liability,
    formula: "(outstanding points + open code points) × value per point, rounded down, now.",
    source: "Loyalty points liability (deferred revenue before breakage).",
    departure:
      "The point value is the most generous fixed reward, not an average of what was redeemed, so the liability is never understated.",
  },
  estimatedLiability: {
    ...en.kpis.estimatedLiability,
    formula:
      "liability × (1 − breakage), breakage = expired ÷ (expired + redeemed) points, lifetime.",
    source:
      "IFRS 15 (B46): expected breakage recognised in proportion to the pattern of rights exercised.",
    departure:
      "An estimate from this shop's own history only; a new program or a program without expiry shows little or no breakage. Not accounting advice.",
  },
  redemptionRate: {
    ...en.kpis.redemptionRate,
    formula: "Points redeemed ÷ points issued, same window × 100.",
    source: "Loyalty redemption rate.",
    departure: "",
  },
  repeatRate: {
    ...en.kpis.repeatRate,
    formula:
      "Customers with ≥ 2 orders in the window ÷ customers with ≥ 1 order in the window × 100.",
    source: "Repeat customer rate (ecommerce analytics).",
    departure: "Guest checkouts cannot be followed from order to order and are left out.",
  },
  retention: {
    ...en.kpis.retention,
    formula:
      "((E − N) ÷ S) × 100; S = customers at the start, E = customers at the end, N = new customers in the window.",
    source: "Customer retention rate, CRR = ((E − N) ÷ S) × 100, as in the loyalty literature.",
    departure:
      'A customer is "had" by the shop once they have placed an order; E counts those who ordered within the window (no order means lost), since Shopify customers never leave explicitly.',
  },
  aov: {
    ...en.kpis.aov,
    formula: "Σ net subtotal ÷ count of counted orders placed in the window.",
    source: "Average order value.",
    departure:
      "Net of refunds (a refund lowers its order's value on the order's day); shipping and taxes are left out as they are in earning.",
  },
  clv: {
    ...en.kpis.clv,
    formula: "Σ lifetime net revenue ÷ customers with a counted order, now.",
    source: "Historical customer lifetime value.",
    departure: "Historical (what customers spent), not a prediction; no margin is applied.",
  },
  rewardRevenue: {
    ...en.kpis.rewardRevenue,
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
