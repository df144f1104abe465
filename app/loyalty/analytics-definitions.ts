// What every analytics KPI means, in one place: the dashboard shows these next to each figure and
// the CSV download carries them, so the numbers and their definitions cannot drift apart.
export const KPI_DEFINITIONS = {
  members: {
    label: "Members",
    definition:
      "Customers enrolled in the program (Tally enrols every customer Shopify identifies). New members: enrolled within the period.",
  },
  participationRate: {
    label: "Participation rate",
    definition:
      'Members who have redeemed at least one reward ÷ all members. These participating members are the "members" in every member vs non-member comparison.',
  },
  pointsIssued: {
    label: "Points issued",
    definition:
      "Points earned from orders and bonuses in the period, minus reversals of earned points (refunds, cancellations), plus points imported or added by staff (positive amounts only).",
  },
  pointsRedeemed: {
    label: "Points redeemed",
    definition:
      "Points spent on rewards in the period, minus points given back for codes that expired unused or were released.",
  },
  pointsExpired: {
    label: "Points expired",
    definition: "Points removed by the program's expiry rules in the period.",
  },
  pointsOutstanding: {
    label: "Points outstanding",
    definition: "The sum of every member's balance now (every ledger entry ever, added up).",
  },
  liability: {
    label: "Outstanding liability",
    definition:
      "Points outstanding × the money one point is worth in the enabled fixed-amount or store-credit reward that gives the most per point (the most the points could cost you). Not shown without such a reward.",
  },
  redemptionRate: {
    label: "Redemption rate",
    definition: "Points redeemed ÷ points issued in the period.",
  },
  repeatRate: {
    label: "Repeat purchase rate",
    definition:
      "Customers who ordered in the period and have placed two or more orders in their lifetime ÷ customers who ordered in the period.",
  },
  retention: {
    label: "Customer retention rate (CRR)",
    definition:
      "(E − N) ÷ S: customers who ordered before the period started and ordered again within it ÷ customers who had ordered before the period started.",
  },
  aov: {
    label: "Average order value",
    definition:
      "Revenue ÷ paid, not cancelled orders placed in the period. Non-members include guest checkouts. Revenue is the order subtotal after discounts and refunds, without shipping, taxes, tips and gift cards, in shop currency.",
  },
  clv: {
    label: "Customer lifetime value",
    definition:
      "Lifetime revenue of the customers who have ordered ÷ their number (guest checkouts excluded: they cannot be told apart).",
  },
  rewardRevenue: {
    label: "Revenue from reward orders",
    definition:
      "Revenue of the orders placed in the period with a Tally reward code, and its share of all revenue.",
  },
} as const;

export type KpiKey = keyof typeof KPI_DEFINITIONS;

export const ANALYTICS_NOTES =
  "Days are UTC days. Figures come from Tally's own rollups, refreshed every minute; a refund or cancellation counts on the day the order was placed.";
