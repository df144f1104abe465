// CSV exports of members and of the full ledger, streamed batch by batch (docs/csv-import.md
// describes the columns; the ledger export is the native import format's history file).
import { decode, type Row, type Sql } from "../db/sql.server";
import { formatMinor } from "../loyalty/money";
import type { Program } from "../loyalty/types";
import { DEFAULT_PROGRAM } from "../loyalty/program";
import { ledgerBatches, memberBatches } from "../models/export.server";
import { programOfVersion, shopContext } from "../models/program.server";
import { CSV_BOM, csvLine, type CsvCell } from "../utils/csv";
import { currentTier } from "./tiers.server";

export const MEMBER_COLUMNS = [
  "shopify_customer_id",
  "email",
  "first_name",
  "last_name",
  "points_balance",
  "points_pending",
  "lifetime_points",
  "orders",
  "lifetime_spend",
  "tier",
  "enrolled_at",
] as const;
export const LEDGER_COLUMNS = [
  "entry_id",
  "created_at",
  "shopify_customer_id",
  "email",
  "kind",
  "points",
  "idempotency_key",
  "shopify_order_id",
  "reason",
  "staff_id",
  "corrects_entry_id",
  "available_at",
] as const;

const date = (value: unknown) =>
  value === null || value === undefined ? null : decode.date(value);

function memberCells(row: Row, exponent: number, program: Program): CsvCell[] {
  return [
    row.shopifyCustomerId as string,
    row.email as string | null,
    row.firstName as string | null,
    row.lastName as string | null,
    decode.int(row.balance),
    decode.int(row.pending),
    decode.int(row.lifetimeEarned),
    decode.int(row.orderCount),
    formatMinor(decode.int(row.lifetimeSpend), exponent),
    // Named as everywhere else: a member never moved off the entry tier has no stored tier name.
    currentTier(program, row.tierName as string | null).name,
    date(row.enrolledAt),
  ];
}

function ledgerCells(row: Row): CsvCell[] {
  return [
    row.id as string,
    date(row.createdAt),
    row.shopifyCustomerId as string,
    row.email as string | null,
    row.kind as string,
    decode.int(row.points),
    row.idempotencyKey as string,
    row.shopifyOrderId as string | null,
    row.reason as string | null,
    row.staffId as string | null,
    row.correctsId as string | null,
    date(row.availableAt),
  ];
}

function csvStream(
  header: readonly string[],
  batches: AsyncGenerator<Row[]>,
  cells: (row: Row) => CsvCell[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A UTF-8 BOM first: Excel reads a CSV without one in the locale's code page (mojibake).
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(cells(row))).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** The shop's members, in its currency and with its program's tier names. */
export async function membersCsvStream(
  sql: Sql,
  shop: string,
): Promise<ReadableStream<Uint8Array>> {
  const context = await shopContext(sql, shop);
  const program = context ? await programOfVersion(sql, context.programVersionId) : DEFAULT_PROGRAM;
  return csvStream(MEMBER_COLUMNS, memberBatches(sql, shop), (row) =>
    memberCells(row, context?.currencyExponent ?? 2, program),
  );
}

export function ledgerCsvStream(sql: Sql, shop: string): ReadableStream<Uint8Array> {
  return csvStream(LEDGER_COLUMNS, ledgerBatches(sql, shop), ledgerCells);
}

export const IMPORT_ERROR_COLUMNS = ["row", "error", "content"] as const;

/** An import's rejected rows: the line number in the uploaded file, why, and the row as read. */
export function importErrorsCsvStream(
  batches: AsyncGenerator<{ row: number; message: string; raw: string | null }[]>,
): ReadableStream<Uint8Array> {
  async function* rows(): AsyncGenerator<Row[]> {
    for await (const batch of batches) yield batch.map((error) => ({ ...error }));
  }
  return csvStream(IMPORT_ERROR_COLUMNS, rows(), (row) => [
    decode.int(row.row),
    row.message as string,
    row.raw as string | null,
  ]);
}
