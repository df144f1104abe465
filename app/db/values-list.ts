// A page of rows as a named CTE, for set-based writes of a page of rows in one statement:
//   WITH v(id, points) AS (…) UPDATE "Customer" SET … FROM v WHERE …
//   WITH v(…) AS (…) INSERT INTO "LedgerEntry" (…) SELECT … FROM v
// SQLite: a VALUES list, one `?` per value (SQLite takes them as they come). PostgreSQL: one array
// parameter per column, `unnest(?::text[], ?::integer[], …)`, so a page of thousands of rows is a
// statement of a few parameters whose text does not depend on the row count (parsed once, no
// per-value bind and type resolution; docs/decisions/019). The arrays are sent as PostgreSQL array
// literals built here, so dates are ISO UTC strings whatever the driver would make of them.
import type { DatabaseKind } from "./database-url";

export type ValueType = "text" | "int" | "timestamp" | "json";

const POSTGRES_ARRAY: Record<ValueType, string> = { text: "?::text[]", int: "?::integer[]", timestamp: "?::timestamp(3)[]", json: "?::jsonb[]" };

/** One element of a PostgreSQL array literal: NULL, a number, or a double-quoted string. */
function arrayElement(value: unknown, type: ValueType): string {
  if (value === null || value === undefined) return "NULL";
  let text: string;
  if (type === "int") {
    if (typeof value !== "number" || !Number.isInteger(value)) throw new TypeError(`not an integer: ${String(value)}`);
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

export function valuesCte(dialect: DatabaseKind, name: string, columns: Record<string, ValueType>, rows: readonly unknown[][]): { cte: string; params: unknown[] } {
  if (!rows.length) throw new RangeError("valuesCte needs at least one row");
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const columnList = names.map((column) => `"${column}"`).join(", ");
  if (dialect === "postgresql") {
    return {
      cte: `${name}(${columnList}) AS (SELECT * FROM unnest(${types.map((type) => POSTGRES_ARRAY[type]).join(", ")}))`,
      params: types.map((type, column) => postgresArray(rows.map((row) => row[column]), type)),
    };
  }
  const placeholders = `(${types.map(() => "?").join(", ")})`;
  return {
    cte: `${name}(${columnList}) AS (VALUES ${rows.map(() => placeholders).join(", ")})`,
    params: rows.flatMap((row) => row.map((value, column) => (types[column] === "json" && value !== null && value !== undefined ? JSON.stringify(value) : value))),
  };
}

/** `IN (…)` for a list of ids: one `?` each on SQLite, one text array on PostgreSQL. */
export function inList(dialect: DatabaseKind, ids: readonly string[]): { sql: string; params: unknown[] } {
  if (!ids.length) throw new RangeError("inList needs at least one id");
  if (dialect === "postgresql") return { sql: "= ANY(?::text[])", params: [postgresArray(ids, "text")] };
  return { sql: `IN (${ids.map(() => "?").join(", ")})`, params: [...ids] };
}

/** A `?` whose type PostgreSQL cannot infer (a SELECT list feeding an INSERT): cast there, bare on SQLite. */
export function typed(dialect: DatabaseKind, type: ValueType): string {
  return dialect === "postgresql" ? POSTGRES_ARRAY[type].replace("[]", "") : "?";
}
