// Customers of a CSV import that Tally does not know yet, resolved against Shopify (decision 047).
// A few are asked per key (`nodes(ids:)`, email searches: ≈ 2 points each); from
// BULK_EXPORT_THRESHOLD on, the shop's customers are exported once by a bulk query, its JSONL is
// streamed into ShopifyCustomerExportRow, and every unknown key is matched there. 1M ids asked per
// key cost ≈ 2M points, hours of a standard shop's 100 points/s; one export costs a few points.
import type { Sql, SqlDatabase } from "../db/sql.server";
import { decode } from "../db/sql.server";
import { inList, typed, valuesCte } from "../db/values-list";
import { log } from "../logger.server";
import { ImportFailedError } from "../loyalty/import-problem";
import { refreshPlannerStatistics } from "../db/planner-statistics.server";
import { readBulkStart } from "../shopify/bulk-operation-start";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { jsonLines } from "../shopify/jsonl-lines";
import { BULK_OPERATION_STATUS } from "../shopify/documents/bulk-orders";
import { CUSTOMER_EXPORT_QUERY, CUSTOMER_EXPORT_RUN } from "../shopify/documents/customer-export";
import {
  shopifyCustomersByEmail,
  shopifyCustomersByIds,
  withRetries,
  type EmailMatches,
  type LookupOptions,
} from "./customer-lookup.server";

/**
 * Unknown keys (ids and emails) of one import from which the shop's customers are exported rather
 * than asked per key: 2,000 keys asked per key cost ≈ 4,000 points, the bucket plus 20 s of refill.
 */
export const BULK_EXPORT_THRESHOLD = 2_000;
/** Export lines written per statement. */
const EXPORT_ROWS_PER_INSERT = 5_000;
/** Export statements written at once (decision 048). */
const EXPORT_WRITES_IN_FLIGHT = 2;
/** How long an import waits for the shop's bulk query slot (the order backfill may hold it). */
const SLOT_WAIT_MS = 15 * 60_000;
const DEFAULT_POLL_MS = 2_000;
/** An export is kept this long for the import that applies its preview, then dropped. */
export const EXPORT_KEPT_MS = 24 * 60 * 60_000;

export interface CustomerExport {
  /** When Shopify was asked: customers created later are not in it. */
  exportedAt: Date;
  customers: number;
}

export interface ExportOptions extends LookupOptions {
  now?: () => Date;
  /** Between status polls of the bulk operation. */
  pollMs?: number;
}

/** Thrown when the export cannot be made; the import fails with its (coded) failure. */
export class CustomerExportError extends ImportFailedError {}

const legacyId = (gid: string) => gid.split("/").pop()!;

/** The shop's last export, if complete (and, when `exportedAt` is given, if it is that one). */
export async function readyExport(
  sql: Sql,
  shop: string,
  exportedAt?: Date,
): Promise<CustomerExport | null> {
  const [row] = await sql.rows<{ status: string; exportedAt: unknown; customers: unknown }>(
    `SELECT status, "exportedAt", customers FROM "ShopifyCustomerExport" WHERE shop = ?`,
    [shop],
  );
  if (!row || row.status !== "ready") return null;
  const found = { exportedAt: decode.date(row.exportedAt), customers: decode.int(row.customers) };
  if (exportedAt && found.exportedAt.getTime() !== exportedAt.getTime()) return null;
  return found;
}

async function writeExportRows(
  sql: Sql,
  shop: string,
  rows: [string, string | null][],
): Promise<void> {
  if (!rows.length) return;
  const values = valuesCte(sql.dialect, "v", { id: "text", email: "text" }, rows);
  // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join.
  await sql.run(
    `WITH ${values.cte} INSERT INTO "ShopifyCustomerExportRow" (shop, "shopifyCustomerId", email)
     SELECT ${typed(sql.dialect, "text")}, v.id, v.email FROM v WHERE true
     ON CONFLICT (shop, "shopifyCustomerId") DO UPDATE SET email = excluded.email`,
    [...values.params, shop],
  );
}

/**
 * Exports the shop's customers from Shopify into ShopifyCustomerExportRow, replacing its last
 * export: one bulk query, polled until Shopify has written the file, whose lines are read as a
 * stream (memory holds one insert's worth of lines). Only one export per shop runs at a time; an
 * import that finds one running waits for it and uses it.
 */
export async function exportShopifyCustomers(
  sqlDb: SqlDatabase,
  shop: string,
  admin: AdminGraphqlClient,
  options: ExportOptions = {},
): Promise<CustomerExport> {
  const now = options.now ?? (() => new Date());
  const rawSleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sleep = async (ms: number) => {
    await options.beforeWait?.();
    await rawSleep(ms);
  };
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const askedAt = now();
  const locked = await sqlDb.withTryLock(`customer-export:${shop}`, () =>
    runExport(sqlDb, shop, admin, { now, sleep, pollMs }),
  );
  if (locked.acquired) return locked.result;
  // Another import of this shop is exporting: wait for its export.
  for (let waited = 0; waited < SLOT_WAIT_MS; waited += pollMs) {
    await sleep(pollMs);
    const ready = await readyExport(sqlDb, shop);
    if (ready && ready.exportedAt.getTime() >= askedAt.getTime() - 60_000) return ready;
  }
  throw new CustomerExportError({ code: "exportBusyHere" });
}

async function runExport(
  sqlDb: SqlDatabase,
  shop: string,
  admin: AdminGraphqlClient,
  { now, sleep, pollMs }: { now: () => Date; sleep: (ms: number) => Promise<void>; pollMs: number },
): Promise<CustomerExport> {
  let operationId: string | null = null;
  for (let waited = 0; !operationId; waited += pollMs) {
    const result = await withRetries(
      () => runAdminOperation(admin, CUSTOMER_EXPORT_RUN, { query: CUSTOMER_EXPORT_QUERY }),
      sleep,
    );
    const start = readBulkStart(result.bulkOperationRunQuery);
    if (start.outcome === "busy") {
      // The shop's bulk query slot is taken (the order backfill, the reconciliation): wait for it.
      if (waited >= SLOT_WAIT_MS) throw new CustomerExportError({ code: "exportSlotBusy" });
      await sleep(pollMs);
      continue;
    }
    if (start.outcome === "refused")
      throw new CustomerExportError({ code: "exportRefused", values: { detail: start.detail } });
    operationId = start.operationId;
  }
  const exportedAt = now();
  await sqlDb.run(
    `INSERT INTO "ShopifyCustomerExport" (shop, status, "bulkOperationId", "exportedAt", customers, "updatedAt")
     VALUES (?, 'running', ?, ?, 0, ?)
     ON CONFLICT (shop) DO UPDATE SET status = 'running', "bulkOperationId" = excluded."bulkOperationId",
       "exportedAt" = excluded."exportedAt", customers = 0, "updatedAt" = excluded."updatedAt"`,
    [shop, operationId, exportedAt, exportedAt],
  );
  const asked = performance.now();
  let url: string | null;
  for (;;) {
    const { node } = await withRetries(
      () => runAdminOperation(admin, BULK_OPERATION_STATUS, { id: operationId }),
      sleep,
    );
    const operation = node && "status" in node ? node : null;
    if (!operation || !["CREATED", "RUNNING", "COMPLETED"].includes(operation.status))
      throw new CustomerExportError({
        code: "exportEnded",
        values: {
          operationStatus: operation?.status ?? null,
          errorCode: operation?.errorCode ?? null,
        },
      });
    if (operation.status === "COMPLETED") {
      url = operation.url ?? null;
      break;
    }
    await sleep(pollMs);
  }
  const built = performance.now();
  await sqlDb.run(`DELETE FROM "ShopifyCustomerExportRow" WHERE shop = ?`, [shop]);
  let customers = 0;
  // A shop without customers: Shopify gives no file.
  if (url) {
    const response = await fetch(url);
    if (!response.ok || !response.body)
      throw new CustomerExportError({
        code: "exportNotDownloaded",
        values: { httpStatus: response.status },
      });
    let rows: [string, string | null][] = [];
    // Statements in flight while the next lines are read (PostgreSQL: each on its own pool
    // connection; SQLite writes as it is called).
    const writing = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    const flush = async (chunk: [string, string | null][]) => {
      while (writing.size >= EXPORT_WRITES_IN_FLIGHT) await Promise.race(writing);
      if (failure) throw failure.error;
      const written: Promise<void> = writeExportRows(sqlDb, shop, chunk)
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => writing.delete(written));
      writing.add(written);
    };
    for await (const line of jsonLines(response.body)) {
      const customer = JSON.parse(line) as {
        id: string;
        defaultEmailAddress?: { emailAddress?: string | null } | null;
      };
      rows.push([
        legacyId(customer.id),
        customer.defaultEmailAddress?.emailAddress?.toLowerCase() ?? null,
      ]);
      if (rows.length >= EXPORT_ROWS_PER_INSERT) {
        customers += rows.length;
        await flush(rows);
        rows = [];
      }
    }
    customers += rows.length;
    await flush(rows);
    await Promise.all(writing);
    if (failure) throw (failure as { error: unknown }).error;
  }
  // Every batch of the import matches 2,000 keys here: statistics from before the export would
  // have PostgreSQL read the shop's whole export for each batch (decision 054).
  await refreshPlannerStatistics(sqlDb, ["ShopifyCustomerExportRow"]);
  await sqlDb.run(
    `UPDATE "ShopifyCustomerExport" SET status = 'ready', customers = ?, "updatedAt" = ? WHERE shop = ?`,
    [customers, now(), shop],
  );
  log.info("customers exported from Shopify", {
    shop,
    customers,
    shopifySeconds: Number(((built - asked) / 1000).toFixed(1)),
    readSeconds: Number(((performance.now() - built) / 1000).toFixed(1)),
  });
  return { exportedAt, customers };
}

/** Which ids (digits) the export holds: id → email (or null). */
async function exportedByIds(
  sql: Sql,
  shop: string,
  ids: string[],
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  if (!ids.length) return found;
  const list = inList(sql.dialect, ids);
  for (const row of await sql.rows<{ shopifyCustomerId: string; email: string | null }>(
    `SELECT "shopifyCustomerId", email FROM "ShopifyCustomerExportRow" WHERE shop = ? AND "shopifyCustomerId" ${list.sql}`,
    [shop, ...list.params],
  ))
    found.set(row.shopifyCustomerId, row.email);
  return found;
}

/** The export's customer per (lower-case) email, or "ambiguous" when it holds several. */
async function exportedByEmails(sql: Sql, shop: string, emails: string[]): Promise<EmailMatches> {
  const found: EmailMatches = new Map();
  if (!emails.length) return found;
  const list = inList(sql.dialect, emails);
  for (const row of await sql.rows<{ shopifyCustomerId: string; email: string }>(
    `SELECT "shopifyCustomerId", email FROM "ShopifyCustomerExportRow" WHERE shop = ? AND email ${list.sql}`,
    [shop, ...list.params],
  ))
    found.set(row.email, found.has(row.email) ? "ambiguous" : row.shopifyCustomerId);
  return found;
}

export interface ShopifyMatches {
  ids: Map<string, string | null>;
  emails: EmailMatches;
  /** Set when the keys were matched against an export (its time), null when asked per key. */
  exportedAt: Date | null;
}

/** One batch's turn at ShopifyCustomerSource: `match` its unknown keys, or `pass` with none. */
export interface BatchMatcher {
  match(ids: string[], emails: string[], lookup: LookupOptions): Promise<ShopifyMatches>;
  pass(): void;
}

/**
 * One import's way to Shopify's customers: per key while the import has named fewer than
 * `threshold` unknown keys, then (once, shared by the batches in flight) the shop's export. An
 * import applying a preview that used an export uses that same export, if it is still the shop's.
 */
export class ShopifyCustomerSource {
  private unknownKeys = 0;
  private readonly reused: Promise<CustomerExport | null>;
  private exporting: Promise<CustomerExport> | null = null;
  private decided: Promise<void> = Promise.resolve();

  constructor(
    private readonly sqlDb: SqlDatabase,
    private readonly shop: string,
    private readonly admin: () => Promise<AdminGraphqlClient>,
    private readonly options: ExportOptions & {
      threshold?: number;
      /** The preview's export, reused when it is still the shop's. */
      reuseExportAt?: Date | null;
    } = {},
  ) {
    this.reused = options.reuseExportAt
      ? readyExport(sqlDb, shop, options.reuseExportAt)
      : Promise.resolve(null);
  }

  /** The export this import matched against, if any. */
  async exportUsed(): Promise<CustomerExport | null> {
    return (await this.reused) ?? (this.exporting ? this.exporting.catch(() => null) : null);
  }

  /**
   * The next batch's turn, taken in file order. Batches resolve concurrently, but decide "per key
   * or export" in the file's order: a short last batch finishing its reads first must not count
   * its keys before the long batch ahead of it, ask per key, and then see the export made anyway.
   * The turn ends at `match`'s decision (not its lookups) or at `pass`.
   */
  forBatch(): BatchMatcher {
    const previous = this.decided;
    let endTurn!: () => void;
    this.decided = new Promise<void>((resolve) => (endTurn = resolve));
    return {
      match: async (ids, emails, lookup) => {
        try {
          await previous;
          return await this.match(ids, emails, lookup, endTurn);
        } finally {
          endTurn();
        }
      },
      pass: endTurn,
    };
  }

  private async match(
    ids: string[],
    emails: string[],
    lookup: LookupOptions,
    decided: () => void,
  ): Promise<ShopifyMatches> {
    this.unknownKeys += ids.length + emails.length;
    let exported = await this.reused;
    if (
      !exported &&
      (this.exporting || this.unknownKeys >= (this.options.threshold ?? BULK_EXPORT_THRESHOLD))
    )
      // One export, shared by the batches in flight.
      this.exporting ??= this.admin().then((admin) =>
        exportShopifyCustomers(this.sqlDb, this.shop, admin, { ...this.options, ...lookup }),
      );
    decided();
    if (this.exporting) exported = await this.exporting;
    if (exported)
      return {
        ids: await exportedByIds(this.sqlDb, this.shop, ids),
        emails: await exportedByEmails(this.sqlDb, this.shop, emails),
        exportedAt: exported.exportedAt,
      };
    const admin = await this.admin();
    return {
      ids: ids.length ? await shopifyCustomersByIds(admin, ids, lookup) : new Map(),
      emails: emails.length ? await shopifyCustomersByEmail(admin, emails, lookup) : new Map(),
      exportedAt: null,
    };
  }
}

/** Drops exports older than EXPORT_KEPT_MS (they hold every customer's email); returns how many. */
export async function dropOldCustomerExports(sqlDb: SqlDatabase, now: Date): Promise<number> {
  const old = await sqlDb.rows<{ shop: string }>(
    `SELECT shop FROM "ShopifyCustomerExport" WHERE "updatedAt" < ?`,
    [new Date(now.getTime() - EXPORT_KEPT_MS)],
  );
  for (const { shop } of old)
    await sqlDb.transaction(async (sql) => {
      await sql.run(`DELETE FROM "ShopifyCustomerExportRow" WHERE shop = ?`, [shop]);
      await sql.run(`DELETE FROM "ShopifyCustomerExport" WHERE shop = ?`, [shop]);
    });
  return old.length;
}
