import { beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { getDb } from "~/db.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload } from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "privacy-test.myshopify.com";
const otherShop = "neighbour.myshopify.com";
const bob = { id: 7001, email: "bob.private@example.com", firstName: "Bobbington", lastName: "Privatesson" };

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

async function rowsMentioning(needle: string): Promise<string[]> {
  const db = getDb() as unknown as Record<string, { findMany: () => Promise<unknown[]> }>;
  const found: string[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const rows = await db[model.charAt(0).toLowerCase() + model.slice(1)].findMany();
    for (const row of rows) if (JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? String(value) : value)).includes(needle)) found.push(model);
  }
  return found;
}

describe("customers/create", () => {
  it("enrols the customer and credits the signup bonus once when the rule is on", async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await saveProgramVersion(getDb(), shop, { ...program, signup: { enabled: true, points: 150 } }, "staff:1");
    await deliver("customers/create", customerPayload(bob), { shop });
    await deliver("customers/create", customerPayload(bob), { shop });
    const member = await getDb().customer.findUniqueOrThrow({ where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "7001" } } });
    expect(member).toMatchObject({ email: bob.email, balance: 150, lifetimeEarned: 150 });
    expect(await getDb().ledgerEntry.count()).toBe(1);
  });

  it("enrols without points under the default program", async () => {
    await deliver("customers/create", customerPayload(bob), { shop });
    expect(await getDb().customer.count({ where: { shop } })).toBe(1);
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });
});

describe("app/uninstalled", () => {
  it("removes the shop's sessions and keeps its program data until shop/redact", async () => {
    await deliver("orders/paid", orderPayload({ id: 1, customer: bob, lines: [{ price: 5000 }] }), { shop });
    await deliver("app/uninstalled", { id: 1, domain: shop }, { shop });
    expect(await getDb().session.count({ where: { shop } })).toBe(0);
    expect(await getDb().session.count({ where: { shop: otherShop } })).toBe(1);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(1);
    expect((await getDb().shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt).not.toBeNull();
  });
});

describe("compliance webhooks", () => {
  beforeEach(async () => {
    await deliver("customers/create", customerPayload(bob), { shop });
    await deliver("orders/paid", orderPayload({ id: 10, customer: bob, lines: [{ price: 12000 }] }), { shop });
    await deliver("orders/paid", orderPayload({ id: 11, customer: { id: 7002, email: "neighbour@example.com", firstName: "Nadia", lastName: "Neighbour" }, lines: [{ price: 3000 }] }), { shop: otherShop });
  });

  it("customers/data_request stores everything held on the customer for the merchant", async () => {
    const response = await deliver("customers/data_request", { shop_id: 1, shop_domain: shop, customer: { id: 7001, email: bob.email, phone: null }, orders_requested: [10], data_request: { id: 9 } }, { shop });
    expect(await response.json()).toMatchObject({ outcome: "exported 1 ledger entries and 1 orders" });
    const [exported] = await getDb().dataExport.findMany({ where: { shop } });
    expect(exported.payload).toMatchObject({ customer: { email: bob.email }, ledger: [{ points: 120 }], orders: [{ shopifyOrderId: "10" }] });
  });

  it("customers/redact erases the customer's personal data and keeps the anonymous ledger", async () => {
    await deliver("customers/data_request", { shop_domain: shop, customer: { id: 7001 }, orders_requested: [] }, { shop });
    // A CSV import's error report keeps the raw rows it rejected: Bob's row must go too, other rows stay.
    const imported = await getDb().dataImport.create({ data: { shop, kind: "balances", fileName: "smile.csv" } });
    await getDb().dataImportError.createMany({ data: [
      { importId: imported.id, row: 2, message: "balance is not a number", raw: `${bob.email},Bobbington,Privatesson,abc` },
      { importId: imported.id, row: 3, message: "balance is not a number", raw: "someone.else@example.com,Some,One,xyz" },
    ] });
    await deliver("customers/redact", { shop_id: 1, shop_domain: shop, customer: { id: 7001, email: bob.email, phone: null }, orders_to_redact: [10] }, { shop });
    expect(await rowsMentioning(bob.email)).toEqual([]);
    expect(await rowsMentioning("Bobbington")).toEqual([]);
    expect(await rowsMentioning("Privatesson")).toEqual([]);
    expect(await getDb().dataImportError.count()).toBe(1);
    const anonymous = await getDb().customer.findFirstOrThrow({ where: { shop, redactedAt: { not: null } } });
    expect(anonymous).toMatchObject({ balance: 120, email: null, firstName: null });
    expect(await getDb().ledgerEntry.aggregate({ where: { shop }, _sum: { points: true } })).toEqual({ _sum: { points: 120 } });
  });

  it("shop/redact erases every row of the shop and nothing of other shops", async () => {
    // Rows the periodic jobs keep per shop go too.
    const member = await getDb().customer.findFirstOrThrow({ where: { shop } });
    await getDb().pendingMaturation.create({ data: { entryId: "entry-1", shop, customerId: member.id, points: 1, maturedAt: new Date() } });
    await getDb().jobStatus.create({ data: { job: "point-expiry", shop, lastRunAt: new Date(), lastStatus: "ok", lastDurationMs: 1 } });
    await deliver("shop/redact", { shop_id: 1, shop_domain: shop }, { shop });
    expect(await rowsMentioning(shop)).toEqual([]);
    expect(await rowsMentioning(otherShop)).not.toEqual([]);
    expect(await getDb().ledgerEntry.count({ where: { shop: otherShop } })).toBe(1);
  });
});
