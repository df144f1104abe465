// The hot path's SQL port writes column names and value encodings by hand (docs/decisions/006,
// 045). This checks them against the Prisma models, the tables' single definition: every column
// the crediting path's statements name exists on its model, and every value bound to an INSERT
// column has the JavaScript type the port encodes for that column's Prisma type.
import { Prisma } from "@prisma/client";
import { beforeEach, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import type { Sql } from "~/db/sql.server";
import { shopContext } from "~/models/program.server";
import { applyOrderDelivery, applyRefundDelivery } from "~/services/order-points.server";
import { orderDeliveryFromPayload, refundFromPayload } from "~/shopify/webhooks/order-delivery";
import { installShop } from "../factories/shop";
import { orderPayload, refundPayload } from "../factories/webhook-payloads";

const shop = "port-columns.myshopify.com";

interface Statement {
  text: string;
  params: readonly unknown[];
}

/** Runs a paid order, a refund of it, and the same order moved to another customer; returns every statement. */
async function crediting(): Promise<Statement[]> {
  const context = (await shopContext(getSql(), shop))!;
  const statements: Statement[] = [];
  const recording = (tx: Sql): Sql => ({
    dialect: tx.dialect,
    rows: (text, params = []) => (statements.push({ text, params }), tx.rows(text, params)),
    run: (text, params = []) => (statements.push({ text, params }), tx.run(text, params)),
    enqueue: (text, params = []) => (statements.push({ text, params }), tx.enqueue(text, params)),
  });
  const paid = (customerId: number, updatedAt: string) => {
    const delivery = orderDeliveryFromPayload(
      orderPayload({
        id: 4242,
        customer: { id: customerId, email: `m${customerId}@example.com`, firstName: "Port" },
        lines: [{ price: 5000 }, { price: 2000 }],
        updatedAt,
      }) as never,
    );
    delivery.paid = true;
    return delivery;
  };
  const now = new Date();
  await getSql().transaction((tx) =>
    applyOrderDelivery(recording(tx), context, paid(1, "2026-06-01T12:00:00Z"), "paid", now),
  );
  const refund = refundFromPayload(
    refundPayload({
      id: 77,
      orderId: 4242,
      lines: [{ lineId: 424201, quantity: 1, subtotal: 5000 }],
    }) as never,
    context.currencyExponent,
  );
  await getSql().transaction((tx) =>
    applyRefundDelivery(recording(tx), context, "4242", refund, now),
  );
  await getSql().transaction((tx) =>
    applyOrderDelivery(recording(tx), context, paid(2, "2026-06-01T13:00:00Z"), "moved", now),
  );
  return statements;
}

const models = new Map(
  Prisma.dmmf.datamodel.models.map((model) => [model.dbName ?? model.name, model]),
);
const columnsOf = (table: string) =>
  new Set(
    models
      .get(table)!
      .fields.filter((f) => f.kind !== "object")
      .map((f) => f.dbName ?? f.name),
  );

/** Splits a VALUES list at its top-level commas (a subquery keeps its own). */
function valueItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  items.push(current.trim());
  return items;
}

// What the port binds for each Prisma scalar type (app/db/sql-*.server.ts encode them per dialect).
const accepts: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === "string",
  Int: (value) => Number.isInteger(value),
  BigInt: (value) => Number.isInteger(value) || typeof value === "bigint",
  Boolean: (value) => typeof value === "boolean",
  DateTime: (value) => value instanceof Date,
  Json: (value) => value !== undefined && typeof value !== "function",
};

beforeEach(async () => {
  await installShop(getDb(), shop);
});

it("names only columns of the Prisma models and binds each INSERT value as its column's type", async () => {
  const statements = await crediting();
  const checked = new Set<string>();
  for (const { text, params } of statements) {
    const target = /^\s*(?:INSERT INTO|UPDATE) "(\w+)"/.exec(text)?.[1];
    if (!target) continue;
    expect(models.has(target), `table ${target}`).toBe(true);
    const columns = columnsOf(target);
    // Quoted identifiers after the table name or its alias: "Table"."column", excluded."column", and
    // the column lists of INSERT and SET.
    // INSERT … VALUES (…) or INSERT … SELECT … FROM: the column list and the values bound to it.
    const insert =
      /INSERT INTO "\w+" \(([^)]*)\)\s*VALUES \(([\s\S]*?)\)\s*(?:ON CONFLICT|RETURNING|$)/.exec(
        text,
      ) ?? /INSERT INTO "\w+" \(([^)]*)\)\s*SELECT ([\s\S]*?) FROM /.exec(text);
    const named = [
      ...(insert ? insert[1].split(",").map((column) => column.trim().replaceAll('"', "")) : []),
      ...[...text.matchAll(/(?:SET|,)\s+"?(\w+)"?\s*=/g)].map((match) => match[1]),
      ...[...text.matchAll(new RegExp(`(?:"${target}"|excluded)\\."(\\w+)"`, "g"))].map(
        (m) => m[1],
      ),
    ];
    for (const column of named) {
      expect(columns.has(column), `${target}.${column} in: ${text.slice(0, 80)}`).toBe(true);
      checked.add(`${target}.${column}`);
    }
    if (!insert) continue;
    const model = models.get(target)!;
    const items = valueItems(insert[2]);
    let param = 0;
    insert[1].split(",").forEach((raw, index) => {
      const column = raw.trim().replaceAll('"', "");
      const item = items[index];
      if (item === "?") {
        const field = model.fields.find((f) => (f.dbName ?? f.name) === column)!;
        const value = params[param];
        if (value !== null || field.isRequired)
          expect(
            accepts[field.type]?.(value),
            `${target}.${column} (${field.type}) bound ${String(value)}`,
          ).toBe(true);
      }
      param += (item.match(/\?/g) ?? []).length;
    });
  }
  // The crediting path's tables are all covered.
  for (const table of ["Customer", "Order", "OrderRefund", "LedgerEntry", "MetafieldOutbox"])
    expect(
      [...checked].some((column) => column.startsWith(`${table}.`)),
      table,
    ).toBe(true);
});
