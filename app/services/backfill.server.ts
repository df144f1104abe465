// The order backfill (docs/decisions/013): the last 12 months of orders through an Admin bulk
// operation, applied through the webhook path's own merge (applyOrderDelivery), so an order that
// also arrives by webhook is never credited twice. Past orders earn points only if the merchant
// chose so; otherwise they count for tiers and analytics. Each call of advanceBackfill moves one
// backfill one step; the background job calls it until the backfill is done or failed.
import type { Db } from "../db.server";
import type { SqlDatabase } from "../db/sql.server";
import { storeCoded, wordCoded, wordStored, type CodedOf } from "../i18n/coded-text";
import { en, type Messages } from "../i18n/en";
import { adminText } from "../i18n";
import { log } from "../logger.server";
import { refreshShopAnalytics } from "../models/analytics-rollup.server";
import { memberById } from "../models/customer.server";
import { programOfVersion, shopContext } from "../models/program.server";
import { readBulkStart } from "../shopify/bulk-operation-start";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { AdminApiError, isAccessRefused } from "../shopify/admin-api-error";
import { ordersFromJsonl } from "../shopify/bulk-orders-jsonl";
import type { OrderDelivery } from "../shopify/webhooks/order-delivery";
import {
  BULK_OPERATION_RUN_QUERY,
  BULK_OPERATION_STATUS,
  bulkOrdersQuery,
} from "../shopify/documents/bulk-orders";
import { applyOrderDelivery } from "./order-points.server";
import { upgradeTierIfEarned } from "./tiers.server";

const DAY_MS = 86_400_000;
export const BACKFILL_DAYS = 365;
/** Orders applied per transaction (and per progress update). */
export const BACKFILL_BATCH = 100;
const ACTIVE = ["requested", "running", "processing"];

/** Why a backfill failed (Backfill.failure): stored coded, worded in the reader's language (decision 053). */
export type BackfillFailure = CodedOf<Messages["backfillFailures"]>;

/** The export file could not be downloaded or read: the backfill stops with this reason. */
class BackfillFileError extends Error {
  constructor(readonly failure: BackfillFailure) {
    super(wordCoded(failure, en.backfillFailures));
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const LOCK_WAIT_MS = 25;
const LOCK_ATTEMPTS = 200;

/**
 * One backfill at a time per shop: asking again while one runs returns that one. The check and the
 * insert run under a per-shop lock (an advisory lock on PostgreSQL), so two requests at once (two
 * instances, an install racing the page) cannot both create one. `firstOnly`: only if the shop has
 * never had a backfill (the install's).
 */
export async function requestBackfill(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  options: { awardPoints: boolean; now: Date; firstOnly?: boolean },
): Promise<{ id: string; created: boolean }> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const locked = await sqlDb.withTryLock(`tally-backfill-request:${shop}`, async () => {
      const existing = await db.backfill.findFirst({
        where: { shop, ...(options.firstOnly ? {} : { status: { in: ACTIVE } }) },
        orderBy: { createdAt: "desc" },
      });
      if (existing) return { id: existing.id, created: false };
      const row = await db.backfill.create({
        data: {
          shop,
          awardPoints: options.awardPoints,
          since: new Date(options.now.getTime() - BACKFILL_DAYS * DAY_MS),
          until: options.now,
        },
      });
      return { id: row.id, created: true };
    });
    if (locked.acquired) return locked.result;
    await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
  }
  throw new Error(`another backfill request for ${shop} held the lock for too long`);
}

/**
 * Runs a failed backfill again with the merchant's choice of points from that run (a new bulk
 * operation: the old file's link may have expired; orders already applied are merged, never
 * credited twice). null when the shop has no such failed backfill.
 */
export async function retryBackfill(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  failedId: string,
  now: Date,
): Promise<{ id: string; created: boolean } | null> {
  const failed = await db.backfill.findFirst({ where: { id: failedId, shop, status: "failed" } });
  if (!failed) return null;
  return requestBackfill(db, sqlDb, shop, { awardPoints: failed.awardPoints, now });
}

export type BackfillStep =
  "started" | "waiting" | "completed-on-shopify" | "processed" | "failed" | "finished";

export async function advanceBackfill(
  db: Db,
  sqlDb: SqlDatabase,
  admin: AdminGraphqlClient,
  id: string,
  now: Date,
): Promise<BackfillStep> {
  const backfill = await db.backfill.findUniqueOrThrow({ where: { id } });
  const fail = async (failure: BackfillFailure): Promise<BackfillStep> => {
    await db.backfill.update({
      where: { id },
      data: { status: "failed", failure: storeCoded(failure), finishedAt: now },
    });
    return "failed";
  };
  try {
    if (backfill.status === "requested") {
      const result = await runAdminOperation(admin, BULK_OPERATION_RUN_QUERY, {
        query: bulkOrdersQuery(backfill.since, backfill.until),
      });
      const start = readBulkStart(result.bulkOperationRunQuery);
      // Another bulk query of this app is running on the shop: try again on the next step.
      if (start.outcome === "busy") return "waiting";
      if (start.outcome === "refused")
        return fail({ code: "refused", values: { detail: start.detail } });
      await db.backfill.update({
        where: { id },
        data: { status: "running", bulkOperationId: start.operationId },
      });
      return "started";
    }
    if (backfill.status === "running") {
      const result = await runAdminOperation(admin, BULK_OPERATION_STATUS, {
        id: backfill.bulkOperationId!,
      });
      const operation = result.node && "status" in result.node ? result.node : null;
      if (!operation) return fail({ code: "operationGone" });
      await db.backfill.update({
        where: { id },
        data: {
          objectCount: Number(operation.objectCount),
          ordersTotal: Number(operation.rootObjectCount),
        },
      });
      if (operation.status === "CREATED" || operation.status === "RUNNING") return "waiting";
      if (operation.status !== "COMPLETED")
        return fail({
          code: "operationEnded",
          values: { operationStatus: operation.status, errorCode: operation.errorCode ?? null },
        });
      // No orders in the range: Shopify completes without a file.
      await db.backfill.update({
        where: { id },
        data: {
          status: operation.url ? "processing" : "done",
          url: operation.url ?? null,
          ...(operation.url ? {} : { finishedAt: now }),
        },
      });
      return operation.url ? "completed-on-shopify" : "finished";
    }
    if (backfill.status === "processing") {
      try {
        await processFile(db, sqlDb, backfill, now);
      } catch (error) {
        // A file that cannot be downloaded or read will not become readable by asking again every
        // few seconds: stop, say why, and let the merchant retry (progress so far is kept).
        if (error instanceof BackfillFileError) return fail(error.failure);
        throw error;
      }
      return "processed";
    }
    return "finished";
  } catch (error) {
    if (error instanceof AdminApiError && isAccessRefused(error))
      return fail({ code: "accessRefused", values: { httpStatus: error.status ?? 0 } });
    // Throttling and network trouble: the next step retries from where this one stopped.
    if (error instanceof AdminApiError && error.code !== "GRAPHQL_ERROR") return "waiting";
    if (error instanceof AdminApiError)
      return fail({ code: "shopifyError", values: { detail: error.message } });
    throw error;
  }
}

type BackfillRow = Awaited<ReturnType<Db["backfill"]["findUniqueOrThrow"]>>;

/** Reads the file and applies its orders, resuming after the orders a previous run applied. */
async function processFile(
  db: Db,
  sqlDb: SqlDatabase,
  backfill: BackfillRow,
  now: Date,
): Promise<void> {
  const context = await shopContext(sqlDb, backfill.shop);
  if (!context) throw new Error(`shop ${backfill.shop} is not installed`);
  let response: Response;
  try {
    response = await fetch(backfill.url!);
  } catch (error) {
    throw new BackfillFileError({
      code: "fileNotDownloaded",
      values: { detail: messageOf(error) },
    });
  }
  if (!response.ok || !response.body)
    throw new BackfillFileError({
      code: "fileNotDownloaded",
      values: { detail: `HTTP ${response.status}` },
    });
  let seen = 0;
  let applied = backfill.ordersProcessed;
  const customers = new Set<string>();
  let batch: OrderDelivery[] = [];
  const flush = async () => {
    await sqlDb.transaction(async (sql) => {
      for (const delivery of batch) {
        const outcome = await applyOrderDelivery(sql, context, delivery, "backfill", now, {
          newOrderEarnsPoints: backfill.awardPoints,
        });
        if (outcome.customerId) customers.add(outcome.customerId);
      }
    });
    applied += batch.length;
    batch = [];
    await db.backfill.update({ where: { id: backfill.id }, data: { ordersProcessed: applied } });
  };
  const orders = ordersFromJsonl(response.body);
  for (;;) {
    let next: IteratorResult<OrderDelivery>;
    try {
      next = await orders.next();
    } catch (error) {
      // Applied orders stay applied; the file itself is unreadable (cut off, not Shopify's format).
      if (batch.length) await flush();
      throw new BackfillFileError({
        code: "fileUnreadable",
        values: { applied, detail: messageOf(error) },
      });
    }
    if (next.done) break;
    if (++seen <= backfill.ordersProcessed) continue;
    batch.push(next.value);
    if (batch.length >= BACKFILL_BATCH) await flush();
  }
  if (batch.length) await flush();

  // Tiers by amount spent may have been reached by past orders (upgrades only, design §1).
  const program = await programOfVersion(sqlDb, context.programVersionId);
  for (const customerId of customers) {
    await sqlDb.transaction(async (sql) =>
      upgradeTierIfEarned(sql, program, await memberById(sql, customerId), context.timeZone, now, {
        shop: context,
        source: "order backfill",
      }),
    );
  }
  await refreshShopAnalytics(sqlDb, backfill.shop, now, { full: true });
  await db.backfill.update({
    where: { id: backfill.id },
    data: { status: "done", finishedAt: now },
  });
  log.info("backfill done", { shop: backfill.shop, orders: applied, customers: customers.size });
}

export interface BackfillProgress {
  phase: "waiting" | "exporting" | "applying" | "done" | "failed";
  /** What the merchant reads, in the admin's language, e.g. "Applying orders: 1,200 of 5,000". */
  label: string;
  /** For a progress bar; null when no honest fraction is known (Shopify still building the file). */
  percent: number | null;
}

/**
 * A backfill's progress as the import page shows it, in the admin's language. While Shopify builds
 * the file only the orders exported so far are known (rootObjectCount), not how many there will be:
 * no bar. Once the file is complete its order count is the total, and applying is "N of M".
 */
export function backfillProgress(row: {
  status: string;
  ordersProcessed: number;
  ordersTotal: number;
  failure: string | null;
}): BackfillProgress {
  const { status, ordersProcessed: applied, ordersTotal: total } = row;
  const say = adminText.import.backfillProgress;
  if (status === "requested") return { phase: "waiting", label: say.waiting, percent: null };
  if (status === "running")
    return { phase: "exporting", label: say.exporting(total), percent: null };
  if (status === "processing")
    return {
      phase: "applying",
      label: say.applying(applied, total),
      percent: total > 0 ? Math.min(99, Math.floor((applied * 100) / total)) : null,
    };
  if (status === "done") return { phase: "done", label: say.done(applied), percent: 100 };
  const failure = row.failure && wordStored(row.failure, adminText.backfillFailures);
  return { phase: "failed", label: say.failed(applied, failure), percent: null };
}

/** The periodic job's body: one step of every unfinished backfill. */
export async function advanceBackfills(
  db: Db,
  sqlDb: SqlDatabase,
  adminFor: (shop: string) => Promise<AdminGraphqlClient | null>,
  now: Date,
): Promise<{ advanced: number }> {
  const active = await db.backfill.findMany({
    where: { status: { in: ACTIVE } },
    orderBy: { createdAt: "asc" },
  });
  let advanced = 0;
  for (const backfill of active) {
    const admin = await adminFor(backfill.shop);
    if (!admin) continue;
    await advanceBackfill(db, sqlDb, admin, backfill.id, now);
    advanced++;
  }
  return { advanced };
}
