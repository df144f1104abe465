// A page of rows as a named CTE, for set-based writes of a page of rows in one statement:
//   WITH v(id, points) AS (…) UPDATE "Customer" SET … FROM v WHERE …
//   WITH v(…) AS (…) INSERT INTO "LedgerEntry" (…) SELECT … FROM v
// PostgreSQL: one array parameter per column, `unnest(?::text[], ?::integer[], …)`; SQLite: one JSON
// parameter, `json_each(?)`. Either way a page of thousands of rows is a statement of a few
// parameters whose text does not depend on the row count (prepared once, no per-value binding;
// docs/decisions/019). The values are encoded here, so dates are UTC whatever a driver would do.
import type { DatabaseKind } from "./database-url";

export type ValueType = "text" | "int" | "timestamp" | "json";

const POSTGRES_ARRAY: Record<ValueType, string> = {
  text: "?::text[]",
  int: "?::integer[]",
  timestamp: "?::timestamp(3)[]",
  json: "?::jsonb[]",
};

/** One element of a PostgreSQL array literal: NULL, a number, or a double-quoted string. */
function arrayElement(value: unknown, type: ValueType): string {
  if (value === null || value === undefined) return "NULL";
  let text: string;
  if (type === "int") {
    if (typeof value !== "number" || !Number.isInteger(value))
      throw new TypeError(`not an integer: ${String(value)}`);
    return String(value);
  }
  if (type === "timestamp") text = value instanceof Date ? value.toISOString() : String(value);
  else if (type === "json") text = JSON.stringify(value);
  else text = String(value);
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A column of values as a PostgreSQL array literal ('{"a",NULL,"b"}'). */
export function postgresArray(values: readonly unknown[], type: ValueType): string {
  return `{${values.map((value) => arrayElement(value, type)).join(",")}}`;
}

export function valuesCte(
  dialect: DatabaseKind,
  name: string,
  columns: Record<string, ValueType>,
  rows: readonly unknown[][],
): { cte: string; params: unknown[] } {
  if (!rows.length) throw new RangeError("valuesCte needs at least one row");
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const columnList = names.map((column) => `"${column}"`).join(", ");
  if (dialect === "postgresql") {
    return {
      cte: `${name}(${columnList}) AS (SELECT * FROM unnest(${types.map((type) => POSTGRES_ARRAY[type]).join(", ")}))`,
      params: types.map((type, column) =>
        postgresArray(
          rows.map((row) => row[column]),
          type,
        ),
      ),
    };
  }
  // SQLite: the rows as one JSON array of arrays, unpacked by json_each (`->>` gives integers as
  // INTEGER, strings as TEXT, null as NULL), so here too the text is the same for any row count and
  // is prepared once, not parsed again for every page.
  const encoded = rows.map((row) =>
    row.map((value, column) => sqliteJsonValue(value, types[column])),
  );
  return {
    cte: `${name}(${columnList}) AS (SELECT ${types.map((_, column) => `value ->> ${column}`).join(", ")} FROM json_each(?))`,
    params: [JSON.stringify(encoded)],
  };
}

/** The text format the SQLite port writes dates in (Prisma's SQLite adapter reads it back). */
export const sqliteDate = (date: Date): string => date.toISOString().replace("Z", "+00:00");

function sqliteJsonValue(value: unknown, type: ValueType): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return sqliteDate(value);
  if (type === "json") return JSON.stringify(value);
  if (type === "int" && (typeof value !== "number" || !Number.isInteger(value)))
    throw new TypeError(`not an integer: ${String(value)}`);
  return value;
}

/** `IN (…)` for a list of ids: one `?` each on SQLite, one text array on PostgreSQL. */
export function inList(
  dialect: DatabaseKind,
  ids: readonly string[],
): { sql: string; params: unknown[] } {
  if (!ids.length) throw new RangeError("inList needs at least one id");
  if (dialect === "postgresql")
    return { sql: "= ANY(?::text[])", params: [postgresArray(ids, "text")] };
  return { sql: "IN (SELECT value FROM json_each(?))", params: [JSON.stringify(ids)] };
}

/** A `?` whose type PostgreSQL cannot infer (a SELECT list feeding an INSERT): cast there, bare on SQLite. */
export function typed(dialect: DatabaseKind, type: ValueType): string {
  return dialect === "postgresql" ? POSTGRES_ARRAY[type].replace("[]", "") : "?";
}
