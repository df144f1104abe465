// Product → collection membership and the shop's collections (docs/decisions/059). Ids are legacy
// digits, as order lines carry them. Written by the full sync (bulk export) and by the refreshes
// webhooks ask for; read when an order is credited under a program with collection multipliers.
import type { Sql } from "../db/sql.server";
import { decode } from "../db/sql.server";
import { inList, typed, valuesCte } from "../db/values-list";

/** Rows written per statement by the full sync. */
const ROWS_PER_INSERT = 2_000;

/**
 * The collections among `collectionIds` that each of `productIds` belongs to (products in none are
 * absent). Both lists are small (an order's products, the program's collections), so one indexed read.
 */
export async function collectionsOfProducts(
  sql: Sql,
  shop: string,
  productIds: readonly string[],
  collectionIds: readonly string[],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  if (!productIds.length || !collectionIds.length) return found;
  const products = inList(sql.dialect, [...productIds]);
  const collections = inList(sql.dialect, [...collectionIds]);
  const rows = await sql.rows<{ productId: string; collectionId: string }>(
    `SELECT "productId", "collectionId" FROM "ProductCollection"
     WHERE shop = ? AND "productId" ${products.sql} AND "collectionId" ${collections.sql}
     ORDER BY "productId", "collectionId"`,
    [shop, ...products.params, ...collections.params],
  );
  for (const row of rows) (found[row.productId] ??= []).push(row.collectionId);
  return found;
}

export interface ShopCollectionRow {
  collectionId: string;
  title: string;
  /** Products Tally knows to be in it. */
  products: number;
}

/** The shop's collections by title, with how many products each holds. */
export async function shopCollections(sql: Sql, shop: string): Promise<ShopCollectionRow[]> {
  const rows = await sql.rows<{ collectionId: string; title: string; products: unknown }>(
    `SELECT c."collectionId", c.title,
       (SELECT COUNT(*) FROM "ProductCollection" p
        WHERE p.shop = c.shop AND p."collectionId" = c."collectionId") AS products
     FROM "ShopCollection" c WHERE c.shop = ? ORDER BY c.title, c."collectionId"`,
    [shop],
  );
  return rows.map((row) => ({ ...row, products: decode.int(row.products) }));
}

export async function upsertCollections(
  sql: Sql,
  shop: string,
  collections: readonly { collectionId: string; title: string }[],
  seenAt: Date,
): Promise<void> {
  for (let start = 0; start < collections.length; start += ROWS_PER_INSERT) {
    const chunk = collections.slice(start, start + ROWS_PER_INSERT);
    const values = valuesCte(
      sql.dialect,
      "v",
      { id: "text", title: "text" },
      chunk.map((collection) => [collection.collectionId, collection.title]),
    );
    // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join.
    await sql.run(
      `WITH ${values.cte} INSERT INTO "ShopCollection" (shop, "collectionId", title, "seenAt")
       SELECT ${typed(sql.dialect, "text")}, v.id, v.title, ${typed(sql.dialect, "timestamp")} FROM v WHERE true
       ON CONFLICT (shop, "collectionId") DO UPDATE SET title = excluded.title, "seenAt" = excluded."seenAt"`,
      [...values.params, shop, seenAt],
    );
  }
}

export async function upsertMemberships(
  sql: Sql,
  shop: string,
  pairs: readonly { productId: string; collectionId: string }[],
  seenAt: Date,
): Promise<void> {
  for (let start = 0; start < pairs.length; start += ROWS_PER_INSERT) {
    const chunk = pairs.slice(start, start + ROWS_PER_INSERT);
    const values = valuesCte(
      sql.dialect,
      "v",
      { product: "text", collection: "text" },
      chunk.map((pair) => [pair.productId, pair.collectionId]),
    );
    await sql.run(
      `WITH ${values.cte} INSERT INTO "ProductCollection" (shop, "productId", "collectionId", "seenAt")
       SELECT ${typed(sql.dialect, "text")}, v.product, v.collection, ${typed(sql.dialect, "timestamp")} FROM v WHERE true
       ON CONFLICT (shop, "productId", "collectionId") DO UPDATE SET "seenAt" = excluded."seenAt"`,
      [...values.params, shop, seenAt],
    );
  }
}

/** Replaces one product's collections with what Shopify says now (null: the product is gone). */
export async function replaceProductCollections(
  sql: Sql,
  shop: string,
  productId: string,
  collections: readonly { collectionId: string; title: string }[] | null,
  seenAt: Date,
): Promise<void> {
  const kept = collections ?? [];
  if (kept.length) {
    const list = inList(
      sql.dialect,
      kept.map((collection) => collection.collectionId),
    );
    await sql.run(
      `DELETE FROM "ProductCollection" WHERE shop = ? AND "productId" = ? AND NOT ("collectionId" ${list.sql})`,
      [shop, productId, ...list.params],
    );
    await upsertCollections(sql, shop, kept, seenAt);
    await upsertMemberships(
      sql,
      shop,
      kept.map((collection) => ({ productId, collectionId: collection.collectionId })),
      seenAt,
    );
  } else
    await sql.run(`DELETE FROM "ProductCollection" WHERE shop = ? AND "productId" = ?`, [
      shop,
      productId,
    ]);
}

/**
 * Replaces one collection's products with what Shopify says now (null: the collection is gone, and
 * with it its name). `productIds` is the whole list (all pages).
 */
export async function replaceCollectionProducts(
  sql: Sql,
  shop: string,
  collectionId: string,
  collection: { title: string; productIds: readonly string[] } | null,
  seenAt: Date,
): Promise<void> {
  if (!collection) {
    await sql.run(`DELETE FROM "ProductCollection" WHERE shop = ? AND "collectionId" = ?`, [
      shop,
      collectionId,
    ]);
    await sql.run(`DELETE FROM "ShopCollection" WHERE shop = ? AND "collectionId" = ?`, [
      shop,
      collectionId,
    ]);
    return;
  }
  await upsertCollections(sql, shop, [{ collectionId, title: collection.title }], seenAt);
  await sql.run(
    `DELETE FROM "ProductCollection" WHERE shop = ? AND "collectionId" = ? AND "seenAt" < ?`,
    [shop, collectionId, seenAt],
  );
  await upsertMemberships(
    sql,
    shop,
    collection.productIds.map((productId) => ({ productId, collectionId })),
    seenAt,
  );
}

/** After a full sync asked of Shopify at `syncedAt`: drops what the export did not list. */
export async function dropUnseen(sql: Sql, shop: string, syncedAt: Date): Promise<void> {
  await sql.run(`DELETE FROM "ProductCollection" WHERE shop = ? AND "seenAt" < ?`, [
    shop,
    syncedAt,
  ]);
  await sql.run(`DELETE FROM "ShopCollection" WHERE shop = ? AND "seenAt" < ?`, [shop, syncedAt]);
}

/** A webhook's product or collection whose membership the refresh job should ask Shopify for. */
export function enqueueCollectionRefresh(
  sql: Sql,
  shop: string,
  kind: "product" | "collection",
  resourceId: string,
  now: Date,
): Promise<number> {
  return sql.run(
    `INSERT INTO "CollectionRefresh" (shop, kind, "resourceId", "requestedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT (shop, kind, "resourceId") DO UPDATE SET "requestedAt" = excluded."requestedAt"`,
    [shop, kind, resourceId, now],
  );
}

export interface CollectionRefreshRow {
  shop: string;
  kind: "product" | "collection";
  resourceId: string;
  requestedAt: Date;
}

export async function dueCollectionRefreshes(
  sql: Sql,
  limit: number,
): Promise<CollectionRefreshRow[]> {
  const rows = await sql.rows<{
    shop: string;
    kind: string;
    resourceId: string;
    requestedAt: unknown;
  }>(
    `SELECT shop, kind, "resourceId", "requestedAt" FROM "CollectionRefresh"
     ORDER BY "requestedAt" LIMIT ?`,
    [limit],
  );
  return rows.map((row) => ({
    shop: row.shop,
    kind: row.kind === "collection" ? "collection" : "product",
    resourceId: row.resourceId,
    requestedAt: decode.date(row.requestedAt),
  }));
}

/** Done with a refresh, unless a webhook asked for it again meanwhile (a later requestedAt). */
export function finishCollectionRefresh(sql: Sql, row: CollectionRefreshRow): Promise<number> {
  return sql.run(
    `DELETE FROM "CollectionRefresh" WHERE shop = ? AND kind = ? AND "resourceId" = ? AND "requestedAt" <= ?`,
    [row.shop, row.kind, row.resourceId, row.requestedAt],
  );
}
