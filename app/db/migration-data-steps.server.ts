// Data a migration's SQL cannot compute, filled in the same transaction as the migration (so it
// runs exactly once, and a failure rolls both back). Keyed by the migration's folder name without
// its timestamp. Only `migrateDatabase` runs them: a database migrated by Prisma's own engine gets
// the keys when each member is next written (docs/decisions/035).
import type Database from "better-sqlite3";
import type pg from "pg";
import { memberSearchKeys } from "../loyalty/search-key";

const PAGE = 2000;

interface NamedRow {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

const SELECT_PAGE = `SELECT id, email, "firstName", "lastName" FROM "Customer"
  WHERE id > $1 AND (email IS NOT NULL OR "firstName" IS NOT NULL OR "lastName" IS NOT NULL)
  ORDER BY id LIMIT ${PAGE}`;

/** Every member's search keys (decision 035): accents cannot be folded in SQL on both databases. */
function memberSearchKeysSqlite(db: Database.Database): void {
  const select = db.prepare(SELECT_PAGE.replace("$1", "?"));
  const update = db.prepare(
    `UPDATE "Customer" SET "searchName" = ?, "searchSurname" = ?, "searchEmail" = ? WHERE id = ?`,
  );
  let after = "";
  for (;;) {
    const rows = select.all(after) as NamedRow[];
    for (const row of rows) {
      const keys = memberSearchKeys(row);
      update.run(keys.searchName, keys.searchSurname, keys.searchEmail, row.id);
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

async function memberSearchKeysPostgres(client: pg.Client): Promise<void> {
  let after = "";
  for (;;) {
    const { rows } = await client.query<NamedRow>(SELECT_PAGE, [after]);
    if (rows.length) {
      const keys = rows.map((row) => memberSearchKeys(row));
      await client.query(
        `UPDATE "Customer" c SET "searchName" = v.n, "searchSurname" = v.s, "searchEmail" = v.e
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, n, s, e) WHERE c.id = v.id`,
        [
          rows.map((row) => row.id),
          keys.map((key) => key.searchName),
          keys.map((key) => key.searchSurname),
          keys.map((key) => key.searchEmail),
        ],
      );
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

const stepName = (migration: string) => migration.replace(/^\d{14}_/, "");

export function sqliteDataStep(migration: string, db: Database.Database): void {
  if (stepName(migration) === "member_search_keys") memberSearchKeysSqlite(db);
}

export async function postgresDataStep(migration: string, client: pg.Client): Promise<void> {
  if (stepName(migration) === "member_search_keys") await memberSearchKeysPostgres(client);
}
