// Row locks for the periodic jobs' page transactions (docs/decisions/019). A job reads a page of
// members without locks, then, in one transaction per page, locks the members it will write and
// reads them (and their ledgers) again, so what it writes is decided on current data whatever
// another runner or a webhook did since the page was read.
import type { Sql } from "../db/sql.server";
import { inList } from "../db/values-list";

/**
 * The lock clause for a statement that reads members inside such a transaction: PostgreSQL takes
 * the row locks an UPDATE takes (FOR NO KEY UPDATE), in the statement's order, and re-checks the
 * statement's conditions on the newest version of a row it had to wait for. SQLite needs none: the
 * port's transactions begin IMMEDIATE, holding the database's write lock from their first
 * statement, so no row can change between the transaction's reads and its writes.
 */
export function lockClause(sql: Sql): string {
  return sql.dialect === "postgresql" ? "FOR NO KEY UPDATE" : "";
}

/** Locks these members' rows until the transaction ends (nothing to do on SQLite, see lockClause). */
export async function lockMembers(tx: Sql, customerIds: readonly string[]): Promise<void> {
  if (tx.dialect !== "postgresql" || !customerIds.length) return;
  const ids = inList(tx.dialect, customerIds);
  // Sorted so that two lockers of overlapping pages take their locks in the same order (no deadlock).
  await tx.rows(
    `SELECT id FROM "Customer" WHERE id ${ids.sql} ORDER BY id ${lockClause(tx)}`,
    ids.params,
  );
}
