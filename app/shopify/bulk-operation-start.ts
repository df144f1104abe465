// What Shopify answered to `bulkOperationRunQuery`, read the same way by every job that exports
// through a bulk query (order backfill and reconciliation, customer export, collection sync). Pure.

interface BulkRunPayload {
  bulkOperation?: { id: string } | null;
  userErrors: readonly { code?: string | null; message: string }[];
}

export type BulkStart =
  | { outcome: "started"; operationId: string }
  /** The shop's one bulk query slot is taken (another export of this app): ask again later. */
  | { outcome: "busy" }
  | { outcome: "refused"; detail: string };

export function readBulkStart(payload: BulkRunPayload | null | undefined): BulkStart {
  const errors = payload?.userErrors ?? [];
  if (errors.some((error) => error.code === "OPERATION_IN_PROGRESS")) return { outcome: "busy" };
  if (errors.length || !payload?.bulkOperation)
    return {
      outcome: "refused",
      detail: errors.map((error) => error.message).join("; ") || "no operation",
    };
  return { outcome: "started", operationId: payload.bulkOperation.id };
}
