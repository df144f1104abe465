// A VALUES list as a named CTE, for set-based writes of a page of rows in one statement:
//   WITH v(id, points) AS (VALUES (?, ?), (?, ?)) UPDATE "Customer" SET … FROM v WHERE …
// Both databases accept this shape; PostgreSQL needs the parameters' types spelled out (it would
// read them as text), SQLite takes them as they come.
import type { DatabaseKind } from "./database-url";

export type ValueType = "text" | "int" | "timestamp";

const POSTGRES_CAST: Record<ValueType, string> = { text: "?::text", int: "?::integer", timestamp: "?::timestamp(3)" };

export function valuesCte(dialect: DatabaseKind, name: string, columns: Record<string, ValueType>, rows: readonly unknown[][]): { cte: string; params: unknown[] } {
  if (!rows.length) throw new RangeError("valuesCte needs at least one row");
  const types = Object.values(columns);
  const placeholders = `(${types.map((type) => (dialect === "postgresql" ? POSTGRES_CAST[type] : "?")).join(", ")})`;
  return {
    cte: `${name}(${Object.keys(columns).map((column) => `"${column}"`).join(", ")}) AS (VALUES ${rows.map(() => placeholders).join(", ")})`,
    params: rows.flat(),
  };
}
