// Isolation checks shared by every test that proves one tenant cannot reach another: a snapshot of
// everything stored for one shop (every model has a `shop` column, or belongs to one that has), and a check that an answer sent
// to one tenant mentions nothing that belongs to another. Admin (staff) isolation tests reuse both:
//   await expectShopUntouched(otherShop, () => callAdminAction(shopToken, ...));
import { Prisma } from "@prisma/client";
import { expect } from "vitest";
import { getSql } from "~/db.server";

const jsonSafe = (_key: string, value: unknown) =>
  typeof value === "bigint" ? String(value) : value;

/** Rows of models without their own `shop` column are found through the parent that has one. */
const SHOP_THROUGH: Partial<Record<Prisma.ModelName, string>> = {
  DataImportError: `"importId" IN (SELECT id FROM "DataImport" WHERE shop = ?)`,
};

/**
 * Every row stored for the shop, in every table, in a stable order (rows as the driver reads them:
 * compare snapshots with each other only). One round trip through the SQL port on PostgreSQL.
 */
export async function shopSnapshot(shop: string): Promise<string> {
  const models = Object.values(Prisma.ModelName);
  const rows = await getSql().readTogether((sql) =>
    Promise.all(
      models.map((model) =>
        sql.rows(`SELECT * FROM "${model}" WHERE ${SHOP_THROUGH[model] ?? "shop = ?"}`, [shop]),
      ),
    ),
  );
  const tables = Object.fromEntries(
    models.map((model, i) => [model, rows[i].map((row) => JSON.stringify(row, jsonSafe)).sort()]),
  );
  return JSON.stringify(tables);
}

/** Runs `act` (as another tenant) and asserts nothing stored for `shop` changed. */
export async function expectShopUntouched<T>(shop: string, act: () => Promise<T>): Promise<T> {
  const before = await shopSnapshot(shop);
  const result = await act();
  expect(await shopSnapshot(shop), `${shop}'s data changed`).toBe(before);
  return result;
}

/** The answer's text contains none of the other tenant's identifiers (ids, codes, emails, names). */
export async function expectNoLeak(response: Response, foreign: string[]): Promise<void> {
  const text = await response.clone().text();
  for (const needle of foreign) expect(text, `answer leaks "${needle}"`).not.toContain(needle);
}
