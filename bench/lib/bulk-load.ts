// The bulk loader's usual shape for the benchmarks' generators: the tables' secondary indexes (and on
// PostgreSQL their foreign keys) are dropped before the rows go in and created again from their own
// definitions afterwards — one sort per index instead of millions of random B-tree inserts and
// per-row checks — so the data and the schema end exactly as the app's inserts would have left them.
import type { SqlDatabase } from "../../app/db/sql.server";

/** Drops the tables' secondary indexes (and PostgreSQL foreign keys); returns the DDL that recreates them. */
export async function dropForLoad(sql: SqlDatabase, tables: readonly string[]): Promise<string[]> {
  const names = `(${tables.map((table) => `'${table}'`).join(", ")})`;
  if (sql.dialect === "sqlite") {
    // Autoindexes (primary and unique constraints declared inline) have no sql and stay.
    const indexes = await sql.rows<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ${names} AND sql IS NOT NULL`,
    );
    for (const index of indexes) await sql.run(`DROP INDEX "${index.name}"`);
    return indexes.map((index) => index.sql);
  }
  const keys = await sql.rows<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND conrelid::regclass::text IN (${tables.map((table) => `'"${table}"'`).join(", ")})`,
  );
  for (const key of keys) await sql.run(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  const indexes = await sql.rows<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN ${names}
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const index of indexes) await sql.run(`DROP INDEX "${index.name}"`);
  return [
    ...indexes.map((index) => index.def),
    ...keys.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.def}`),
  ];
}

/** Runs the DDL dropForLoad returned, then refreshes the statistics as autovacuum / a migration would. */
export async function recreateAfterLoad(
  sql: SqlDatabase,
  ddl: readonly string[],
  tables: readonly string[],
): Promise<void> {
  for (const statement of ddl) {
    if (sql.dialect === "sqlite") await sql.run(statement);
    else {
      await sql.transaction(async (tx) => {
        await tx.run("SET LOCAL maintenance_work_mem = '256MB'");
        await tx.run(statement);
      });
    }
  }
  if (sql.dialect === "sqlite") await sql.run("ANALYZE");
  else for (const table of tables) await sql.run(`ANALYZE "${table}"`);
}
