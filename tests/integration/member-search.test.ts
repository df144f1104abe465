// The members search by full name and email, whatever the case and accents (decision 035): the keys
// are written with the names on every path (webhooks, import), follow a change, are erased with the
// customer, and are filled for members that existed before them by the migration's data step.
import { beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { postgresDataStep, sqliteDataStep } from "~/db/migration-data-steps.server";
import { getDb, getSql } from "~/db.server";
import { listMembers } from "~/models/member-list.server";
import { loader as listLoader } from "~/routes/app.members._index";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload } from "../factories/webhook-payloads";
import { adminRequest, routeResult } from "../support/admin-request";
import { deliver } from "../support/webhooks";

const shop = "member-search.myshopify.com";

beforeEach(async () => {
  await installShop(getDb(), shop);
});

async function found(search: string): Promise<string[]> {
  const page = await listMembers(getSql(), shop, { sort: "balance", search, limit: 50 });
  return page.members.map((member) => member.shopifyCustomerId).sort();
}

describe("searching members", () => {
  it("finds a member by full name, surname or email, without caring about accents or case", async () => {
    await deliver(
      "customers/create",
      customerPayload({
        id: 501,
        email: "zofia.müller@example.com",
        firstName: "Zofia",
        lastName: "Müller",
      }),
      { shop },
    );
    await deliver(
      "customers/create",
      customerPayload({ id: 502, email: "zoe@example.com", firstName: "Zoë", lastName: "Łukasik" }),
      { shop },
    );
    expect(await found("zofia.muller")).toEqual(["501"]);
    expect(await found("Zofia Müller")).toEqual(["501"]);
    expect(await found("zofia mul")).toEqual(["501"]);
    expect(await found("MULLER")).toEqual(["501"]);
    expect(await found("müller zofia")).toEqual(["501"]);
    expect(await found("zo")).toEqual(["501", "502"]);
    expect(await found("zoe lu")).toEqual(["502"]);
    expect(await found("lukasik")).toEqual(["502"]);
    expect(await found("zofia nowak")).toEqual([]);

    // Through the admin page's loader too.
    const page = await routeResult<{ members: { shopifyCustomerId: string }[] }>(async () =>
      listLoader({
        request: await adminRequest(shop, `/app/members?q=${encodeURIComponent("zofia.muller")}`),
        params: {},
        context: {},
      }),
    );
    expect(page.body.members.map((member) => member.shopifyCustomerId)).toEqual(["501"]);
  });

  it("follows a change of name from a later order, and forgets an erased customer", async () => {
    await deliver(
      "orders/paid",
      orderPayload({
        id: 9001,
        customer: { id: 601, email: "ana@example.com", firstName: "Ana", lastName: "Kowalska" },
        lines: [{ price: 1000 }],
      }),
      { shop },
    );
    expect(await found("ana kow")).toEqual(["601"]);
    await deliver(
      "orders/paid",
      orderPayload({
        id: 9002,
        customer: { id: 601, email: "ana@example.com", firstName: "Ana", lastName: "Nowak" },
        lines: [{ price: 1000 }],
      }),
      { shop },
    );
    expect(await found("ana kow")).toEqual([]);
    expect(await found("nowak ana")).toEqual(["601"]);

    const redact = await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: 601, email: "ana@example.com", phone: null },
        orders_to_redact: [],
      },
      { shop },
    );
    expect(redact.status).toBe(200);
    expect(await found("ana")).toEqual([]);
    const row = await getDb().customer.findFirstOrThrow({ where: { shop } });
    expect([row.searchName, row.searchSurname, row.searchEmail]).toEqual([null, null, null]);
  });

  it("fills the keys of members written before they existed (the migration's data step)", async () => {
    await getDb().customer.create({
      data: {
        shop,
        shopifyCustomerId: "701",
        email: "renée@example.com",
        firstName: "Renée",
        lastName: "Dubois",
      },
    });
    expect(await found("renee")).toEqual([]);
    const url = process.env.DATABASE_URL!;
    if (databaseKind(url) === "sqlite") {
      const db = new Database(sqliteFilePath(url));
      try {
        db.transaction(() => sqliteDataStep("20261207125410_member_search_keys", db))();
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await postgresDataStep("20261207125410_member_search_keys", client);
      } finally {
        await client.end();
      }
    }
    expect(await found("renee")).toEqual(["701"]);
    expect(await found("dubois r")).toEqual(["701"]);
  });
});
