// Empties every table so each test starts from a clean database (the file/database is per test file).
import { Prisma } from "@prisma/client";
import { getDb } from "~/db.server";
import { databaseKind } from "~/db/database-url";

const tables = Object.values(Prisma.ModelName);

export async function resetDatabase(): Promise<void> {
  const db = getDb();
  if (databaseKind(process.env.DATABASE_URL!) === "postgresql") {
    await db.$executeRawUnsafe(
      `TRUNCATE TABLE ${tables.map((table) => `"${table}"`).join(", ")} CASCADE`,
    );
    return;
  }
  await db.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  for (const table of tables) await db.$executeRawUnsafe(`DELETE FROM "${table}"`);
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
