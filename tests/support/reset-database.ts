// Empties every table so each test starts from a clean database (the file/database is per test file).
import { Prisma } from "@prisma/client";
import { getDb } from "~/db.server";
import { databaseKind } from "~/db/database-url";

const tables = Object.values(Prisma.ModelName);
const anyRows = `SELECT ${tables.map((table) => `EXISTS (SELECT 1 FROM "${table}") AS "${table}"`).join(", ")}`;

export async function resetDatabase(): Promise<void> {
  const db = getDb();
  // Emptying a table costs the same whether it holds rows or not (on PostgreSQL a TRUNCATE takes a
  // lock and new files per table: 1.7 s for all of them per test under load): one query finds the
  // tables the last test wrote to, and only those are emptied.
  const [written] = await db.$queryRawUnsafe<Record<string, unknown>[]>(anyRows);
  const touched = tables.filter((table) => Boolean(written[table]));
  if (touched.length === 0) return;
  if (databaseKind(process.env.DATABASE_URL!) === "postgresql") {
    await db.$executeRawUnsafe(
      `TRUNCATE TABLE ${touched.map((table) => `"${table}"`).join(", ")} CASCADE`,
    );
    return;
  }
  await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const table of touched) await db.$executeRawUnsafe(`DELETE FROM "${table}"`);
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
