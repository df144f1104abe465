// Every periodic job of the app. To add one: `{ name, intervalMs, run(ctx) }` (or perShopJob) here.
import { failStaleImports } from "../models/data-import.server";
import { refreshShopAnalytics } from "../models/analytics-rollup.server";
import { verifyLedger } from "../models/ledger-verify.server";
import { advanceBackfills } from "../services/backfill.server";
import {
  RECONCILE_INTERVAL_MS,
  reconcileShopOrders,
} from "../services/order-reconciliation.server";
import { checkHeldCurrencies } from "../services/dead-letter-replay.server";
import { celebrateShopBirthdays } from "../services/birthdays.server";
import { dropOldCustomerExports } from "../services/customer-export.server";
import { runCollectionRefreshes, syncShopCollections } from "../services/collection-sync.server";
import { dropAbandonedPreviews } from "../services/import.server";
import { pushDueFlowTriggers } from "../services/flow-triggers.server";
import { runDueJourneys } from "../services/journeys.server";
import { pushDueMetafields } from "../services/metafield-sync.server";
import { maturePendingPoints } from "../services/pending-maturation.server";
import { expireShopPoints } from "../services/point-expiry.server";
import { sweepExpiredRedemptions } from "../services/redemption-release.server";
import { sweepStaleReservations } from "../services/redemption-void.server";
import { completeShopReferrals } from "../services/referrals.server";
import { reevaluateShopTiers } from "../services/tier-reevaluation.server";
import { advanceTierRuns, TIER_UPGRADES_JOB } from "../services/tier-run.server";
import { perShopJob, type JobDefinition } from "./registry.server";

const MINUTE = 60_000;
// bench/cluster sweeps every few hundred ms on every instance to race them; production keeps a minute.
const SWEEP_INTERVAL_MS = Number(process.env.TALLY_REDEMPTION_SWEEP_INTERVAL_MS) || MINUTE;

export const JOBS: readonly JobDefinition[] = [
  // Deliveries held because their currency is not the shop's: has the merchant changed it? (decision 029)
  {
    name: "currency-check",
    intervalMs: MINUTE,
    run: async (ctx) => ({ ...(await checkHeldCurrencies(ctx.db, ctx.adminFor, ctx.now)) }),
  },
  // The outbox is pushed within seconds of a ledger change (design §4).
  {
    name: "metafield-push",
    intervalMs: 1000,
    run: async (ctx) => ({ ...(await pushDueMetafields(ctx.db, ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  {
    name: "redemption-release",
    intervalMs: SWEEP_INTERVAL_MS,
    run: async (ctx) => ({ ...(await sweepExpiredRedemptions(ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  // Flow trigger events from the outbox (engagement, decision 015); each event is leased before it is sent.
  {
    name: "flow-trigger-push",
    intervalMs: 2000,
    run: async (ctx) => ({ ...(await pushDueFlowTriggers(ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  // Onboarding journeys: each step fires once per customer (a unique row).
  {
    name: "journeys",
    intervalMs: 10 * MINUTE,
    run: async (ctx) => ({ ...(await runDueJourneys(ctx.sql, ctx.now)) }),
  },
  // Order backfills through Admin bulk operations (decision 013): polled, resumable.
  {
    name: "order-backfill",
    intervalMs: 10_000,
    run: async (ctx) => ({ ...(await advanceBackfills(ctx.db, ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  // Collection membership (decision 059): the full export at install and daily, polled like the
  // backfill; and the products and collections webhooks queued for a refresh from the Admin API.
  perShopJob("collection-sync", 10_000, async (ctx, shop) => {
    const admin = await ctx.adminFor(shop);
    return admin ? syncShopCollections(ctx.sql, shop, admin, ctx.now) : { steps: 0 };
  }),
  {
    name: "collection-membership",
    intervalMs: 5000,
    run: async (ctx) => ({ ...(await runCollectionRefreshes(ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  // CSV imports whose instance stopped mid-file (no progress for 10 minutes): failed, with "upload again";
  // and the kept files of previews abandoned for a day.
  {
    name: "stale-imports",
    intervalMs: MINUTE,
    run: async (ctx) => ({
      failed: await failStaleImports(ctx.db, ctx.now),
      // Previewed files nobody applied within a day (decision 031).
      previewsDropped: await dropAbandonedPreviews(ctx.db, ctx.now),
      // Customer exports kept for a preview's import (decision 047): they hold every email.
      exportsDropped: await dropOldCustomerExports(ctx.sql, ctx.now),
    }),
  },
  // Reservations whose request died or lost Shopify's answer (decision 016).
  {
    name: "stale-reservations",
    intervalMs: SWEEP_INTERVAL_MS,
    run: async (ctx) => ({ ...(await sweepStaleReservations(ctx.sql, ctx.adminFor, ctx.now)) }),
  },
  // Orders whose webhooks never came (decision 030): compared with the Admin API from a watermark.
  perShopJob("order-reconciliation", RECONCILE_INTERVAL_MS, async (ctx, shop) => {
    const admin = await ctx.adminFor(shop);
    return admin ? reconcileShopOrders(ctx.sql, shop, admin, ctx.now) : { checked: 0 };
  }),
  // Analytics rollups from their watermarks (decision 012); each shop's refresh locks its watermark
  // row. Shop by shop, so one shop's failure (e.g. a time zone Intl does not know) stops no other.
  perShopJob("analytics-rollups", MINUTE, (ctx, shop) =>
    refreshShopAnalytics(ctx.sql, shop, ctx.now),
  ),
  perShopJob("pending-maturation", MINUTE, (ctx, shop) =>
    maturePendingPoints(ctx.sql, shop, ctx.now),
  ),
  perShopJob("point-expiry", 15 * MINUTE, (ctx, shop) => expireShopPoints(ctx.sql, shop, ctx.now)),
  // Tier upgrades queued by program saves (decision 041): runs nobody holds, resumed from their cursor.
  {
    name: TIER_UPGRADES_JOB,
    intervalMs: 5000,
    run: async (ctx) => ({ ...(await advanceTierRuns(ctx.sql, ctx.now)) }),
  },
  perShopJob("tier-reevaluation", 60 * MINUTE, (ctx, shop) =>
    reevaluateShopTiers(ctx.sql, shop, ctx.now),
  ),
  // Birthday bonuses and the birthday Flow trigger, on the day in the shop's time zone (decision 032).
  perShopJob("birthdays", 15 * MINUTE, (ctx, shop) =>
    celebrateShopBirthdays(ctx.sql, shop, ctx.now),
  ),
  // Refer a friend (decision 036): advocates are paid once the friend's order is past its window.
  perShopJob("referrals", 15 * MINUTE, (ctx, shop) =>
    completeShopReferrals(ctx.sql, shop, ctx.now),
  ),
  perShopJob("ledger-verify", 6 * 60 * MINUTE, async (ctx, shop) => {
    const { customersChecked, mismatches } = await verifyLedger(ctx.db, shop, ctx.now);
    if (mismatches.length)
      throw new Error(
        `${mismatches.length} member(s) whose cached balance differs from the ledger, e.g. ${JSON.stringify(mismatches[0])}`,
      );
    return { customersChecked, mismatches: 0 };
  }),
];
