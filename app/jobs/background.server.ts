// Work that runs beside the web server in every instance: today the metafield outbox push.
// Tests drive the services directly, so nothing starts under NODE_ENV=test.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { env } from "../config/env.server";
import { getDb, getSql } from "../db.server";
import { log } from "../logger.server";
import { refreshAnalyticsRollups } from "../models/analytics-rollup.server";
import { advanceBackfills } from "../services/backfill.server";
import { pushDueMetafields } from "../services/metafield-sync.server";
import { sweepExpiredRedemptions } from "../services/redemption-release.server";
import { unauthenticated } from "../shopify.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";

const METAFIELD_PUSH_INTERVAL_MS = 1000;
const REDEMPTION_SWEEP_INTERVAL_MS = 60_000;
const ANALYTICS_REFRESH_INTERVAL_MS = 60_000;
const BACKFILL_INTERVAL_MS = 10_000;
let started = false;

async function adminFor(shop: string): Promise<AdminGraphqlClient | null> {
  try {
    return (await unauthenticated.admin(shop)).admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

export function startBackgroundJobs(): void {
  if (started || env.NODE_ENV === "test" || process.env.TALLY_BACKGROUND_JOBS === "0") return;
  started = true;
  const tick = async () => {
    try {
      const result = await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
      if (result.pushed || result.deferred) log.info("metafields pushed", { ...result });
    } catch (error) {
      log.error("metafield push failed", { error: String(error) });
    } finally {
      setTimeout(tick, METAFIELD_PUSH_INTERVAL_MS).unref();
    }
  };
  setTimeout(tick, METAFIELD_PUSH_INTERVAL_MS).unref();

  // Safe on every instance at once: each release is a conditional status change.
  const sweep = async () => {
    try {
      const released = await sweepExpiredRedemptions(getSql(), new Date());
      if (released) log.info("expired reward codes released", { released });
    } catch (error) {
      log.error("redemption sweep failed", { error: String(error) });
    } finally {
      setTimeout(sweep, REDEMPTION_SWEEP_INTERVAL_MS).unref();
    }
  };
  setTimeout(sweep, REDEMPTION_SWEEP_INTERVAL_MS).unref();

  // Safe on every instance at once: each shop's refresh locks its watermark row and recomputes.
  const analytics = async () => {
    try {
      const counts = await refreshAnalyticsRollups(getSql(), new Date());
      if (counts.orderDays || counts.customers) log.info("analytics rollups refreshed", { ...counts });
    } catch (error) {
      log.error("analytics refresh failed", { error: String(error) });
    } finally {
      setTimeout(analytics, ANALYTICS_REFRESH_INTERVAL_MS).unref();
    }
  };
  setTimeout(analytics, ANALYTICS_REFRESH_INTERVAL_MS).unref();

  // Order backfills: each step is a status change of one row, and processing resumes from its count.
  const backfills = async () => {
    try {
      const { advanced } = await advanceBackfills(getDb(), getSql(), adminFor, new Date());
      if (advanced) log.info("backfills advanced", { advanced });
    } catch (error) {
      log.error("backfill step failed", { error: String(error) });
    } finally {
      setTimeout(backfills, BACKFILL_INTERVAL_MS).unref();
    }
  };
  setTimeout(backfills, BACKFILL_INTERVAL_MS).unref();
}
