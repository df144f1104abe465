// Keeps product → collection membership local (docs/decisions/059), so crediting an order never asks
// Shopify. A full sync at install, on the merchant's demand and daily: one bulk export of every
// collection with its products, through the shop's bulk query slot (shared with the order backfill,
// the reconciliation and the customer export: a busy slot means "try on the next step"). Between
// syncs, collections/update|delete and products/update|delete webhooks queue a refresh of that one
// collection or product (their payloads do not list membership, and a smart collection changes
// when a product does), which the "collection-membership" job asks Shopify for.
import type { Sql, SqlDatabase } from "../db/sql.server";
import { decode } from "../db/sql.server";
import { storeCoded, wordCoded, wordStored, type CodedOf } from "../i18n/coded-text";
import { en, type Messages } from "../i18n/en";
import { adminText } from "../i18n";
import { log } from "../logger.server";
import {
  dropUnseen,
  dueCollectionRefreshes,
  enqueueCollectionRefresh,
  finishCollectionRefresh,
  replaceCollectionProducts,
  replaceProductCollections,
  shopCollections,
  upsertCollections,
  type ShopCollectionRow,
  upsertMemberships,
  type CollectionRefreshRow,
} from "../models/collection-membership.server";
import { readBulkStart } from "../shopify/bulk-operation-start";
import { AdminApiError, isAccessRefused } from "../shopify/admin-api-error";
import {
  runAdminOperation,
  type AdminClientFor,
  type AdminGraphqlClient,
} from "../shopify/admin-client.server";
import { BULK_OPERATION_STATUS } from "../shopify/documents/bulk-orders";
import {
  COLLECTION_MEMBERSHIP_QUERY,
  COLLECTION_PRODUCTS,
  COLLECTION_SYNC_RUN,
  PRODUCT_COLLECTIONS,
} from "../shopify/documents/collections";
import { jsonLines } from "../shopify/jsonl-lines";
import type { CollectionProductsQuery, ProductCollectionsQuery } from "../types/admin.generated";

/** A shop's membership is exported again this long after the last export was asked for. */
export const COLLECTION_SYNC_INTERVAL_MS = 24 * 60 * 60_000;
/** A failed sync is tried again after this long (the merchant can ask sooner). */
const FAILED_RETRY_MS = 60 * 60_000;
/** Lines of the export written per transaction. */
const LINES_PER_BATCH = 5_000;
/** Refreshes asked of Shopify per run of the job. */
const REFRESHES_PER_RUN = 50;
const ACTIVE = ["requested", "running", "processing"];

const legacyId = (gid: string) => gid.split("/").pop()!;
const gid = (type: "Product" | "Collection", id: string) => `gid://shopify/${type}/${id}`;

export interface CollectionSyncStatus {
  status: "requested" | "running" | "processing" | "done" | "failed";
  /** When the last complete export was asked of Shopify; null before the first one completes. */
  syncedAt: Date | null;
  /** Why the last sync failed, as stored (coded: decision 053). */
  failure: string | null;
}

/** Why a sync failed (CollectionSync.failure): stored coded, worded in the reader's language. */
export type CollectionSyncFailure = CodedOf<Messages["collectionSyncFailures"]>;

interface SyncRow extends CollectionSyncStatus {
  bulkOperationId: string | null;
  url: string | null;
  requestedAt: Date;
}

async function syncRow(sql: Sql, shop: string): Promise<SyncRow | null> {
  const [row] = await sql.rows<Record<string, unknown>>(
    `SELECT status, "bulkOperationId", url, "requestedAt", "syncedAt", failure
     FROM "CollectionSync" WHERE shop = ?`,
    [shop],
  );
  if (!row) return null;
  return {
    status: row.status as SyncRow["status"],
    bulkOperationId: (row.bulkOperationId as string | null) ?? null,
    url: (row.url as string | null) ?? null,
    requestedAt: decode.date(row.requestedAt),
    syncedAt: decode.optionalDate(row.syncedAt),
    failure: (row.failure as string | null) ?? null,
  };
}

export async function collectionSyncStatus(
  sql: Sql,
  shop: string,
): Promise<CollectionSyncStatus | null> {
  const row = await syncRow(sql, shop);
  return row ? { status: row.status, syncedAt: row.syncedAt, failure: row.failure } : null;
}

/** Asks for a full sync; one that is under way is left alone. Returns whether one was requested. */
export async function requestCollectionSync(sql: Sql, shop: string, now: Date): Promise<boolean> {
  const changed = await sql.run(
    `INSERT INTO "CollectionSync" (shop, status, "requestedAt", "updatedAt") VALUES (?, 'requested', ?, ?)
     ON CONFLICT (shop) DO UPDATE SET status = 'requested', "bulkOperationId" = NULL, url = NULL,
       failure = NULL, "requestedAt" = excluded."requestedAt", "updatedAt" = excluded."updatedAt"
     WHERE "CollectionSync".status NOT IN ('requested', 'running', 'processing')`,
    [shop, now, now],
  );
  return changed > 0;
}

export type CollectionSyncStep = "started" | "waiting" | "processed" | "failed" | "idle";

/** Moves the shop's sync one step (the backfill's shape: ask, poll, read the file). */
export async function advanceCollectionSync(
  sqlDb: SqlDatabase,
  admin: AdminGraphqlClient,
  shop: string,
  now: Date,
): Promise<CollectionSyncStep> {
  const sync = await syncRow(sqlDb, shop);
  if (!sync || !ACTIVE.includes(sync.status)) return "idle";
  const update = (fields: string, params: unknown[]) =>
    sqlDb.run(`UPDATE "CollectionSync" SET ${fields}, "updatedAt" = ? WHERE shop = ?`, [
      ...params,
      now,
      shop,
    ]);
  const fail = async (failure: CollectionSyncFailure): Promise<CollectionSyncStep> => {
    await update(`status = 'failed', failure = ?`, [storeCoded(failure)]);
    log.warn("collection sync failed", {
      shop,
      failure: wordCoded(failure, en.collectionSyncFailures),
    });
    return "failed";
  };
  try {
    if (sync.status === "requested") {
      const result = await runAdminOperation(admin, COLLECTION_SYNC_RUN, {
        query: COLLECTION_MEMBERSHIP_QUERY,
      });
      const start = readBulkStart(result.bulkOperationRunQuery);
      if (start.outcome === "busy") return "waiting";
      if (start.outcome === "refused")
        return fail({ code: "refused", values: { detail: start.detail } });
      // Rows the export lists are "seen" as of now: a refresh after this moment wins over the file.
      await update(`status = 'running', "bulkOperationId" = ?, "requestedAt" = ?`, [
        start.operationId,
        now,
      ]);
      return "started";
    }
    if (sync.status === "running") {
      const { node } = await runAdminOperation(admin, BULK_OPERATION_STATUS, {
        id: sync.bulkOperationId!,
      });
      const operation = node && "status" in node ? node : null;
      if (!operation) return fail({ code: "operationGone" });
      if (operation.status === "CREATED" || operation.status === "RUNNING") return "waiting";
      if (operation.status !== "COMPLETED")
        return fail({
          code: "operationEnded",
          values: { operationStatus: operation.status, errorCode: operation.errorCode ?? null },
        });
      await update(`status = 'processing', url = ?`, [operation.url ?? null]);
      sync.url = operation.url ?? null;
    }
    await readExport(sqlDb, shop, sync.url, sync.requestedAt);
    await update(`status = 'done', url = NULL, "syncedAt" = "requestedAt"`, []);
    return "processed";
  } catch (error) {
    if (error instanceof AdminApiError && isAccessRefused(error))
      return fail({ code: "accessRefused", values: { httpStatus: error.status ?? 0 } });
    // Throttling and network trouble: the next step tries again.
    if (error instanceof AdminApiError && error.code !== "GRAPHQL_ERROR") return "waiting";
    if (error instanceof ExportFileError) return fail(error.failure);
    if (error instanceof AdminApiError)
      return fail({ code: "shopifyError", values: { detail: error.message } });
    throw error;
  }
}

class ExportFileError extends Error {
  constructor(readonly failure: CollectionSyncFailure) {
    super(wordCoded(failure, en.collectionSyncFailures));
  }
}

/** Reads the export into the tables, then drops what it did not list (no file: no collections). */
async function readExport(
  sqlDb: SqlDatabase,
  shop: string,
  url: string | null,
  seenAt: Date,
): Promise<void> {
  if (url) {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new ExportFileError({
        code: "fileNotDownloaded",
        values: { detail: error instanceof Error ? error.message : String(error) },
      });
    }
    if (!response.ok || !response.body)
      throw new ExportFileError({
        code: "fileNotDownloaded",
        values: { detail: `HTTP ${response.status}` },
      });
    let collections: { collectionId: string; title: string }[] = [];
    let memberships: { productId: string; collectionId: string }[] = [];
    const flush = () =>
      sqlDb.transaction(async (sql) => {
        await upsertCollections(sql, shop, collections, seenAt);
        await upsertMemberships(sql, shop, memberships, seenAt);
        collections = [];
        memberships = [];
      });
    for await (const line of jsonLines(response.body)) {
      const object = JSON.parse(line) as { id?: string; title?: string; __parentId?: string };
      if (!object.id) continue;
      if (object.__parentId)
        memberships.push({
          productId: legacyId(object.id),
          collectionId: legacyId(object.__parentId),
        });
      else collections.push({ collectionId: legacyId(object.id), title: object.title ?? "" });
      if (collections.length + memberships.length >= LINES_PER_BATCH) await flush();
    }
    await flush();
  }
  await sqlDb.transaction((sql) => dropUnseen(sql, shop, seenAt));
}

/**
 * The periodic job's body for one shop: asks for a sync when the last was asked more than a day
 * ago (an hour after a failure) or never, then moves the shop's sync one step.
 */
export async function syncShopCollections(
  sqlDb: SqlDatabase,
  shop: string,
  admin: AdminGraphqlClient,
  now: Date,
): Promise<{ steps: number }> {
  const sync = await syncRow(sqlDb, shop);
  const age = sync ? now.getTime() - sync.requestedAt.getTime() : Infinity;
  if (
    !sync ||
    (sync.status === "done" && age >= COLLECTION_SYNC_INTERVAL_MS) ||
    (sync.status === "failed" && age >= FAILED_RETRY_MS)
  )
    await requestCollectionSync(sqlDb, shop, now);
  const step = await advanceCollectionSync(sqlDb, admin, shop, now);
  return { steps: step === "idle" ? 0 : 1 };
}

interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Every node of a paged connection, or null when the resource it hangs off is gone. */
async function allNodes<T>(
  page: (after: string | null) => Promise<Connection<T> | null>,
): Promise<T[] | null> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const connection = await page(after);
    if (!connection) return null;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor ?? null;
  }
}

async function productCollections(
  admin: AdminGraphqlClient,
  productId: string,
): Promise<{ collectionId: string; title: string }[] | null> {
  const nodes = await allNodes(async (after) => {
    const { product }: ProductCollectionsQuery = await runAdminOperation(
      admin,
      PRODUCT_COLLECTIONS,
      { id: gid("Product", productId), after },
    );
    return product?.collections ?? null;
  });
  return nodes?.map((node) => ({ collectionId: legacyId(node.id), title: node.title })) ?? null;
}

async function collectionProducts(
  admin: AdminGraphqlClient,
  collectionId: string,
): Promise<{ title: string; productIds: string[] } | null> {
  let title = "";
  const nodes = await allNodes(async (after) => {
    const { collection }: CollectionProductsQuery = await runAdminOperation(
      admin,
      COLLECTION_PRODUCTS,
      { id: gid("Collection", collectionId), after },
    );
    if (collection) title = collection.title;
    return collection?.products ?? null;
  });
  return nodes ? { title, productIds: nodes.map((node) => legacyId(node.id)) } : null;
}

/** Asks Shopify for one queued product's or collection's membership and stores it. */
export async function refreshMembership(
  sqlDb: SqlDatabase,
  admin: AdminGraphqlClient,
  refresh: CollectionRefreshRow,
  now: Date,
): Promise<void> {
  if (refresh.kind === "product") {
    const collections = await productCollections(admin, refresh.resourceId);
    await sqlDb.transaction(async (sql) => {
      await replaceProductCollections(sql, refresh.shop, refresh.resourceId, collections, now);
      await finishCollectionRefresh(sql, refresh);
    });
  } else {
    const collection = await collectionProducts(admin, refresh.resourceId);
    await sqlDb.transaction(async (sql) => {
      await replaceCollectionProducts(sql, refresh.shop, refresh.resourceId, collection, now);
      await finishCollectionRefresh(sql, refresh);
    });
  }
}

/**
 * The "collection-membership" job's refreshes: the oldest queued ones, each asked of Shopify. One
 * that fails stays queued for the next run (throttling, a shop without a session for now).
 */
export async function runCollectionRefreshes(
  sqlDb: SqlDatabase,
  adminFor: AdminClientFor,
  now: Date,
): Promise<{ refreshed: number; failed: number }> {
  let refreshed = 0;
  let failed = 0;
  for (const refresh of await dueCollectionRefreshes(sqlDb, REFRESHES_PER_RUN)) {
    const admin = await adminFor(refresh.shop);
    if (!admin) {
      failed++;
      continue;
    }
    try {
      await refreshMembership(sqlDb, admin, refresh, now);
      refreshed++;
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      failed++;
      log.warn("collection membership refresh failed; kept for the next run", {
        shop: refresh.shop,
        kind: refresh.kind,
        id: refresh.resourceId,
        error: error.message,
      });
    }
  }
  return { refreshed, failed };
}

/** A product or collection a webhook says changed: its membership is asked of Shopify by the job. */
export async function queueMembershipRefresh(
  sql: Sql,
  shop: string,
  kind: "product" | "collection",
  id: string,
  now: Date,
): Promise<void> {
  await enqueueCollectionRefresh(sql, shop, kind, id, now);
}

/** A deleted product or collection: what Tally kept of its membership goes at once. */
export async function forgetMembership(
  sql: Sql,
  shop: string,
  kind: "product" | "collection",
  id: string,
  now: Date,
): Promise<void> {
  if (kind === "product") await replaceProductCollections(sql, shop, id, null, now);
  else await replaceCollectionProducts(sql, shop, id, null, now);
}

export type ProgramCollection = ShopCollectionRow;

/**
 * The Program page's view: the shop's collections by name and the state of the sync, its failure
 * worded in the admin's language.
 */
export async function programCollections(
  sql: Sql,
  shop: string,
): Promise<{ collections: ProgramCollection[]; sync: CollectionSyncStatus | null }> {
  const [collections, sync] = await Promise.all([
    shopCollections(sql, shop),
    collectionSyncStatus(sql, shop),
  ]);
  const failure = sync?.failure && wordStored(sync.failure, adminText.collectionSyncFailures);
  return { collections, sync: sync && { ...sync, failure: failure || null } };
}
