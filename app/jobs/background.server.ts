// Work that runs beside the web server in every instance: today the metafield outbox push.
// Tests drive the services directly, so nothing starts under NODE_ENV=test.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { env } from "../config/env.server";
import { getDb, getSql } from "../db.server";
import { log } from "../logger.server";
import { runDueJourneys } from "../services/journeys.server";
import { pushDueFlowTriggers } from "../services/flow-triggers.server";
import { pushDueMetafields } from "../services/metafield-sync.server";
import { sweepExpiredRedemptions } from "../services/redemption-release.server";
import { unauthenticated } from "../shopify.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";

const METAFIELD_PUSH_INTERVAL_MS = 1000;
const REDEMPTION_SWEEP_INTERVAL_MS = 60_000;
const FLOW_PUSH_INTERVAL_MS = 2000;
const JOURNEY_INTERVAL_MS = 10 * 60_000;
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

  // Flow trigger events from the outbox (engagement). Safe on every instance: each event is leased
  // by a conditional update before it is sent.
  const flow = async () => {
    try {
      const result = await pushFlowTriggersNow(new Date());
      if (result.sent || result.deferred || result.dropped) log.info("flow triggers pushed", { ...result });
    } catch (error) {
      log.error("flow trigger push failed", { error: String(error) });
    } finally {
      setTimeout(flow, FLOW_PUSH_INTERVAL_MS).unref();
    }
  };
  setTimeout(flow, FLOW_PUSH_INTERVAL_MS).unref();

  // Onboarding journeys: each step fires once per customer (unique row), so every instance may run it.
  const journeys = async () => {
    try {
      const result = await runJourneysNow(new Date());
      if (result.fired) log.info("journey steps fired", { ...result });
    } catch (error) {
      log.error("journey run failed", { error: String(error) });
    } finally {
      setTimeout(journeys, JOURNEY_INTERVAL_MS).unref();
    }
  };
  setTimeout(journeys, JOURNEY_INTERVAL_MS).unref();
}

/** One push of due Flow trigger events (a plain function, for the job registry to call). */
export function pushFlowTriggersNow(now: Date) {
  return pushDueFlowTriggers(getSql(), adminFor, now);
}

/** One run of the onboarding journeys (a plain function, for the job registry to call). */
export function runJourneysNow(now: Date) {
  return runDueJourneys(getSql(), now);
}
