// Reconciliation of missed order webhooks (design §7, docs/decisions/030). Shopify does not promise
// to deliver webhooks, so a periodic pass per shop reads the orders updated since its watermark
// (minus an overlap) from the Admin API, compares each with what Tally knows and applies every
// difference through the webhook path's own applyOrderDelivery: a webhook that never came and one
// that comes late end in the same state, and re-checking an order changes nothing. The watermark
// only moves when a pass finishes, so a shop down for days is caught up by one larger pass. Small
// windows are read page by page, paced by the cost bucket Shopify reports; a window whose pages would not fit a standard
// shop's rate limit (100 points/s) within PAGED_BUDGET_SECONDS goes through a bulk operation, as the
// backfill does. Both resume: the cursor, or the orders of the bulk file already checked, are saved
// with the counts after every page or batch.
import type { SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { orderDifference, type OrderDifference } from "../loyalty/order-difference";
import { knownOrders } from "../models/order.server";
import {
  finishReconciliationPass,
  reconciliationOf,
  recordPassProgress,
  setPassBulkOperation,
  shopInstalledAt,
  startReconciliationPass,
  switchPassToBulk,
  type ReconciliationFailure,
  type ReconciliationState,
} from "../models/order-reconciliation.server";
import { shopContext, type ShopContext } from "../models/program.server";
import { readBulkStart } from "../shopify/bulk-operation-start";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { ordersFromJsonl, orderFromPage, type PagedOrder } from "../shopify/bulk-orders-jsonl";
import {
  BULK_OPERATION_RUN_QUERY,
  BULK_OPERATION_STATUS,
  bulkOrdersQuery,
} from "../shopify/documents/bulk-orders";
import {
  RECONCILE_ORDERS_COUNT,
  RECONCILE_ORDERS_PAGE,
  RECONCILE_PAGE_SIZE,
  updatedWindowQuery,
} from "../shopify/documents/reconcile-orders";
import type { OrderDelivery } from "../shopify/webhooks/order-delivery";
import { withRetries } from "./customer-lookup.server";
import { applyOrderDelivery } from "./order-points.server";

const MINUTE = 60_000;
export const RECONCILE_INTERVAL_MS = 30 * MINUTE;
/** Each pass re-reads this much before its watermark: updates Shopify indexed late are not missed. */
export const RECONCILE_OVERLAP_MS = 15 * MINUTE;
/** A standard shop's restore rate, points per second (Plus shops have 1,000). */
export const STANDARD_RESTORE_RATE = 100;
/**
 * The requested cost of one page of RECONCILE_ORDERS_PAGE (6 orders, 10 line items and 10 refund
 * lines each), as Shopify's cost rules count it: checked against the stand-in's estimator in
 * tests/integration/order-reconciliation.test.ts.
 */
export const RECONCILE_PAGE_COST = 908;
/** A window is read page by page when its pages refill within this time, else in bulk. */
export const PAGED_BUDGET_SECONDS = 120;
/** Orders checked per comparison query (bulk file) and per progress save. */
export const RECONCILE_BATCH = 250;

export interface ReconcileOptions {
  sleep?: (ms: number) => Promise<void>;
  overlapMs?: number;
  pagedBudgetSeconds?: number;
  /** How long one run waits for Shopify's bulk file before leaving the pass to the next run. */
  bulkWaitMs?: number;
  bulkPollMs?: number;
}

export interface ReconcileRunCounts {
  /** The pass's figures so far (the finished pass's when `finished` is 1). */
  checked: number;
  applied: number;
  failed: number;
  finished: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The anonymous member an erased customer's orders stay with: no personal data to restore. */
const anonymousMember = (shopifyCustomerId: string) => ({
  shopifyCustomerId,
  email: null,
  firstName: null,
  lastName: null,
  createdAt: null,
});

const currentState = (delivery: OrderDelivery) => ({
  paid: delivery.paid,
  cancelled: delivery.cancelled,
  updatedAt: delivery.updatedAt,
  shopifyCustomerId: delivery.customer?.shopifyCustomerId ?? null,
  lines: delivery.lines,
  refundIds: delivery.refunds.map((refund) => refund.refundId),
});

/**
 * Compares Shopify's versions of these orders with Tally's and applies the ones that differ, each in
 * its own transaction through the webhook path. An order that cannot be applied is reported (and
 * found again by the next pass), never skipped silently.
 */
export async function checkAndApplyOrders(
  sqlDb: SqlDatabase,
  context: ShopContext,
  deliveries: OrderDelivery[],
  now: Date,
): Promise<{ checked: number; applied: number; failures: ReconciliationFailure[] }> {
  const known = await knownOrders(
    sqlDb,
    context.shop,
    deliveries.map((delivery) => delivery.shopifyOrderId),
  );
  let applied = 0;
  const failures: ReconciliationFailure[] = [];
  for (const shopifys of deliveries) {
    const stored = known.get(shopifys.shopifyOrderId) ?? null;
    const difference: OrderDifference | null = orderDifference(stored, currentState(shopifys));
    if (!difference) continue;
    // An erased member is never re-created from Shopify's copy of the order: the order stays with
    // the anonymous member it keeps (a null customer would move its points to nobody, and the next
    // pass would find Shopify's customer "missing" and bring the person back).
    const delivery = stored?.customerRedacted
      ? { ...shopifys, customer: anonymousMember(stored.shopifyCustomerId!) }
      : shopifys;
    try {
      await sqlDb.transaction((sql) =>
        applyOrderDelivery(sql, context, delivery, `reconciliation: ${difference}`, now),
      );
      applied++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ orderId: delivery.shopifyOrderId, reason });
      log.warn("reconciliation could not apply an order", {
        shop: context.shop,
        order: delivery.shopifyOrderId,
        reason,
      });
    }
  }
  return { checked: deliveries.length, applied, failures };
}

/**
 * The shop's cost bucket as the last answer reported it (`extensions.cost.throttleStatus`), so a
 * page is sent only once the bucket holds its requested cost: a page sent earlier would be answered
 * THROTTLED and wasted. THROTTLED answers (the bucket is shared with the app's other calls) are
 * still waited out by withRetries.
 */
export function costAwareClient(admin: AdminGraphqlClient, sleep: (ms: number) => Promise<void>) {
  let last: { available: number; restoreRate: number; at: number } | null = null;
  return {
    client: {
      async graphql(query, options) {
        const response = await admin.graphql(query, options);
        // Read once here; runAdminOperation reads the same text from the answer returned below.
        const text = await response.text();
        try {
          const body = JSON.parse(text) as {
            extensions?: {
              cost?: { throttleStatus?: { currentlyAvailable: number; restoreRate: number } };
            };
          };
          const status = body.extensions?.cost?.throttleStatus;
          if (status)
            last = {
              available: status.currentlyAvailable,
              restoreRate: status.restoreRate,
              at: Date.now(),
            };
        } catch {
          // Not JSON: runAdminOperation reports it.
        }
        return {
          ok: response.ok,
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          text: async () => text,
        };
      },
    } satisfies AdminGraphqlClient,
    /** Waits until the bucket should hold `cost` points. */
    async reserve(cost: number): Promise<void> {
      if (!last || last.restoreRate <= 0) return;
      const available = last.available + ((Date.now() - last.at) / 1000) * last.restoreRate;
      if (available < cost) await sleep(Math.ceil(((cost - available) / last.restoreRate) * 1000));
    },
  };
}

/** One run of the shop's reconciliation: continues the pass in progress or starts the next one. */
export async function reconcileShopOrders(
  sqlDb: SqlDatabase,
  shop: string,
  shopAdmin: AdminGraphqlClient,
  now: Date,
  options: ReconcileOptions = {},
): Promise<ReconcileRunCounts> {
  const sleep = options.sleep ?? defaultSleep;
  const budget = costAwareClient(shopAdmin, sleep);
  const admin = budget.client;
  const context = await shopContext(sqlDb, shop);
  if (!context) return { checked: 0, applied: 0, failed: 0, finished: 0 };
  let state = await reconciliationOf(sqlDb, shop);
  if (!state?.passUntil) {
    const start = state?.watermark ?? (await shopInstalledAt(sqlDb, shop)) ?? now;
    const from = new Date(start.getTime() - (options.overlapMs ?? RECONCILE_OVERLAP_MS));
    const { ordersCount } = await withRetries(
      () =>
        runAdminOperation(admin, RECONCILE_ORDERS_COUNT, { query: updatedWindowQuery(from, now) }),
      sleep,
    );
    const count = ordersCount?.count ?? 0;
    const pagedSeconds =
      (Math.ceil(count / RECONCILE_PAGE_SIZE) * RECONCILE_PAGE_COST) / STANDARD_RESTORE_RATE;
    const bulk =
      ordersCount?.precision === "AT_LEAST" ||
      pagedSeconds > (options.pagedBudgetSeconds ?? PAGED_BUDGET_SECONDS);
    await startReconciliationPass(
      sqlDb,
      shop,
      { from, until: now, mode: bulk ? "bulk" : "paged" },
      now,
    );
    if (count === 0) await finishReconciliationPass(sqlDb, shop, now);
    state = (await reconciliationOf(sqlDb, shop))!;
  }
  if (state.passUntil) {
    let finished: boolean;
    if (state.mode === "paged") {
      finished = await pagedPass(sqlDb, context, admin, state, now, sleep, budget.reserve);
      if (!finished) state = (await reconciliationOf(sqlDb, shop))!;
    } else finished = false;
    if (!finished && state.mode === "bulk")
      finished = await bulkPass(sqlDb, context, admin, state, now, sleep, options);
    if (finished) await finishReconciliationPass(sqlDb, shop, now);
  }
  const after = (await reconciliationOf(sqlDb, shop))!;
  return {
    checked: after.checked,
    applied: after.applied,
    failed: after.failed,
    finished: after.passUntil ? 0 : 1,
  };
}

/** Page by page from the saved cursor; false when an order too large for a page moved it to bulk. */
async function pagedPass(
  sqlDb: SqlDatabase,
  context: ShopContext,
  admin: AdminGraphqlClient,
  state: ReconciliationState,
  now: Date,
  sleep: (ms: number) => Promise<void>,
  reserve: (cost: number) => Promise<void>,
): Promise<boolean> {
  const query = updatedWindowQuery(state.passFrom!, state.passUntil!);
  let cursor = state.cursor;
  for (;;) {
    await reserve(RECONCILE_PAGE_COST);
    const { orders } = await withRetries(
      () =>
        runAdminOperation(admin, RECONCILE_ORDERS_PAGE, {
          query,
          first: RECONCILE_PAGE_SIZE,
          after: cursor,
        }),
      sleep,
    );
    // An order whose values Tally cannot read (e.g. an amount with more decimals than its
    // currency has) is reported with its reason; the rest of the page goes on.
    const unreadable: ReconciliationFailure[] = [];
    const read: ReturnType<typeof orderFromPage>[] = [];
    for (const node of orders.nodes as PagedOrder[]) {
      try {
        read.push(orderFromPage(node));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        unreadable.push({ orderId: node.id.split("/").pop()!, reason });
      }
    }
    const partial = read.findIndex((order) => !order.complete);
    const deliveries = read
      .slice(0, partial === -1 ? read.length : partial)
      .map((order) => order.delivery);
    const applied = await checkAndApplyOrders(sqlDb, context, deliveries, now);
    const result = {
      ...applied,
      checked: applied.checked + unreadable.length,
      failures: [...unreadable, ...applied.failures],
    };
    if (partial !== -1) {
      // More line items or refund lines than a page holds: the rest of the window goes in bulk.
      await recordPassProgress(sqlDb, context.shop, result, now);
      await switchPassToBulk(sqlDb, context.shop, read[partial].delivery.updatedAt, now);
      return false;
    }
    cursor = orders.pageInfo.endCursor ?? cursor;
    await recordPassProgress(sqlDb, context.shop, { ...result, cursor }, now);
    if (!orders.pageInfo.hasNextPage) return true;
  }
}

/** Runs (or resumes) the pass's bulk operation; false while Shopify is still building the file. */
async function bulkPass(
  sqlDb: SqlDatabase,
  context: ShopContext,
  admin: AdminGraphqlClient,
  state: ReconciliationState,
  now: Date,
  sleep: (ms: number) => Promise<void>,
  options: ReconcileOptions,
): Promise<boolean> {
  const shop = context.shop;
  let operationId = state.bulkOperationId;
  let done = state.bulkOrdersDone;
  if (!operationId) {
    const result = await withRetries(
      () =>
        runAdminOperation(admin, BULK_OPERATION_RUN_QUERY, {
          query: bulkOrdersQuery(state.passFrom!, state.passUntil!, "updated_at"),
        }),
      sleep,
    );
    const start = readBulkStart(result.bulkOperationRunQuery);
    // The shop's bulk query slot is taken (e.g. by the order backfill): the next run asks again.
    if (start.outcome === "busy") return false;
    if (start.outcome === "refused")
      throw new Error(`Shopify refused the reconciliation's bulk query: ${start.detail}`);
    operationId = start.operationId;
    done = 0;
    await setPassBulkOperation(sqlDb, shop, operationId, now);
  }
  const deadline = Date.now() + (options.bulkWaitMs ?? 10 * MINUTE);
  let url: string | null;
  for (;;) {
    const { node } = await withRetries(
      () => runAdminOperation(admin, BULK_OPERATION_STATUS, { id: operationId }),
      sleep,
    );
    const operation = node && "status" in node ? node : null;
    if (!operation || !["CREATED", "RUNNING", "COMPLETED"].includes(operation.status)) {
      await setPassBulkOperation(sqlDb, shop, null, now);
      throw new Error(
        operation
          ? `the reconciliation's bulk operation ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}; the next run asks again`
          : "Shopify no longer knows the reconciliation's bulk operation; the next run asks again",
      );
    }
    if (operation.status === "COMPLETED") {
      url = operation.url ?? null;
      break;
    }
    if (Date.now() >= deadline) return false;
    await sleep(options.bulkPollMs ?? 2000);
  }
  // Nothing was updated in the window: Shopify gives no file.
  if (!url) return true;
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    // The link expired or the file is gone: a new operation on the next run.
    await setPassBulkOperation(sqlDb, shop, null, now);
    throw new Error(
      `the reconciliation's bulk file could not be downloaded (HTTP ${response.status}); the next run asks again`,
    );
  }
  let seen = 0;
  let batch: OrderDelivery[] = [];
  const flush = async () => {
    const result = await checkAndApplyOrders(sqlDb, context, batch, now);
    await recordPassProgress(sqlDb, shop, { ...result, bulkOrdersDone: seen }, now);
    batch = [];
  };
  for await (const delivery of ordersFromJsonl(response.body)) {
    if (++seen <= done) continue;
    batch.push(delivery);
    if (batch.length >= RECONCILE_BATCH) await flush();
  }
  if (batch.length) await flush();
  return true;
}
