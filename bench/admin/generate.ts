// Bulk member generation for bench/admin: one INSERT … SELECT over a generated series (a recursive
// CTE on SQLite, generate_series on PostgreSQL), never row by row. Balances and lifetime points are
// spread deterministically from the row number; tiers follow the default thresholds.
import type { SqlDatabase } from "../../app/db/sql.server";
import { dropForLoad, recreateAfterLoad } from "../lib/bulk-load";
import type { Kind } from "../lib/harness";

const CHUNK = 250_000;

/**
 * Inserts `members` members into `shop` in chunks around dropped indexes, then ANALYZE (and VACUUM
 * on PostgreSQL, which sets the visibility map index-only scans rely on; on a live database
 * autovacuum does it after a bulk insert). Returns the time taken in ms.
 */
export async function generateMembers(
  sql: SqlDatabase,
  kind: Kind,
  shop: string,
  members: number,
): Promise<number> {
  const started = performance.now();
  const ddl = await dropForLoad(sql, ["Customer"]);
  for (let from = 1; from <= members; from += CHUNK)
    await sql.run(memberInsertSql(kind, shop, from, Math.min(members, from + CHUNK - 1)));
  await recreateAfterLoad(sql, ddl, ["Customer"]);
  if (kind === "postgresql") await sql.run(`VACUUM (ANALYZE) "Customer"`);
  const [{ count }] = await sql.rows<{ count: number }>(
    `SELECT COUNT(*) AS count FROM "Customer" WHERE shop = ?`,
    [shop],
  );
  if (Number(count) < members) throw new Error(`generated ${count} members, expected ${members}`);
  return performance.now() - started;
}

const FIRST = [
  "Avery",
  "Jordan",
  "Mila",
  "Noah",
  "Olga",
  "Piotr",
  "Sofia",
  "Liam",
  "Zofia",
  "Ivan",
  "Emma",
  "Lucas",
  "Chloe",
  "Mateo",
  "Hana",
  "Aiko",
];
const LAST = [
  "Kowalski",
  "Smith",
  "Ivanova",
  "Nowak",
  "Garcia",
  "Tanaka",
  "Dubois",
  "Rossi",
  "Muller",
  "Brown",
  "Olsen",
  "Meyer",
];

/** One statement inserting members `from`..`to` (inclusive) for `shop`. */
export function memberInsertSql(kind: Kind, shop: string, from: number, to: number): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const columns = `id, shop, "shopifyCustomerId", email, "firstName", "lastName", "searchName", "searchSurname", "searchEmail", balance, pending, "lifetimeEarned", "orderCount", "lifetimeSpend", "tierName", "enrolledAt", "createdAt", "updatedAt"`;
  // The names are ASCII, so lower() gives the search keys app/loyalty/search-key.ts would (decision 035).
  const keys = `lower(f || ' ' || l), lower(l || ' ' || f), lower(f || '.' || l || '.' || n || '@example.com')`;
  if (kind === "sqlite") {
    const first = `json_extract(${quote(JSON.stringify(FIRST))}, '$[' || (n % ${FIRST.length}) || ']')`;
    const last = `json_extract(${quote(JSON.stringify(LAST))}, '$[' || ((n / ${FIRST.length}) % ${LAST.length}) || ']')`;
    const now = quote("2026-11-01T00:00:00.000+00:00");
    return `INSERT INTO "Customer" (${columns})
      WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n < ${to}),
      people AS (SELECT n, ${first} AS f, ${last} AS l, (n * 7919) % 6000 AS bal, (n * 7919) % 6000 + (n * 31) % 2000 AS life FROM seq)
      SELECT printf('bench%09d', n), ${quote(shop)}, CAST(900000000 + n AS TEXT), lower(f || '.' || l || '.' || n || '@example.com'), f, l, ${keys},
        bal, 0, life, 1 + n % 9, life * 100, CASE WHEN life >= 2500 THEN 'Gold' WHEN life >= 1000 THEN 'Silver' ELSE NULL END, ${now}, ${now}, ${now}
      FROM people`;
  }
  const array = (items: string[]) => `ARRAY[${items.map(quote).join(", ")}]`;
  return `INSERT INTO "Customer" (${columns})
    SELECT 'bench' || lpad(n::text, 9, '0'), ${quote(shop)}, (900000000 + n)::text, lower(f || '.' || l || '.' || n || '@example.com'), f, l, ${keys},
      bal, 0, life, 1 + n % 9, life * 100, CASE WHEN life >= 2500 THEN 'Gold' WHEN life >= 1000 THEN 'Silver' ELSE NULL END,
      TIMESTAMP '2026-11-01 00:00:00', TIMESTAMP '2026-11-01 00:00:00', TIMESTAMP '2026-11-01 00:00:00'
    FROM (SELECT n, (${array(FIRST)})[n % ${FIRST.length} + 1] AS f, (${array(LAST)})[(n / ${FIRST.length}) % ${LAST.length} + 1] AS l,
      (n * 7919) % 6000 AS bal, (n * 7919) % 6000 + (n * 31) % 2000 AS life FROM generate_series(${from}::bigint, ${to}::bigint) AS n) people`;
}

/** The email the generator gives member `n` (mirrors the SQL above). */
export function memberEmail(n: number): string {
  return `${FIRST[n % FIRST.length]}.${LAST[Math.floor(n / FIRST.length) % LAST.length]}.${n}@example.com`.toLowerCase();
}
