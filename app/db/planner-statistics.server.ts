// Planner statistics after bulk writes (decision 054). PostgreSQL plans a batch read such as
// `shop = ? AND "shopifyCustomerId" = ANY(?)` from the table's statistics: a table filled in the
// last minutes (a customer export of 1M rows, an import's 1M new members) still looks empty to it,
// so it reads the shop's whole range of the index and filters 2,000 ids out of it, once per batch.
// Autovacuum catches up a minute or more later (or never, where it is off); ANALYZE samples a fixed
// number of rows (≈ 30,000 at the default target), so it costs the same for 1M rows as for 100k.
// SQLite is left alone: without sqlite_stat1 its planner takes the unique index for an equality.
import type { Sql } from "./sql.server";

/** Tables whose statistics a bulk write can make stale. */
export type AnalyzedTable = "Customer" | "LedgerEntry" | "ShopifyCustomerExportRow";

/**
 * Brings PostgreSQL's statistics of `tables` up to date. A table the connecting role does not own
 * is skipped by PostgreSQL with a warning, not an error: the import goes on with older statistics.
 */
export async function refreshPlannerStatistics(
  sql: Sql,
  tables: readonly AnalyzedTable[],
): Promise<void> {
  if (sql.dialect !== "postgresql" || !tables.length) return;
  await sql.run(`ANALYZE ${tables.map((table) => `"${table}"`).join(", ")}`);
}

/**
 * When an import has written enough rows since the last ANALYZE for its tables' statistics to
 * mislead: `ANALYZE_AFTER` rows, then each time it has doubled its rows since (10k, 20k, 40k, …:
 * ≈ 7 ANALYZEs for 1M rows), so the statistics never lag the import by more than half its rows.
 */
export const ANALYZE_AFTER = 10_000;

export class StatisticsSchedule {
  private analyzedAt = 0;

  /** True once `written` rows is due a new ANALYZE; the caller runs it. */
  due(written: number): boolean {
    if (written - this.analyzedAt < Math.max(ANALYZE_AFTER, this.analyzedAt)) return false;
    this.analyzedAt = written;
    return true;
  }

  /** True at the end when rows were written since the last ANALYZE (at least ANALYZE_AFTER in all). */
  dueAtEnd(written: number): boolean {
    return written >= ANALYZE_AFTER && written > this.analyzedAt;
  }
}
