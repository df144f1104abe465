// CSV import of members' balances and tiers, or of their points history (docs/csv-import.md).
// The file is parsed as a stream (csv-parse) and applied in batches, one transaction each; every
// row becomes at most one `import` ledger entry whose idempotency key comes from the row's identity,
// so importing the same file again (after a crash, or twice) adds nothing.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { DatabaseKind } from "../db/database-url";
import type { Db } from "../db.server";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import {
  detectLayout,
  memberPointsOverflow,
  parseImportRow,
  type ImportKind,
  type ImportLayout,
  type ImportRow,
} from "../loyalty/import-rows";
import { refreshShopAnalytics } from "../models/analytics-rollup.server";
import { memberById, upsertMember, type MemberFigures } from "../models/customer.server";
import {
  createImport,
  finishImport,
  recordImportProgress,
  touchImport,
  type ImportProgress,
} from "../models/data-import.server";
import { appendLedgerEntry, earlierEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext, type ShopContext } from "../models/program.server";
import { log } from "../logger.server";
import { AdminApiError } from "../shopify/admin-api-error";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import {
  shopifyCustomersByEmail,
  type EmailMatches,
  type LookupOptions,
} from "./customer-lookup.server";
import { enqueueTierChangedTriggers } from "./flow-triggers.server";
import { forEachPage } from "./paged.server";

export const IMPORT_BATCH = 500;
/**
 * Batches applied at once. PostgreSQL: each on its own pool connection, so one batch's round trips
 * overlap the others' (a batch is ~8 statements a row); rows of one customer in two batches only
 * add to the same balance, and a deadlock between batches is retried whole by the port. SQLite has
 * one connection and one writer: one batch at a time.
 */
const BATCHES_IN_FLIGHT: Record<DatabaseKind, number> = { sqlite: 1, postgresql: 4 };
const MAX_RAW = 500;

interface RowFailure {
  row: number;
  message: string;
  raw: string;
}

async function findByEmail(
  sql: Sql,
  shop: string,
  email: string,
): Promise<string | null | "ambiguous"> {
  const rows = await sql.rows<{ id: string }>(
    `SELECT id FROM "Customer" WHERE shop = ? AND email = ? LIMIT 2`,
    [shop, email],
  );
  if (rows.length > 1) return "ambiguous";
  return rows[0]?.id ?? null;
}

/**
 * The emails of a batch's email-only rows that no customer of Tally has, looked up in Shopify
 * (null without an Admin client: then they are rejected as before).
 */
async function resolveUnknownEmails(
  sqlDb: SqlDatabase,
  shop: string,
  rows: ImportRow[],
  adminOption: ImportOptions["admin"],
  options: LookupOptions,
): Promise<EmailMatches | null> {
  if (!adminOption) return null;
  const emails = [
    ...new Set(rows.filter((row) => !row.shopifyCustomerId && row.email).map((row) => row.email!)),
  ];
  if (emails.length === 0) return new Map();
  const known = new Set(
    (
      await sqlDb.rows<{ email: string }>(
        `SELECT email FROM "Customer" WHERE shop = ? AND email IN (${emails.map(() => "?").join(", ")})`,
        [shop, ...emails],
      )
    ).map((row) => row.email),
  );
  const unknown = emails.filter((email) => !known.has(email));
  if (unknown.length === 0) return new Map();
  const admin = typeof adminOption === "function" ? await adminOption() : adminOption;
  if (!admin)
    throw new ImportFileError(
      "The shop's Shopify session is gone (the app was uninstalled?): customers known only by email cannot be looked up. Open the app again, then upload the same file again to resume.",
    );
  return shopifyCustomersByEmail(admin, unknown, options);
}

/** Applies one valid row; returns an error message when the row cannot be applied. */
async function applyRow(
  sql: Sql,
  context: ShopContext,
  tiers: string[],
  row: ImportRow,
  now: Date,
  inShopify: EmailMatches | null,
): Promise<"imported" | "skipped" | string> {
  const shop = context.shop;
  let tierName: string | null = null;
  if (row.tier !== null) {
    tierName = tiers.find((name) => name.toLowerCase() === row.tier!.toLowerCase()) ?? null;
    if (!tierName)
      return `Tier "${row.tier}" is not one of the program's tiers (${tiers.join(", ")}).`;
  }
  let member: MemberFigures;
  if (row.shopifyCustomerId) {
    member = await upsertMember(
      sql,
      shop,
      {
        shopifyCustomerId: row.shopifyCustomerId,
        email: row.email,
        firstName: row.firstName,
        lastName: row.lastName,
      },
      now,
    );
  } else {
    const found = await findByEmail(sql, shop, row.email!);
    if (found === "ambiguous")
      return `More than one customer has the email ${row.email}; add their Shopify customer id.`;
    if (found) member = await memberById(sql, found);
    else {
      const shopifyId = inShopify?.get(row.email!);
      if (shopifyId === "ambiguous")
        return `More than one Shopify customer has the email ${row.email}; add their Shopify customer id.`;
      if (!shopifyId) {
        return inShopify
          ? `No customer with the email ${row.email} in Shopify or in Tally; add their Shopify customer id, or create the customer in Shopify first.`
          : `No customer with the email ${row.email} is known to Tally yet; add their Shopify customer id, or run the order backfill first.`;
      }
      // Known to Shopify, new to Tally: a member with their Shopify id (the row keeps its email identity).
      member = await upsertMember(
        sql,
        shop,
        {
          shopifyCustomerId: shopifyId,
          email: row.email,
          firstName: row.firstName,
          lastName: row.lastName,
        },
        now,
      );
    }
  }
  const customerId = member.id;

  let changed = false;
  if (row.points !== 0) {
    const entry = {
      shop,
      customerId,
      kind: "import" as const,
      points: row.points,
      idempotencyKey: `import:${row.identity}`,
      reason: row.reason ?? "imported balance",
      snapshot: { source: "csv import" },
    };
    // A row an earlier file applied is a repeat, not an overflow, however full the member is now.
    const overflow = memberPointsOverflow(member, row.points);
    const repeat = overflow ? await earlierEntry(sql, entry) : null;
    if (overflow && !repeat) return overflow;
    const result = repeat ?? (await appendLedgerEntry(sql, entry, row.createdAt ?? now));
    if (result.status === "conflict")
      return `Already imported ${result.entry.points} points for this row from an earlier file; the ${row.points} here were not applied.`;
    changed = result.status === "applied";
  }
  if (tierName) {
    const [current] = await sql.rows<{ tierName: string | null }>(
      `SELECT "tierName" FROM "Customer" WHERE id = ?`,
      [customerId],
    );
    if (current?.tierName !== tierName) {
      const tierChangeId = crypto.randomUUID();
      await sql.run(
        `UPDATE "Customer" SET "tierName" = ?, "tierSince" = ?, "updatedAt" = ? WHERE id = ?`,
        [tierName, now, now, customerId],
      );
      await sql.run(
        `INSERT INTO "TierChange" (id, shop, "customerId", "fromTier", "toTier", reason, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          tierChangeId,
          shop,
          customerId,
          current?.tierName ?? null,
          tierName,
          "imported from CSV",
          now,
        ],
      );
      // A member without a stored tier held the entry tier: importing that one is no change to report.
      await enqueueTierChangedTriggers(
        sql,
        context,
        "import",
        [{ customerId, tierChangeId, from: current?.tierName ?? tiers[0], to: tierName }],
        now,
      );
      changed = true;
    }
  }
  if (changed) await markMetafieldsDirty(sql, shop, customerId, now);
  return changed ? "imported" : "skipped";
}

/**
 * Reads `input` to the end and applies it to the shop, updating the DataImport row after every batch.
 * Memory holds one batch of rows at a time.
 */
export interface ImportOptions extends LookupOptions {
  now?: () => Date;
  /**
   * Resolves emails Tally does not know to Shopify customers; without it they are rejected. A
   * function is called for each batch that needs it (a long import outlives an access token).
   */
  admin?: AdminGraphqlClient | (() => Promise<AdminGraphqlClient | null>) | null;
}

export async function runImport(
  db: Db,
  sqlDb: SqlDatabase,
  importId: string,
  shop: string,
  kind: ImportKind,
  input: Readable,
  options: ImportOptions = {},
): Promise<ImportProgress> {
  const now = options.now ?? (() => new Date());
  const context = await shopContext(sqlDb, shop);
  if (!context) throw new Error(`shop ${shop} is not installed`);
  const tiers = (await programOfVersion(sqlDb, context.programVersionId)).tiers.map(
    (tier) => tier.name,
  );
  const progress: ImportProgress = {
    bytesRead: 0,
    rowsRead: 0,
    rowsImported: 0,
    rowsSkipped: 0,
    rowsFailed: 0,
  };
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let layout: ImportLayout | null = null;
  type Batch = { line: number; record: string[] }[];

  const apply = async (batch: Batch) => {
    // Declared stale meanwhile (failStaleImports): apply nothing more, whatever is already read.
    if (!(await touchImport(db, importId))) throw new ImportAbandoned();
    const failures: RowFailure[] = [];
    const parsedRows = batch.map(({ line, record }) => ({
      line,
      record,
      parsed: parseImportRow(layout!, record),
    }));
    // Shopify is asked before the transaction, so no write transaction waits on the network.
    const beforeWait = async () => {
      if (!(await touchImport(db, importId))) throw new ImportAbandoned();
    };
    const inShopify = await resolveUnknownEmails(
      sqlDb,
      shop,
      parsedRows.flatMap(({ parsed }) => (parsed.ok ? [parsed.row] : [])),
      options.admin,
      { ...options, beforeWait },
    );
    // Counted after the commit: PostgreSQL may run the transaction again (a deadlock with another batch).
    const outcomes = await sqlDb.transaction(async (sql) => {
      const applied: string[] = [];
      for (const { parsed } of parsedRows)
        applied.push(
          parsed.ok
            ? await applyRow(sql, context, tiers, parsed.row, now(), inShopify)
            : parsed.message,
        );
      return applied;
    });
    outcomes.forEach((outcome, index) => {
      if (outcome === "imported") progress.rowsImported++;
      else if (outcome === "skipped") progress.rowsSkipped++;
      else
        failures.push({
          row: parsedRows[index].line,
          message: outcome,
          raw: parsedRows[index].record.join(",").slice(0, MAX_RAW),
        });
    });
    progress.rowsFailed += failures.length;
    progress.rowsRead += batch.length;
    if (!(await recordImportProgress(db, importId, progress, failures)))
      throw new ImportAbandoned();
  };
  // The file's rows a batch at a time (the header row first sets the layout); null at the end.
  const records = (
    parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>
  )[Symbol.asyncIterator]();
  const nextBatch = async (): Promise<Batch | null> => {
    const batch: Batch = [];
    while (batch.length < IMPORT_BATCH) {
      const next = await records.next();
      if (next.done) break;
      const { record, info } = next.value;
      progress.bytesRead = info.bytes;
      if (!layout) {
        const detected = detectLayout(record, kind);
        if (!detected.ok) throw new ImportFileError(detected.message);
        layout = detected.layout;
        await db.dataImport.update({ where: { id: importId }, data: { format: layout.format } });
        continue;
      }
      batch.push({ line: info.lines, record });
    }
    return batch.length ? batch : null;
  };

  try {
    await forEachPage(nextBatch, apply, BATCHES_IN_FLIGHT[sqlDb.dialect]);
    if (!layout)
      throw new ImportFileError("The file is empty: it needs a header row and at least one row.");
    // Batches applied at once may have saved their progress out of order: save the final figures.
    if (!(await recordImportProgress(db, importId, progress, []))) throw new ImportAbandoned();
    // Entries dated in the past change past days: rebuild the shop's rollups.
    if (!(await touchImport(db, importId))) throw new ImportAbandoned();
    await refreshShopAnalytics(sqlDb, shop, now(), { full: true });
    await finishImport(db, importId, "done", null, now());
  } catch (error) {
    if (error instanceof ImportAbandoned) {
      log.warn("import declared stale while running; stopped", { importId });
      parser.destroy();
      return progress;
    }
    const message =
      error instanceof ImportFileError
        ? error.message
        : error instanceof AdminApiError
          ? `Shopify did not answer the lookup of customers by email (${error.message}). Upload the same file again to resume: rows already imported are not imported twice.`
          : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof ImportFileError))
      log.warn("import failed", { importId, error: String(error) });
    await finishImport(db, importId, "failed", message, now());
  }
  return progress;
}

class ImportFileError extends Error {}
/** The import was declared stale (failStaleImports) while this reader still ran: stop. */
class ImportAbandoned extends Error {}

/** How far along an import is, for the progress bar: bytes read of the file's size. */
export function importPercent(row: {
  bytesRead: unknown;
  fileBytes: unknown;
  status: string;
}): number {
  if (row.status === "done") return 100;
  const total = decode.int(row.fileBytes);
  return total > 0 ? Math.min(99, Math.floor((decode.int(row.bytesRead) * 100) / total)) : 0;
}

/**
 * Starts importing an uploaded file in the background and returns its DataImport id at once; the
 * page follows the row's progress. The temporary file is removed when the import ends.
 */
export async function startImport(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  kind: ImportKind,
  file: { path: string; name: string; size: number },
  admin: ImportOptions["admin"],
): Promise<string> {
  const id = await createImport(db, shop, kind, file.name, file.size);
  void runImport(db, sqlDb, id, shop, kind, createReadStream(file.path), { admin })
    .catch((error) =>
      log.warn("import could not be recorded", { importId: id, error: String(error) }),
    )
    .finally(() => rm(file.path, { force: true }));
  return id;
}
