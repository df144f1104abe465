// Starts every job of JOBS beside the web server, in every instance; runJob makes sure only one
// instance runs a given job at a time. Jobs with long intervals are due by their last recorded
// run, so frequent restarts cannot starve them. Tests drive the jobs directly: nothing starts
// under NODE_ENV=test.
import { env } from "../config/env.server";
import { getDb, getSql } from "../db.server";
import { log } from "../logger.server";
import { lastRunAt } from "../models/job-status.server";
import { offlineAdminFor } from "../shopify/offline-admin.server";
import { JOBS } from "./jobs.server";
import { runJob, type JobDefinition } from "./registry.server";

const POLL_CAP_MS = 60_000;
let started = false;

async function due(job: JobDefinition, now: Date): Promise<boolean> {
  if (job.intervalMs <= POLL_CAP_MS) return true;
  const last = await lastRunAt(getSql(), job.name);
  return !last || now.getTime() - last.getTime() >= job.intervalMs;
}

function schedule(job: JobDefinition): void {
  const every = Math.min(job.intervalMs, POLL_CAP_MS);
  const tick = async () => {
    try {
      const now = new Date();
      if (await due(job, now)) {
        const outcome = await runJob(job, {
          db: getDb(),
          sql: getSql(),
          now,
          adminFor: offlineAdminFor,
        });
        if (
          outcome.ran &&
          outcome.counts &&
          Object.values(outcome.counts).some((value) => value > 0)
        )
          log.info("job ran", { job: job.name, ...outcome.counts });
      }
    } catch (error) {
      log.error("job could not run", { job: job.name, error: String(error) });
    } finally {
      setTimeout(tick, every).unref();
    }
  };
  setTimeout(tick, every).unref();
}

export function startBackgroundJobs(): void {
  if (started || env.NODE_ENV === "test" || process.env.TALLY_BACKGROUND_JOBS === "0") return;
  started = true;
  for (const job of JOBS) schedule(job);
}
