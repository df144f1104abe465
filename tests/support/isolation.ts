// Isolation checks shared by every test that proves one tenant cannot reach another: a snapshot of
// everything stored for one shop (every model has a `shop` column, or belongs to one that has), and a check that an answer sent
// to one tenant mentions nothing that belongs to another. Admin (staff) isolation tests reuse both:
//   await expectShopUntouched(otherShop, () => callAdminAction(shopToken, ...));
import { Prisma } from "@prisma/client";
import { expect } from "vitest";
import { getDb } from "~/db.server";

const jsonSafe = (_key: string, value: unknown) =>
  typeof value === "bigint" ? String(value) : value;

/** Rows of models without their own `shop` column are found through the parent that has one. */
const SHOP_THROUGH: Partial<Record<Prisma.ModelName, string>> = { DataImportError: "dataImport" };

/** Every row stored for the shop, in every table, in a stable order. */
export async function shopSnapshot(shop: string): Promise<string> {
  const db = getDb() as unknown as Record<
    string,
    { findMany: (args: unknown) => Promise<Record<string, unknown>[]> }
  >;
  const tables: Record<string, unknown[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const parent = SHOP_THROUGH[model];
    const rows = await db[model.charAt(0).toLowerCase() + model.slice(1)].findMany({
      where: parent ? { [parent]: { shop } } : { shop },
    });
    tables[model] = rows.map((row) => JSON.stringify(row, jsonSafe)).sort();
  }
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
