// Staff-facing English for the embedded admin, one section per page. Pages read their texts from
// here so a translation is a copy of this file; functions take the numbers they put into words.
import { MAX_MEMBER_POINTS } from "../loyalty/balance";

const number = (n: number) => n.toLocaleString("en");
interface TierMeasure {
  value: number;
  basis: string;
  period: string;
}
/** What a re-evaluation measured: "1200 points earned over trailing 12 months". */
const measure = (v: TierMeasure) =>
  `${v.value} ${v.basis === "points_earned" ? "points earned" : "spent (minor units)"} over ${v.period.replaceAll("_", " ")}`;
/** When the shop's customers were exported from Shopify (ISO), as the import's messages say it. */
const exportedAsOf = (at: string | null) =>
  at
    ? ` (checked against the shop's customers as exported from Shopify at ${at.slice(0, 16).replace("T", " ")} UTC)`
    : "";

export const en = {
  login: {
    title: "Log in",
    heading: "Open Tally for your store",
    shopLabel: "Shop domain",
    shopHelp: "example.myshopify.com",
    submit: "Log in",
    missingShop: "Enter your shop domain to log in",
    invalidShop: "Enter a valid shop domain, like example.myshopify.com",
  },
  nav: {
    home: "Home",
    program: "Program",
    rewards: "Rewards",
    members: "Members",
    engagement: "Engagement",
    analytics: "Analytics",
    import: "Import",
    jobs: "Background jobs",
    referrals: "Referrals",
  },
  referrals: {
    title: "Referrals",
    intro:
      "Friends who opened a member's referral link, and what became of their first order. Referrals held for review wait for your decision on the advocate's member page or here.",
    figures: (days: number) => `Last ${days} days`,
    links: "Links opened",
    converted: "First orders",
    conversion: "Conversion",
    completed: "Advocates rewarded",
    held: "Held for review",
    revenue: "Referred revenue",
    filterAll: "All statuses",
    columns: ["Opened", "Advocate", "Status", "Friend's order", "Order subtotal", "Points"],
    empty: "No referrals yet.",
    none: "—",
    approve: "Approve",
    reject: "Reject",
    decided: "Referral updated",
    notHeld: "This referral is no longer held for review.",
    memberCard: "Referrals",
    memberEmpty: "This member has not referred anyone yet.",
    chooseDecision: "Choose approve or reject for a referral",
    notFound: "This referral does not exist in this shop.",
    status: {
      pending: "Link opened",
      qualified: "Waiting for return window",
      held: "Held for review",
      completed: "Rewarded",
      reversed: "Reversed (refund or cancellation)",
      rejected: "Rejected",
    } as Record<string, string>,
    reason: {
      same_customer: "the friend is the advocate",
      same_email: "same email as the advocate",
      same_address: "ships to the advocate's address",
      not_first_order: "not the friend's first order",
      weekly_limit: "weekly limit reached",
      ip_volume: "many links from one IP address this week",
      order_refunded: "order refunded",
      order_cancelled: "order cancelled",
      staff: "rejected by staff",
    } as Record<string, string>,
  },
  pageTitles: {
    analyticsDefinitions: "Analytics definitions",
    member: "Member",
    reward: "Reward",
  },
  common: {
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    discard: "Discard",
    remove: "Remove",
    add: "Add",
    enabled: "On",
    disabled: "Off",
    fixErrors: "Some fields need attention; see the messages under them.",
    unknownError: "Something went wrong. Reload the page and try again.",
  },
  // Sentences for input a schema rejects without a message of its own (app/loyalty/plain-issues.ts).
  validation: {
    number: "Enter a number, using digits only (no commas or spaces)",
    wholeNumber: "Enter a whole number",
    text: "Enter some text",
    yesNo: "Choose yes or no",
    list: "Choose at least one option",
    required: "This field is required",
    choose: (options: string[]) =>
      options.length <= 6 ? `Choose one of: ${options.join(", ")}` : "Choose one of the options",
    atLeast: (minimum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Enter ${number(Number(minimum))} or more`
        : `Enter more than ${number(Number(minimum))}`,
    atMost: (maximum: number | bigint, inclusive: boolean) =>
      inclusive
        ? `Enter ${number(Number(maximum))} or less`
        : `Enter less than ${number(Number(maximum))}`,
    textAtLeast: (minimum: number | bigint) =>
      Number(minimum) <= 1
        ? "This field is required"
        : `Enter at least ${number(Number(minimum))} characters`,
    textAtMost: (maximum: number | bigint) =>
      `Keep this under ${number(Number(maximum))} characters`,
    listAtLeast: (minimum: number | bigint) => `Choose at least ${number(Number(minimum))}`,
    listAtMost: (maximum: number | bigint) => `At most ${number(Number(maximum))} are allowed`,
    format: "This is not in the expected format",
    invalid: "Check this value",
    wholeNumberBetween: (min: number, max: number) =>
      `Enter a whole number from ${number(min)} to ${number(max)}`,
    dateTime: "Enter a date, like 2025-11-28",
    amountAtLeastZero: "Enter an amount of 0 or more, like 12.50",
    amountAboveZero: "Enter an amount above 0, like 12.50",
    amountOrPercentAboveZero: "Enter an amount above 0 (like 12.50) or a percentage from 1 to 100",
    tierThreshold:
      "Enter a whole number of points of 0 or more (an amount, like 1000.00, when tiers go by amount spent)",
    // Hints after "Enter a whole number from … to …" on the program form.
    hints: {
      multiplier: " (a percentage: 100 = 1x, 200 = 2x)",
      pointsPerUnit: " (points per spend unit of shop currency)",
      spendUnit: " (units of shop currency that earn the points: 1, 100, 1,000 …)",
      days: " days",
      weeklyLimit: " (0 = no limit)",
      ipWeeklyHold: " referrals from one IP address in 7 days",
      currencyExponent: " (decimal digits of the shop currency)",
      everyNthOrder: " (every 1st order would be every order; use the purchase rule)",
    },
    // The program form's own checks (app/loyalty/program-schema.ts).
    program: {
      campaignEndsAfterStart: (name: string) => `Campaign "${name}" must end after it starts`,
      productMultiplierTwice: "This product already has a multiplier",
      collectionMultiplierTwice: "This collection already has a multiplier",
      chooseCollection: "Choose a collection",
      milestoneTwice: "Another milestone already uses this spend amount",
      percentageOff: "A percentage off must be from 1 to 100",
      entryTierNeeded: "At least one tier is needed (the entry tier, threshold 0)",
      entryTierAtZero: "The first tier is where every member starts, so its threshold must be 0",
      tiersSorted: (name: string, threshold: number, lowerName: string, lowerThreshold: number) =>
        `Tiers must be sorted by threshold: "${name}" (${threshold}) must be above "${lowerName}" (${lowerThreshold})`,
      tierNameTwice: "Another tier already has this name",
    },
    // The reward form (app/loyalty/rewards.ts, app/services/reward-catalogue.server.ts).
    reward: {
      title: "Give the reward a name shoppers will see",
      titleTooLong: "Keep the name under 120 characters",
      kind: "Choose a reward type",
      cost: "Enter a point cost",
      costWhole: "Point cost must be a whole number",
      costAtLeastOne: "Point cost must be at least 1",
      costTooLarge: "Point cost is too large",
      wholeAmount: "Enter a whole amount",
      aboveZero: "Must be more than 0",
      variant: "Choose a product variant",
      minimumSubtotal: "Minimum subtotal cannot be negative",
      tiers: "Choose at least one tier, or allow every tier",
      codeAtLeastADay: "Codes must last at least a day",
      codeAtMostAYear: "Codes can last at most a year",
      percentage: "Enter a percentage",
      amount: "Enter an amount",
      percentageRange: "A percentage must be between 1 and 100",
      productVariant: "Choose the product variant this reward gives",
      amountCap: (major: number) =>
        `A reward can be worth at most ${number(major)} in your currency`,
      unknownTier: (name: string) => `The program has no tier named "${name}"`,
    },
    // A member's points adjustment and tier override, and dismissing a delivery.
    adjustment: {
      points: "Enter a number of points",
      wholePoints: "Enter a whole number of points",
      notZero: "Enter a number other than 0 (negative to remove points)",
      atMost: (max: number) => `Adjust at most ${number(max)} points at a time`,
      reason: "Say why (at least 3 characters); the member's history keeps it",
      outOfDate: "The form is out of date; reload the page",
    },
    reasonTooLong: (max: number) => `Keep the reason under ${number(max)} characters`,
    dismissReason: "Say why this delivery is dismissed",
    tierOverrideReason: "A reason is required for a tier override",
    unknownTierOverride: (name: string, tiers: string[]) =>
      `The program has no tier "${name}"; tiers: ${tiers.join(", ")}`,
  },
  errors: {
    title: "This page could not be shown",
    notFound: "Not found",
    pageNotFound: "There is no page at this address.",
    status: (status: number) => `The server answered ${status}.`,
    unexpected:
      "Tally could not load this page because of a problem on its side (for example, the database did not answer). Your data is unchanged. Reload the page to try again; if it keeps happening, contact support.",
    reload: "Reload",
    back: "Back to home",
    noStaffUser:
      "The admin session names no staff member: open Tally again from the Shopify admin.",
    requestTooLarge: (kb: number) => `The request is larger than ${number(kb)} KB.`,
    requestNotJson: "The request body must be a JSON object.",
    formType: "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
    formUnreadable: "The form could not be read.",
    shopNotInstalled: "Tally is not installed on this shop.",
    unknownAction: "Unknown action.",
    importNotFound: "This import does not exist.",
    badDownload: (details: string) => `The download link is not valid: ${details}`,
  },
  home: {
    last30Days: "Last 30 days",
    allAnalytics: "All analytics",
    title: "Tally loyalty",
    members: "Members",
    pointsOutstanding: "Points outstanding",
    ordersCredited: "Orders credited",
    yourProgram: "Your program",
    tiers: "Tiers",
    version: (version: number, enabled: boolean) =>
      `Program version ${version}${enabled ? "" : " — switched off"}`,
    deadLetters: (n: number) =>
      n === 1
        ? "1 update from Shopify needs your attention: Tally could not apply it."
        : `${number(n)} updates from Shopify need your attention: Tally could not apply them.`,
    deadLettersAction: "Review deliveries",
    earnSummary: (points: number, spend: string) =>
      `Customers earn ${number(points)} ${points === 1 ? "point" : "points"} per ${spend} spent.`,
    noEarning: "Purchases earn no points.",
  },
  checklist: {
    title: "Get your program live",
    progress: (done: number, total: number) => `${done} of ${total} steps done`,
    programOn: "Switch the program on",
    programOnHelp: "Customers earn points only while the program is on.",
    programOnAction: "Open program settings",
    checkout: "Add the loyalty block to checkout",
    checkoutHelp:
      "Place Tally's block in the checkout editor so shoppers can redeem rewards at checkout.",
    checkoutPlusOnly:
      "Shopify Plus only: checkout blocks render on Plus stores alone. On other plans, mark this done and use the thank-you block and the customer account's Rewards page instead: shoppers redeem there and enter their code at checkout.",
    checkoutAction: "Open the checkout editor",
    accounts: "Add the loyalty block to customer accounts",
    accountsHelp:
      "Place Tally's block on the customer account profile page so shoppers see their points.",
    accountsAction: "Open the customer accounts editor",
    notDetectable:
      "Tally cannot see where its blocks are placed; mark this done once you have placed it.",
    markDone: "Mark as done",
    markNotDone: "Mark as not done",
    testOrder: "Receive a first order",
    testOrderHelp: "Place a test order as a customer: it shows up here once Tally has credited it.",
    done: "Done",
    notDone: "To do",
  },
  program: {
    title: "Program settings",
    versionLabel: (version: number) => `Version ${version}`,
    saved: (version: number) => `Program saved as version ${version}`,
    unchanged: "Nothing changed, so no new version was saved",
    tiersApplied: (members: number) =>
      `${number(members)} ${members === 1 ? "member" : "members"} moved up to the tier their points now reach`,
    tierRun: {
      title: "Members and the new tiers",
      queued:
        "The new tiers are saved. Members who now reach a higher tier will be moved up in a moment.",
      progress: (checked: number, total: number | null, upgraded: number) =>
        `${number(checked)}${total === null ? "" : ` of ${number(total)}`} members checked, ${number(upgraded)} moved up`,
      done: (checked: number, upgraded: number) =>
        `Done: ${number(checked)} members checked, ${number(upgraded)} moved up to the tier they now reach.`,
      failed:
        "Checking members against the new tiers stopped because of an error. The hourly tier re-evaluation will move them up instead.",
      progressLabel: "Members checked",
    },
    stale: (version: number) =>
      `Someone saved version ${version} while you were editing. Reload to see it; your changes were not saved.`,
    general: "General",
    enabled: "Program is on",
    enabledHelp: "While off, orders earn nothing and shoppers cannot redeem.",
    name: "Program name",
    pointsName: "Name for points",
    pointsNameHelp: "Plural, as shoppers see it: points, stars, coins.",
    purchase: "Points for purchases",
    purchaseEnabled: "Purchases earn points",
    pointsPerUnit: "Points earned",
    spendUnit: (currency: string) => `For every … ${currency} spent`,
    spendUnitHelp: (currency: string) =>
      `1 earns the points per 1 ${currency}; for a currency with small units use 100 or 1,000 (1 point per 100 JPY).`,
    minimumSubtotal: (currency: string) => `Minimum order subtotal (${currency})`,
    minimumSubtotalHelp: "Leave empty for no minimum.",
    productMultipliers: "Product multipliers",
    collectionMultipliers: "Collection multipliers",
    productId: "Product ID",
    collectionId: "Collection ID",
    multiplier: "Multiplier (%)",
    multiplierHelp: "100 = ×1, 200 = ×2",
    addProductMultiplier: "Add product multiplier",
    addCollectionMultiplier: "Add collection multiplier",
    collection: "Collection",
    chooseCollection: "Choose a collection",
    collectionOption: (title: string, products: number) =>
      `${title} (${products === 1 ? "1 product" : `${products} products`})`,
    collectionGoneOption: (id: string) => `Collection ${id} (no longer in Shopify)`,
    collectionGone:
      "This collection no longer exists in Shopify, so this multiplier applies to nothing. Remove it or choose another collection.",
    collectionsHelp:
      "A product in several collections earns the highest multiplier that applies to it (a product multiplier included).",
    collectionsSynced: (at: string) => `Collection membership last synced from Shopify ${at}.`,
    collectionsNeverSynced: "Collection membership has not been synced from Shopify yet.",
    collectionsSyncing: "Syncing collection membership from Shopify…",
    collectionsSyncFailed: (reason: string) =>
      `The last sync of collection membership failed: ${reason}`,
    syncCollections: "Sync collections now",
    collectionsSyncRequested: "Collection sync started",
    campaigns: "Campaigns",
    campaignName: "Campaign name",
    startsAt: "Starts (UTC)",
    endsAt: "Ends (UTC)",
    addCampaign: "Add campaign",
    bonuses: "Bonuses",
    signup: "Account created",
    accountActivation: "First login",
    birthday: "Birthday",
    accountActivationHelp:
      "Paid once, the first time the signed-in customer opens their Rewards page (or uses points at checkout).",
    birthdayHelp:
      "Paid once a year on the birthday the customer sets on their Rewards page, in your shop's time zone.",
    referrals: {
      title: "Refer a friend",
      enabled: "Referral program",
      enabledHelp:
        "Each member gets a link to share. A friend who opens it gets a single-use discount code; the member earns points when the friend's first order is past the return window (pending days). Self-referrals, repeat customers and advocates over the weekly limit earn nothing.",
      friendDiscountKind: "Friend's discount",
      fixedAmount: "Amount off",
      percentage: "Percentage off",
      friendAmount: (currency: string) => `Amount off (${currency})`,
      friendPercent: "Percentage off",
      friendCodeDays: "Friend's code valid for (days)",
      advocatePoints: "Points for the member",
      advocatePointsHelp: "Paid once the friend's first order is past the pending days.",
      advocateWeeklyLimit: "Referrals rewarded per member per week",
      advocateWeeklyLimitHelp: "0 = no limit. Referrals over the limit are rejected.",
      ipWeeklyHold: "Hold for review after … links from one IP in a week",
      ipWeeklyHoldHelp:
        "A referral from a busier address waits for your approval on the member page.",
    },
    firstOrder: "First order",
    everyNthOrder: "Every Nth order",
    every: "Every … orders",
    points: "Points",
    spendMilestones: "Lifetime spend milestones",
    lifetimeSpend: (currency: string) => `Lifetime spend (${currency})`,
    addMilestone: "Add milestone",
    tiers: "VIP tiers",
    tierBasis: "Tiers are reached by",
    basisPoints: "Points earned",
    basisSpend: "Amount spent",
    tierPeriod: "Counted over",
    periodLifetime: "Lifetime",
    periodTrailing: "The last 12 months",
    periodCalendar: "The calendar year",
    tierName: "Tier name",
    threshold: "Threshold",
    addTier: "Add tier",
    pointsLife: "Pending period and expiry",
    pendingDays: "Days before earned points can be spent",
    expiry: "Points expire",
    expiryNone: "Never",
    expiryAfterEarning: "A number of days after they are earned",
    expiryAfterInactivity: "After a number of days without activity",
    expiryDays: "Days",
    preview: "Preview",
    previewAmount: (currency: string) => `Order subtotal (${currency})`,
    previewSentence: (amount: string, points: number, pointsName: string) =>
      `An order of ${amount} earns ${number(points)} ${pointsName}`,
    previewTier: (tier: string, points: number, pointsName: string) =>
      `${number(points)} ${pointsName} for ${tier}`,
    previewCampaign: (name: string) => `Includes the running campaign “${name}”.`,
    previewInvalid: "The preview appears when the settings are valid.",
    previewBonusesNote: "Bonuses (first order, every Nth order, milestones) come on top.",
    simulate: "Simulate on the last 90 days",
    simulation: "What this change would have done",
    simulationIntro: "Replays the last 90 days of orders under these settings, before you save.",
    simulationOrders: (orders: number, truncated: boolean) =>
      `${number(orders)} orders replayed${truncated ? " (the newest only)" : ""}`,
    simulationPoints: (before: number, after: number) =>
      `Points issued: ${number(before)} → ${number(after)}`,
    simulationLiability: (amount: string) => `Liability change: ${amount}`,
    simulationNoLiability:
      "Liability: no fixed-amount or store-credit reward to value points with.",
    simulationTiers: (up: number, down: number) =>
      `Members changing tier: ${number(up)} up, ${number(down)} down`,
    validation: "Program settings",
  },
  rewards: {
    title: "Rewards",
    resource: { singular: "reward", plural: "rewards" },
    add: "Add reward",
    empty: "No rewards yet",
    emptyHelp:
      "Rewards are what points buy: an amount or a percentage off, free shipping, a free product or store credit.",
    cost: (points: number) => `${number(points)} points`,
    kind: {
      fixed_amount: "Amount off the order",
      percentage: "Percentage off the order",
      free_shipping: "Free shipping",
      free_product: "Free product",
      store_credit: "Store credit",
    } as Record<string, string>,
    off: "Off",
    newTitle: "New reward",
    editTitle: "Edit reward",
    saved: "Reward saved",
    deleted: "Reward deleted",
    disabledInstead: "The reward has redemptions, so it was switched off instead of deleted.",
    delete: "Delete reward",
    confirmDeleteTitle: (title: string) => `Delete “${title}”?`,
    confirmDelete:
      "Members can no longer redeem it. Codes already issued keep working until they expire. A reward that has been redeemed is switched off instead, so its history stays.",
    valuePerPoint: (perPoint: string, currency: string, returnPercent: number | null) =>
      `1 point ≈ ${perPoint} ${currency}` +
      (returnPercent === null
        ? "; the program earns no points on purchases, so there is no return on spend to compare."
        : `; this reward returns ${returnPercent.toLocaleString("en", { maximumFractionDigits: returnPercent < 1 ? 2 : 1 })}% of the spend that earns its points.`),
    generous: (percent: number) =>
      `This reward gives back more than ${percent}% of what a customer spends to earn it. Check the amount and the point cost.`,
    stingy: (percent: number) =>
      `This reward gives back less than ${percent}% of what a customer spends to earn it, so the points are worth very little. Check the amount and the point cost.`,
    notFound: "This reward does not exist in this shop.",
    fields: {
      title: "Name shoppers see",
      kind: "Type",
      cost: "Cost in points",
      valueAmount: (currency: string) => `Amount (${currency})`,
      valuePercent: "Percentage off",
      variantId: "Product variant ID (gid://shopify/ProductVariant/…)",
      minimumSubtotal: (currency: string) => `Minimum order subtotal (${currency})`,
      tierNames: "Only for tiers",
      tierNamesHelp: "Leave all unticked to offer the reward to every tier.",
      codeLifetimeDays: "Days a code stays valid",
      combinesWith: "Combines with",
      orderDiscounts: "Order discounts",
      productDiscounts: "Product discounts",
      shippingDiscounts: "Shipping discounts",
      enabled: "Offered to shoppers",
    },
  },
  analytics: {
    title: "Analytics",
    updated: (when: string, timeZone: string) => `Updated ${when} (${timeZone})`,
    lastDays: (days: number) => `Last ${days} days`,
    definitionLink: "Formula and source",
    definitionsTitle: "How the analytics are computed",
    formula: "Formula",
    source: "Standard",
    departure: "Where Tally departs from it",
    joined: (count: string) => `${count} joined the program (enrolled)`,
    participants: (count: string, members: string) => `${count} of ${members} members`,
    openCodes: (count: string, points: string) =>
      `Includes ${count} unused reward codes (${points} points)`,
    breakage: (rate: string) => `Breakage from this shop's history: ${rate}`,
    noBreakage: "No point has been redeemed or has expired yet: no history to estimate breakage.",
    downloadKpis: "KPIs (CSV)",
    downloadDaily: "Daily figures (CSV)",
    downloadMembers: "Members (CSV)",
    downloadLedger: "Ledger (CSV)",
    downloadFailed: (label: string) => `${label} (failed, retry)`,
    participating: (count: string) =>
      `${count} participating members (kept a redemption): the "members" compared below`,
    pointValue: (money: string, points: string, reward: string) =>
      `${money} per ${points} points (${reward})`,
    noPointValue: "No fixed-amount or store-credit reward to value points with.",
    rewardOrders: (orders: string, share: string) => `${orders} orders, ${share} of revenue`,
    referralCohort: (completed: string, issued: string) =>
      `${completed} of ${issued} friend codes issued in this period`,
    referralsCompleted: (count: string) => `${count} completed in this period`,
    // The compared segments (decision 033): participating members (kept a redemption) and the rest.
    members: "Redeemers",
    nonMembers: "Others",
    chartAlt: (title: string, weekly: boolean) =>
      `Chart: ${title}, by ${weekly ? "week" : "day"}. The figures are in the daily CSV download.`,
    chartPoints: "Points",
    chartRevenue: (currency: string) => `Revenue (${currency})`,
    seriesIssued: "Issued",
    seriesRedeemed: "Redeemed",
    seriesExpired: "Expired",
    seriesMembers: "Redeemers",
    seriesNonMembers: "Others",
    seriesWithReward: "With a reward",
    weekOf: (day: string) => `Week of ${day}`,
    empty: "No loyalty activity yet",
    emptyHelp:
      "Figures and charts appear here once customers join and orders are credited. You can also import members and past orders.",
    emptyAction: "Import members and past orders",
    computing: "Your program's figures are being computed",
    computingHelp:
      "This is the first time Tally adds up this shop's members, orders and points. For a large shop it takes a few minutes; reload this page shortly.",
    computingDownload:
      "The figures are being computed for the first time; try again in a few minutes.",
    notes: (timeZone: string) =>
      `Days are the shop's days (${timeZone}). One calendar: an order's revenue, its points and their reversals by a refund or cancellation count on the day the order was placed; redemptions, expiry, bonuses, imports and staff adjustments on the day they were recorded. Figures come from Tally's own rollups, refreshed every minute.`,
  },
  engagement: {
    title: "Engagement",
    save: "Save",
    saved: "Engagement settings saved",
    notSaved: "The settings were not saved",
    notJson: "The form was not sent as JSON.",
    stale:
      "Someone saved the engagement settings while you were editing. Reload to see their change; yours were not saved.",
    descriptionHelp:
      "Shown to customers. Left as the suggested text, it follows the threshold when you change it.",
    removeBadge: "Remove badge",
    removeBadgeTitle: (name: string) => `Remove the badge “${name}”?`,
    removeBadgeHelp: "Once you save, Shopify Flow can no longer award it.",
    badges: "Badges",
    badgesHelp:
      "Awarded once per customer when an order crosses the condition, with optional bonus points. Shown on the customer account Rewards page.",
    newBadge: "New badge",
    badgeName: "Name",
    bonusPoints: "Bonus points",
    orderNumber: "Order number",
    bigOrder: (currency: string) => `Order of at least (${currency})`,
    lifetimeSpend: (currency: string) => `Lifetime spend (${currency})`,
    tier: "Tier",
    description: "Description shown to customers",
    customBadgeHelp: (id: string) =>
      `Awarded by the Flow action “Award loyalty badge” with badge id ${id}`,
    addCustomBadge: "Add a custom badge",
    leaderboard: "Leaderboard",
    leaderboardHelp:
      "Monthly top members by points earned. Customers appear only after they opt in, with their first name and initial; nobody is shown their rank unless they ask.",
    leaderboardEnabled: "Offer the leaderboard",
    journeys: "Onboarding journeys",
    journeysHelp:
      "Each step fires once per customer as the Flow trigger “Loyalty journey step due”; build the email or SMS in Shopify Flow.",
    // What a badge's threshold says, and the shipped badges' names (stored in English; the admin
    // shows them in its language while the merchant has not changed them).
    badgeRule: {
      firstOrder: "Placed a first order",
      nthOrder: (orders: number) => `Placed ${number(orders)} orders`,
      bigOrder: (amount: string) => `One order of ${amount} or more`,
      lifetimeSpend: (amount: string) => `Spent ${amount} in total`,
      tierReached: (tier: string) => `Reached the ${tier} tier`,
    },
    defaultBadgeNames: {
      "first-order": "First order",
      "fifth-order": "Regular",
      "big-order": "Big basket",
      gold: "Gold member",
      "spend-1000": "Big spender",
    } as Record<string, string>,
    journeyPurposes: {
      "first-order-14d": "helpful content about what they bought",
      "first-order-21d": "invite to create an account (optional bonus points)",
      "first-order-28d": "introduce the loyalty program",
    } as Record<string, string>,
    journeyStep: (days: number, purpose: string) =>
      `${days} days after the first order: ${purpose}`,
    flow: "Shopify Flow triggers",
    flowHelp: "Send these events to Shopify Flow. Switch on only the ones your workflows use.",
    triggers: {
      points_earned: "Loyalty points earned",
      reward_redeemed: "Loyalty reward redeemed",
      tier_changed: "Loyalty tier changed",
      points_expiring: "Loyalty points expiring soon",
      badge_earned: "Loyalty badge earned",
      birthday: "Customer birthday",
      referral_completed: "Referral completed",
    },
    flowAlwaysOn: "The Flow action “Award loyalty points” is always available.",
  },
  import: {
    title: "Import members and past orders",
    intro:
      "Upload a CSV of balances and tiers (Tally's members export; Smile.io's points file, VIP tier file or customer export; LoyaltyLion's customer export), or of points history (Tally's ledger export). You first see what the file will do; nothing changes until you apply it. A file states each customer's balance from its app: importing it again, or the same customer under another key, adds nothing. Every customer is checked in Shopify first.",
    fileHolds: "The file holds",
    kindBalances: "Balances and tiers",
    kindHistory: "Points history",
    kinds: { balances: "balances", history: "history" } as Record<string, string>,
    chooseKind: "Choose what the file holds",
    file: "CSV file",
    fileHint: "Accepts .csv",
    chooseFile: "Choose a CSV file to import",
    encoding: "Text encoding",
    encodings: {
      "utf-8": "UTF-8",
      "windows-1252": "Windows-1252 (Western European, Latin-1)",
      "windows-1250": "Windows-1250 (Central European: Polish, Czech…)",
      "windows-1251": "Windows-1251 (Cyrillic: Russian, Ukrainian…)",
      "utf-16le": "UTF-16 (Excel “Unicode text”)",
    } as Record<string, string>,
    delimiter: "Columns separated by",
    automatic: "Detect automatically",
    delimiters: { ",": "Comma (,)", ";": "Semicolon (;)", "\t": "Tab" } as Record<string, string>,
    tooLarge: "The file is larger than 512 MB: split it into several files.",
    unknownRequest: "Unknown request",
    submit: "Preview import",
    apply: "Apply import",
    discard: "Discard",
    previewTitle: "What this file will do",
    previewHelp: "Nothing has changed yet. Check the figures and the rejected rows, then apply.",
    summary: (summary: {
      membersMatched: number;
      newMembers: number;
      pointsAdded: number;
      pointsRemoved: number;
      tierChanges: number;
    }) =>
      `${summary.membersMatched.toLocaleString("en")} members matched, ${summary.newMembers.toLocaleString("en")} new members, ${summary.pointsAdded.toLocaleString("en")} points added, ${summary.pointsRemoved.toLocaleString("en")} points removed, ${summary.tierChanges.toLocaleString("en")} tier changes`,
    pointsByTier: (tier: string, points: number) =>
      `${tier}: ${points.toLocaleString("en")} points`,
    birthdaysSet: (count: number) =>
      `Birthdays set: ${count.toLocaleString("en")} (members who had none; a birthday already set is kept)`,
    readAs: (encoding: string, delimiter: string) =>
      `Read as ${encoding}, columns separated by ${delimiter}.`,
    ignoredColumns: (columns: string) => `Ignored columns: ${columns}`,
    customersExportedAt: (when: string) =>
      `Customers new to Tally were matched against the shop's customers as exported from Shopify on ${when}; customers created in Shopify since then are not in it.`,
    pastOrders: "Past orders",
    pastOrdersHelp:
      "Bring in the last 12 months of orders from Shopify (a bulk operation) so tiers and analytics know them. Orders Tally already has are never credited twice. Past orders earn points only if you tick the box.",
    awardPoints: "Past orders earn points",
    backfillLine: (date: string, withPoints: boolean, progress: string) =>
      `${date}${withPoints ? " (with points)" : ""}: ${progress}`,
    backfillProgress: {
      waiting: "Waiting for Shopify to start the export…",
      exporting: (orders: number) =>
        orders > 0
          ? `Shopify is preparing the export: ${number(orders)} orders so far…`
          : "Shopify is preparing the export…",
      applying: (applied: number, total: number) =>
        total > 0
          ? `Applying orders: ${number(applied)} of ${number(total)}`
          : `Applying orders: ${number(applied)}`,
      done: (applied: number) => `Done: ${number(applied)} orders applied`,
      failed: (applied: number, failure: string | null) =>
        `Failed after ${number(applied)} orders${failure ? `: ${failure}` : ""}`,
    },
    backfill: "Backfill orders",
    retryBackfill: (withPoints: boolean) =>
      `Retry the backfill (${withPoints ? "past orders earn points" : "past orders earn no points"})`,
    noPreviewToApply: "There is no previewed file to apply: upload the file again.",
    previewFileGone:
      "The previewed file is no longer on this server (the app restarted, or another instance served the preview): upload it again.",
    previewBeingApplied: "This preview is already being applied.",
    notMultipart: "Send the CSV file with the upload form (multipart/form-data).",
    tooManyParts: "The upload has more parts than a CSV file and what it holds.",
    oneFileAtATime: "Upload one file at a time.",
    uploadUnreadable: "The upload could not be read: send one CSV file and what it holds.",
    backfillNotFound: "That backfill does not exist or has not failed.",
    history: "Imports",
    importTitle: (file: string, kind: string, format: string | null) =>
      `${file} (${kind}${format ? `, ${format} format` : ""})`,
    rows: (read: string, imported: string, skipped: string, nothing: string, failed: string) =>
      `${read} rows read: ${imported} imported, ${skipped} already there, ${nothing} with nothing to import, ${failed} rejected`,
    previewRows: (
      read: string,
      imported: string,
      skipped: string,
      nothing: string,
      failed: string,
    ) =>
      `${read} rows read: ${imported} to import, ${skipped} already there, ${nothing} with nothing to import, ${failed} rejected`,
    rejectedRows: "Rejected rows (CSV)",
    firstRejected: "First rejected rows",
    rejectedRow: (row: number, reason: string) => `Row ${number(row)}: ${reason}`,
    status: {
      running: "running",
      done: "done",
      failed: "failed",
      pending: "pending",
      previewed: "preview — not applied",
      applied: "preview — applied",
      discarded: "preview — discarded",
    } as Record<string, string>,
    mapHelp:
      "Tally did not recognise this file's columns. Choose which column holds what, then preview again (the file is kept).",
    fields: {
      shopifyCustomerId: "Shopify customer id",
      email: "Email",
      points: "Points balance",
      tier: "Tier",
      firstName: "First name",
      lastName: "Last name",
      createdAt: "Date (history)",
    } as Record<string, string>,
    notInFile: "— not in the file —",
    previewMapped: "Preview with these columns",
    newer: "Newer imports",
    older: "Older imports",
    empty: "No imports yet",
    emptyHelp: "Files you import appear here with their progress and any rejected rows.",
  },
  jobs: {
    title: "Background jobs",
    labels: {
      "collection-sync": "Collections sync (for collection multipliers)",
      "collection-membership": "Collection changes from Shopify",
      "metafield-push": "Metafield and tag sync",
      "redemption-release": "Release of unused reward codes",
      "pending-maturation": "Pending points becoming spendable",
      "point-expiry": "Point expiry and expiring-soon notices",
      "tier-reevaluation": "Tier re-evaluation",
      "tier-upgrades": "Members moved up after a tier change",
      "ledger-verify": "Ledger verification",
      "flow-trigger-push": "Shopify Flow events sent",
      journeys: "Onboarding journey steps",
      "analytics-rollups": "Analytics figures refreshed",
      "order-backfill": "Past orders backfill",
      "stale-reservations": "Unfinished redemptions resolved",
      "stale-imports": "Interrupted CSV imports marked failed",
      "order-reconciliation": "Orders checked against Shopify (missed webhooks)",
      "currency-check": "Shop currency check for held orders",
      birthdays: "Birthday bonuses and birthday Flow events",
      referrals: "Referral rewards after the return window",
    } as Record<string, string>,
    reconciliation: "Orders checked against Shopify",
    reconciliationHelp:
      "Shopify does not guarantee that every webhook arrives. Tally compares the orders updated since its last check with Shopify and applies whatever it missed.",
    reconciledUntil: (when: string) => `Every order updated before ${when} has been checked.`,
    notReconciledYet: "No check has finished yet.",
    reconciliationCounts: (inProgress: boolean, checked: string, applied: string, failed: string) =>
      `${inProgress ? "Check in progress" : "Last check"}: checked ${checked} orders, applied ${applied}${failed !== "0" ? `, ${failed} could not be applied` : ""}.`,
    reconciliationFailure: (orderId: string, reason: string) => `Order ${orderId}: ${reason}`,
    headings: ["Job", "Every", "Last run", "Status", "Last run did", "Failures"],
    seconds: (n: number) => `${n} s`,
    minutes: (n: number) => `${n} min`,
    hours: (n: number) => `${n} h`,
    utc: (when: string) => `${when} UTC`,
    notYet: "Not yet",
    waiting: "Waiting",
    ok: "OK",
    failed: "Failed",
    none: "None",
    failures: (count: number, last: string) => `${count} (last ${last})`,
    lastErrors: "Last errors",
    empty: "No job has run yet",
    emptyHelp:
      "Tally's background jobs run on a schedule once the app is running; each one's last run and what it did will appear below.",
  },
  deadLetters: {
    title: "Deliveries needing attention",
    help: "Shopify sent these updates and Tally could not apply them. Nothing was credited or changed for them. Replay runs one again with today's Tally (it never applies twice); Dismiss closes it with your reason.",
    more: (shown: number, open: number) => `Showing the latest ${shown} of ${number(open)}.`,
    received: (when: string) => `Received ${when}`,
    attempts: (n: number) => (n === 1 ? "1 attempt" : `${number(n)} attempts`),
    order: (id: string) => `Order ${id}`,
    customer: (id: string) => `Customer ${id}`,
    details: "Details",
    replay: "Replay",
    dismiss: "Dismiss",
    dismissReason: "Why dismiss it?",
    dismissConfirm: "Dismiss delivery",
    gone: "This delivery is not waiting for attention any more",
    replayed: "Delivery applied",
    dismissed: "Delivery dismissed",
    stillFailing: (reason: string) => `Still not applied: ${reason}`,
    topics: {
      "orders/paid": "Order paid",
      "orders/updated": "Order updated",
      "orders/cancelled": "Order cancelled",
      "refunds/create": "Refund",
      "customers/create": "New customer",
      "app/uninstalled": "App uninstalled",
      "customers/data_request": "Customer data request",
      "customers/redact": "Customer erasure request",
      "shop/redact": "Shop erasure request",
    } as Record<string, string>,
    reasons: {
      CURRENCY_MISMATCH:
        "The amounts are in another currency than your shop's, so no points were given. If you changed your store currency, Tally applies it within a minute of noticing.",
      INVALID_PAYLOAD:
        "Shopify's data was missing something Tally needs, or had a value it cannot use.",
      INVALID_JSON: "The delivery could not be read.",
      WRONG_TOPIC: "Shopify sent this to the wrong address of the app.",
      REFUSED: "Tally refused to apply it (for example, a balance would pass its limit).",
      HANDLER_ERROR: "An unexpected error in Tally stopped it; nothing was changed.",
      UNKNOWN_TOPIC: "Tally no longer handles this kind of update.",
    } as Record<string, string>,
    otherReason: "Tally could not apply it.",
    // The "Details" line of the reasons Tally words itself (stored coded: app/i18n/coded-text.ts).
    // Anything else there is an error's own text, shown as the program wrote it.
    detailTexts: {
      wrongTopic: (v: { expected: string; received: string }) =>
        `This endpoint receives ${v.expected}, not ${v.received}`,
      invalidJson: () => "The webhook body is not valid JSON",
      invalidPayload: (v: { issues: string }) => v.issues,
      currencyMismatch: (v: { what: "order" | "refund"; received: string; shopCurrency: string }) =>
        `The ${v.what}'s shop money is in ${v.received}, but the shop's currency is ${v.shopCurrency}`,
      unknownTopic: (v: { topic: string }) => `Tally does not handle ${v.topic}`,
    },
    technicalDetails: "Details",
  },
  members: {
    title: "Members",
    resource: { singular: "member", plural: "members" },
    search: "Search by email or name",
    searchPlaceholder: "Starts with…",
    invalidCursor: "The page link is invalid or out of date; start from the first page.",
    nulCharacter: "The search and the tier cannot contain a NUL character.",
    searchTooLong: (max: number) =>
      `Search with at most ${number(max)} characters: the start of an email or a name is enough.`,
    tier: "Tier",
    allTiers: "All tiers",
    sort: "Sort by",
    sortBalance: "Balance",
    sortLifetime: "Lifetime points",
    apply: "Search",
    empty: "No members yet",
    emptyHelp: "Customers become members when they create an account or place an order.",
    noMatch: "No members match",
    noMatchHelp:
      "Try the start of an email address, a name (“zofia mül”) or a surname. Accents and capitals do not matter.",
    total: (count: number, atLeast: boolean) =>
      atLeast
        ? `More than ${number(count)} members`
        : `${number(count)} ${count === 1 ? "member" : "members"}`,
    totalOfSearch: (count: number, atLeast: boolean) =>
      atLeast
        ? `${number(count)}+ matches ranked`
        : `${number(count)} ${count === 1 ? "match" : "matches"}`,
    searchTruncated: (limit: number) =>
      `Many members match: the first ${number(limit)} matches of each field (in alphabetical order) are ranked here. Type more of the email or name to narrow the search.`,
    name: "Name",
    email: "Email",
    balance: "Balance",
    lifetime: "Lifetime points",
    orders: "Orders",
    loading: "Loading members",
    firstPage: "First page",
    previousPage: "Previous page",
    nextPage: "Next page",
    unnamed: "(no name)",
  },
  member: {
    balance: "Balance",
    pending: "Pending",
    lifetime: "Lifetime points",
    orders: "Orders",
    tier: "Tier",
    nextTier: (remaining: number, name: string) => `${number(remaining)} to ${name}`,
    topTier: "Highest tier",
    tierOverride: "Tier override",
    tierOverrideHelp:
      "Pin this member to a tier (a VIP guest, a compensation). While pinned, they earn at that tier's multiplier and neither upgrades nor re-evaluation move them.",
    tierOverrideNone: "No override (the tier they earn)",
    tierOverrideCurrent: (tier: string) => `Pinned to ${tier} by staff.`,
    tierOverrideTier: "Tier",
    tierOverrideReason: "Reason (kept in the tier history)",
    tierOverrideSubmit: "Save tier",
    tierOverridden: (tier: string, pinned: boolean) =>
      pinned ? `Pinned to ${tier}` : `Override removed; tier is ${tier}`,
    tierOverrideUnchanged: "Nothing to change.",
    adjust: "Adjust points",
    adjustPoints: "Points (negative to remove)",
    adjustReason: "Reason (kept in the member's history)",
    adjustSubmit: "Adjust",
    adjusted: (points: number) =>
      `${points > 0 ? "Added" : "Removed"} ${number(Math.abs(points))} points`,
    adjustDuplicate: "This adjustment was already recorded.",
    insufficient: (balance: number) => `The member has only ${number(balance)} points to remove.`,
    overLimit: `That would take the member past ${number(MAX_MEMBER_POINTS)} points, the most one member can hold.`,
    conflict: "This form was already used for a different adjustment; reload the page.",
    ledger: "Points history",
    ledgerEmpty: "No points movements yet.",
    olderEntries: "Older entries",
    newestEntries: "Newest entries",
    date: "Date",
    what: "What happened",
    points: "Points",
    openInShopify: "Open in Shopify",
    redemptions: "Redemptions",
    redemptionsEmpty: "No reward redeemed yet.",
    tierHistory: "Tier history",
    tierMove: "Move",
    tierReason: "Why",
    tierMoved: (from: string | null, to: string) => `${from ?? "—"} → ${to}`,
    reward: "Reward",
    code: "Code",
    status: "Status",
    expiresOn: (status: string, day: string) => `${status} (expires ${day})`,
    recentOrders: "Recent orders",
    explain: "Explain",
    explainOrder: (order: string) => `Explain order ${order}`,
    explanation: (name: string) => `Why ${name} earned what it did`,
    programVersion: (version: number | null) =>
      version === null ? "Never earned" : `Earned under program version ${version}`,
    redacted: "This customer's personal data was erased on request.",
    notFound: "This member does not exist in this shop.",
    tierOverrideReasonMissing: "Say why (kept in the tier history)",
    tierOverrideReasonTooLong: "At most 500 characters",
  },
  // What each analytics figure is called and means beside it, and on the definitions page its
  // formula, the standard it follows and where Tally departs from it, when it does
  // (app/loyalty/analytics-definitions.ts; docs/analytics.md is the long form).
  kpis: {
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
    },
    pointsExpired: {
      label: "Points expired",
      definition: "Points removed by the program's expiry rules in the period.",
      formula: "−Σ expire written in the window.",
      source: "Points expired (breakage realised).",
    },
    pointsOutstanding: {
      label: "Points outstanding",
      definition: "The sum of every member's balance now (every ledger entry ever, added up).",
      formula: "Σ all ledger entries, now.",
      source: "Outstanding points balance.",
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
  },
  // "Why did this order earn 146 points" on the member page (app/loyalty/explain.ts).
  explain: {
    notEarned: {
      guest_order: "Guest checkout: the order has no customer account to credit.",
      not_paid: "The order is not paid yet; points are credited when it is.",
      cancelled: "The order was cancelled, so its points were reversed.",
      fully_refunded: "Everything that earned points was refunded.",
      below_minimum_subtotal: "The order is below the minimum subtotal that earns purchase points.",
      purchase_rule_disabled: "Purchases do not earn points in the program.",
      zero_earn_base:
        "Nothing in the order earns points (shipping, taxes, tips and gift cards never do).",
      order_points_capped: (max: number) =>
        `The rules gave more than the most one order can earn; the order earned ${number(max)} points.`,
    },
    purchaseRate: (points: string, spendUnit: number, currency: string, base: string) =>
      `${points} point(s) per ${number(spendUnit)} ${currency} on ${base}`,
    productMultipliers: (multipliers: string) => `product multipliers ${multipliers}`,
    collectionMultipliers: (multipliers: string) => `collection multipliers ${multipliers}`,
    campaign: (name: string, multiplier: string) => `campaign "${name}" ${multiplier}`,
    tier: (name: string, multiplier: string) => `${name} tier ${multiplier}`,
    purchase: (parts: string, points: number) =>
      `Purchase: ${parts}, rounded down = ${points} points.`,
    firstOrder: (points: number) => `First order bonus: ${points} points.`,
    everyNthOrder: (ordinal: number, every: number, points: number) =>
      `Order number ${ordinal} (every ${every}th order): ${points} points.`,
    milestone: (milestone: string, points: number) =>
      `Lifetime spend passed ${milestone}: ${points} points.`,
  },
  // One points-history entry and a redemption's status on the member page (app/loyalty/ledger-wording.ts).
  ledger: {
    orderPaid: (order: string) => `Order ${order} paid`,
    pointsEarned: "Points earned",
    orderReversed: (order: string) => `Order ${order} refunded or cancelled`,
    reversed: (reason: string) => `Reversed: ${reason}`,
    pointsReversed: "Points reversed",
    redeemed: (reward: string | null) => `Redeemed: ${reward ?? "a reward"}`,
    returned: "Returned: the reward code was not used",
    expired: "Points expired",
    adjusted: (reason: string | null, staffId: string | null) =>
      `Adjusted by staff: ${reason ?? "no reason given"}${staffId ? ` (staff ${staffId})` : ""}`,
    imported: (reason: string) => `Imported: ${reason}`,
    importedPrevious: "Imported from the previous loyalty app",
    order: (order: string) => `order ${order}`,
    // Reasons the app itself writes, worded for staff (app/loyalty/history-line.ts finds them).
    bonus: {
      signupBonus: "signup bonus",
      firstLoginBonus: "First login bonus",
      birthdayBonus: "Birthday bonus",
      welcomeBonus: "Welcome bonus",
      referralBonus: "Referral bonus",
    },
    badge: (badge: string) => `Badge: ${badge}`,
    takenBack: (code: string, order: string) =>
      `Points taken back because the released reward code ${code} was used on order ${order}`,
    redemptionStatus: {
      reserved: "Being issued",
      issued: "Code issued, not used yet",
      used: "Used",
      released: "Not used: points returned",
      expired: "Expired",
      failed: "Failed: points returned",
    } as Record<string, string>,
  },
  // Why an import row was rejected, stored as a code and values (app/i18n/coded-text.ts) and worded
  // on the Import page and in the rejected-rows file in the reader's language.
  importProblems: {
    extraCells: (v: { cells: number; width: number; delimiter: string }) =>
      `The row has ${v.cells} cells but the header ${v.width}: is a "${v.delimiter}" written inside a value (points like 1${v.delimiter}5)? Quote the value, or write points as whole numbers without separators.`,
    notShopifyId: (v: { id: string }) =>
      `Customer id "${v.id}" is not a Shopify customer id (digits only).`,
    notEmail: (v: { email: string }) => `"${v.email}" is not an email address.`,
    noCustomer: () => "No customer id and no email: the row cannot be matched to a customer.",
    pointsMissing: () => "Points are missing.",
    pointsAmbiguousComma: (v: { raw: string; delimiter: string }) =>
      `Points "${v.raw}" are ambiguous: in a file separated by "${v.delimiter}" the comma is a decimal mark. Write whole numbers without separators (52620).`,
    pointsAmbiguousPoint: (v: { raw: string }) =>
      `Points "${v.raw}" are ambiguous: in a comma-separated file the point is a decimal mark. Write whole numbers without separators (52620).`,
    pointsNotWhole: (v: { raw: string }) => `Points "${v.raw}" must be a whole number.`,
    pointsBeyondLimit: (v: { points: number; limit: number }) =>
      `Points ${v.points} are beyond the ${number(v.limit)} limit.`,
    negativeBalance: () => "A balance cannot be negative.",
    notIsoDate: (v: { raw: string }) =>
      `Date "${v.raw}" is not an ISO date (2025-06-01 or 2025-06-01T10:00:00Z).`,
    dateMissing: () => "The entry's created_at date is missing.",
    birthdayUnreadable: (v: { raw: string }) =>
      `Birthday "${v.raw}" is not a date Tally reads: write 1990-05-27, 05-27 or --05-27 (year-month-day; the year is ignored).`,
    birthdayNotReal: (v: { raw: string; month: number; day: number }) =>
      `Birthday "${v.raw}" is not a real day (month ${v.month}, day ${v.day}).`,
    unknownTier: (v: { tier: string; tiers: string[] }) =>
      `Tier "${v.tier}" is not one of the program's tiers (${v.tiers.join(", ")}).`,
    memberOverflow: (v: { points: number; figure: "balance" | "lifetime"; limit: number }) =>
      `These ${number(v.points)} points would take the member's ${v.figure === "balance" ? "balance" : "lifetime points"} past ${number(v.limit)}, the most one member can hold; the row was not applied.`,
    notAskable: (v: { id: string }) =>
      `Customer id ${v.id} is not a member of Tally yet and Shopify could not be asked about it; open the import from the app so customers can be checked in Shopify.`,
    idNotInShopify: (v: { id: string; exportedAt: string | null }) =>
      `No Shopify customer has the id ${v.id}${exportedAsOf(v.exportedAt)}: check the id (a typo, or the old app's own customer id?). Nothing was created for it.`,
    emailTwiceInTally: (v: { email: string }) =>
      `More than one customer has the email ${v.email}; add their Shopify customer id.`,
    emailTwiceInShopify: (v: { email: string }) =>
      `More than one Shopify customer has the email ${v.email}; add their Shopify customer id.`,
    emailNotInShopify: (v: { email: string; exportedAt: string | null }) =>
      `No customer with the email ${v.email} in Shopify or in Tally${exportedAsOf(v.exportedAt)}; add their Shopify customer id, or create the customer in Shopify first.`,
    emailUnknown: (v: { email: string }) =>
      `No customer with the email ${v.email} is known to Tally yet; add their Shopify customer id, or run the order backfill first.`,
    importedBefore: (v: { before: number; points: number }) =>
      `Already imported ${v.before} points for this entry from an earlier file; the ${v.points} here were not applied.`,
    duplicateCustomer: (v: { first: number }) =>
      `Duplicate: this customer is already in row ${v.first} of the file; a balances file holds one row per customer, and only the first was used.`,
    duplicateEntry: (v: { first: number }) =>
      `Duplicate: row ${v.first} of the file is the same entry; only the first was used.`,
    notApplied: () => "The row was not applied.",
  },
  // Why a whole import failed (DataImport.failure, stored coded: app/i18n/coded-text.ts), on the
  // Import page. `detail` is a technical message in English (Shopify's, the parser's).
  importFailures: {
    empty: () => "The file is empty.",
    excelWorkbook: () =>
      "This is not a CSV file: it looks like an Excel workbook (or another archive). In Excel, choose File › Save As › “CSV UTF-8 (comma delimited)”, then upload that file.",
    notCsv: (v: { kind: "png" | "jpeg" | "gif" | "pdf" | "gzip" }) =>
      `This is not a CSV file: it is ${{ png: "a PNG image", jpeg: "a JPEG image", gif: "a GIF image", pdf: "a PDF document", gzip: "a gzip archive" }[v.kind] ?? "another kind of file"}.`,
    binary: () => "This is not a CSV file: it holds binary data.",
    notUtf8: (v: { offset: number }) =>
      `The file is not valid UTF-8 (after byte ${number(v.offset)}): it was probably saved in a regional encoding. Choose the file's encoding, or save it from the spreadsheet as “CSV UTF-8”.`,
    mappedColumnMissing: (v: { name: string; field: string }) =>
      `The file has no column "${v.name}" (chosen for ${en.import.fields[v.field] ?? v.field}).`,
    customerColumnMissing: () =>
      "The file needs a customer column: shopify_customer_id (or merchant_id) or email.",
    customerColumnIsSourceId: (v: { column: string }) =>
      `The file needs a customer column: shopify_customer_id (or merchant_id) or email. "${v.column}" is taken for the old app's own customer id, not Shopify's: if it holds Shopify customer ids, map it to "${en.import.fields.shopifyCustomerId}".`,
    birthdayHalf: () => "A birthday in two columns needs both birthday.month and birthday.day.",
    balancesColumnsMissing: () =>
      "The file needs a points column (points, points_balance or points_approved), a tier column (vip_tier or tier) or a birthday column (birthday or date_of_birth).",
    historyPointsMissing: () => "A history file needs a points column.",
    historyDateMissing: () => "A history file needs a created_at column (the date of each entry).",
    noHeader: () => "The file is empty: it needs a header row and at least one row.",
    noRows: () => "The file has a header row but no rows to import.",
    everyRowRejected: (v: { dryRun: boolean }) =>
      `Every row was rejected: nothing ${v.dryRun ? "would be" : "was"} imported. Download the rejected rows to see why.`,
    sessionGone: () =>
      "The shop's Shopify session is gone (the app was uninstalled?): customers new to Tally cannot be checked in Shopify. Open the app again, then upload the same file again to resume.",
    shopifyDidNotAnswer: (v: { detail: string }) =>
      `Shopify did not answer the lookup of customers (${v.detail}). Upload the same file again to resume: rows already imported are not imported twice.`,
    exportBusyHere: () =>
      "Another import is still exporting this shop's customers from Shopify; upload the file again in a few minutes.",
    exportSlotBusy: () =>
      "Shopify is busy with another export of this shop (the order backfill?) and the shop's customers could not be exported; upload the file again when it is done.",
    exportRefused: (v: { detail: string }) =>
      `Shopify refused the export of the shop's customers: ${v.detail}.`,
    exportEnded: (v: { operationStatus: string | null; errorCode: string | null }) =>
      v.operationStatus
        ? `The export of the shop's customers from Shopify ended ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}; upload the file again to retry.`
        : "Shopify no longer knows the export of the shop's customers; upload the file again to retry.",
    exportNotDownloaded: (v: { httpStatus: number }) =>
      `The export of the shop's customers could not be downloaded from Shopify (HTTP ${v.httpStatus}); upload the file again to retry.`,
    stale: () =>
      "The import stopped: no progress for 10 minutes (the app was restarted or stopped while reading the file). Upload the same file again: it resumes, and rows already imported are not imported twice.",
    unreadable: (v: { detail: string }) => `The file could not be read: ${v.detail}`,
  },
  // Why a member's tier moved (TierChange.reason, stored coded: app/i18n/coded-text.ts), on the
  // member page's tier history.
  // Why a past-orders backfill failed (Backfill.failure, stored coded: app/i18n/coded-text.ts), on
  // the Import page. `detail` is Shopify's or the network's own message, in English.
  backfillFailures: {
    refused: (v: { detail: string }) => `Shopify refused the bulk query: ${v.detail}`,
    operationGone: () => "Shopify no longer knows the bulk operation",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `The bulk operation ended ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Shopify's export file could not be downloaded (${v.detail})`,
    fileUnreadable: (v: { applied: number; detail: string }) =>
      `Shopify's export file could not be read after ${number(v.applied)} orders (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify refused Tally's access to the store (HTTP ${v.httpStatus}). Open Tally from the Shopify admin to re-authorise it, then retry.`,
    shopifyError: (v: { detail: string }) => `Shopify answered with an error: ${v.detail}`,
  },
  // Why the last sync of collection membership failed (CollectionSync.failure, stored coded), on
  // the Program page. `detail` is Shopify's or the network's own message, in English.
  collectionSyncFailures: {
    refused: (v: { detail: string }) => `Shopify refused the export of collections: ${v.detail}`,
    operationGone: () => "Shopify no longer knows the export of collections",
    operationEnded: (v: { operationStatus: string; errorCode: string | null }) =>
      `The export of collections ended ${v.operationStatus}${v.errorCode ? ` (${v.errorCode})` : ""}`,
    fileNotDownloaded: (v: { detail: string }) =>
      `Shopify's export of collections could not be downloaded (${v.detail})`,
    accessRefused: (v: { httpStatus: number }) =>
      `Shopify refused Tally's access to the store (HTTP ${v.httpStatus})`,
    shopifyError: (v: { detail: string }) => `Shopify answered with an error: ${v.detail}`,
  },
  tierReasons: {
    reached: (v: { tier: string; threshold: number; basis: string; period: string }) =>
      `reached ${v.tier} (${v.threshold}, ${v.basis}, ${v.period})`,
    overrideSet: (v: { staffId: string; reason: string }) =>
      `override set by staff ${v.staffId}: ${v.reason}`,
    overrideRemoved: (v: { staffId: string; reason: string; value: number; tier: string }) =>
      `override removed by staff ${v.staffId}: ${v.reason}; ${v.value} reaches ${v.tier}`,
    reevaluationTierGone: (v: TierMeasure & { gone: string; tier: string }) =>
      `re-evaluation: tier "${v.gone}" no longer exists; ${measure(v)} reaches ${v.tier}`,
    reevaluationUp: (v: TierMeasure & { tier: string; threshold: number }) =>
      `re-evaluation: ${measure(v)} reaches ${v.tier} (${v.threshold})`,
    reevaluationDown: (v: TierMeasure & { held: string; threshold: number; graceDays: number }) =>
      `re-evaluation: ${measure(v)} is below ${v.held} (${v.threshold})${v.graceDays ? ` after a ${v.graceDays}-day grace period` : ""}`,
    imported: () => "imported from CSV",
  },
  adminLanguage: {
    title: "Admin language",
    help: "The language Tally's pages are shown in for you (each staff member chooses their own). Shopify's admin offers no Russian: choose it here.",
    label: "Language",
    followShopify: (language: string) => `Follow Shopify admin (now ${language})`,
    saved: "Admin language saved",
    invalid: "Choose one of the languages in the list.",
  },
};

export type Messages = typeof en;
