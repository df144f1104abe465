import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { getDb, getSql } from "~/db.server";
import { createImport } from "~/models/data-import.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { adjustMemberPoints } from "~/services/member-adjustment.server";
import { runImport } from "~/services/import.server";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload } from "../factories/webhook-payloads";
import { configureEngagement } from "../support/engagement";
import { flowActionBody, sendFlowAction } from "../support/flow";
import { shopperToken } from "../support/session-tokens";
import { redeem, setLeaderboardOptIn } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "privacy-test.myshopify.com";
const otherShop = "neighbour.myshopify.com";
const bob = {
  id: 7001,
  email: "bob.private@example.com",
  firstName: "Bobbington",
  lastName: "Privatesson",
};

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

async function rowsMentioning(needle: string): Promise<string[]> {
  const db = getDb() as unknown as Record<string, { findMany: () => Promise<unknown[]> }>;
  const found: string[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const rows = await db[model.charAt(0).toLowerCase() + model.slice(1)].findMany();
    for (const row of rows)
      if (
        JSON.stringify(row, (_key, value) =>
          typeof value === "bigint" ? String(value) : value,
        ).includes(needle)
      )
        found.push(model);
  }
  return found;
}

describe("customers/create", () => {
  it("enrols the customer and credits the signup bonus once when the rule is on", async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await saveProgramVersion(
      getDb(),
      shop,
      { ...program, signup: { enabled: true, points: 150 } },
      "staff:1",
    );
    await deliver("customers/create", customerPayload(bob), { shop });
    await deliver("customers/create", customerPayload(bob), { shop });
    const member = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "7001" } },
    });
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
    await deliver("orders/paid", orderPayload({ id: 1, customer: bob, lines: [{ price: 5000 }] }), {
      shop,
    });
    await deliver("app/uninstalled", { id: 1, domain: shop }, { shop });
    expect(await getDb().session.count({ where: { shop } })).toBe(0);
    expect(await getDb().session.count({ where: { shop: otherShop } })).toBe(1);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(1);
    expect(
      (await getDb().shop.findUniqueOrThrow({ where: { shop } })).uninstalledAt,
    ).not.toBeNull();
  });
});

describe("compliance webhooks", () => {
  beforeEach(async () => {
    await deliver("customers/create", customerPayload(bob), { shop });
    await deliver(
      "orders/paid",
      orderPayload({ id: 10, customer: bob, lines: [{ price: 12000 }] }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({
        id: 11,
        customer: {
          id: 7002,
          email: "neighbour@example.com",
          firstName: "Nadia",
          lastName: "Neighbour",
        },
        lines: [{ price: 3000 }],
      }),
      { shop: otherShop },
    );
  });

  it("customers/data_request stores everything held on the customer for the merchant", async () => {
    const response = await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: 7001, email: bob.email, phone: null },
        orders_requested: [10],
        data_request: { id: 9 },
      },
      { shop },
    );
    expect(await response.json()).toMatchObject({
      outcome: "exported 1 ledger entries, 1 orders and 0 redemptions",
    });
    const [exported] = await getDb().dataExport.findMany({ where: { shop } });
    expect(exported.payload).toMatchObject({
      customer: { email: bob.email },
      ledger: [{ points: 120 }],
      orders: [{ shopifyOrderId: "10" }],
    });
  });

  it("customers/redact erases the customer's personal data and keeps the anonymous ledger", async () => {
    await deliver(
      "customers/data_request",
      { shop_domain: shop, customer: { id: 7001 }, orders_requested: [] },
      { shop },
    );
    // A CSV import's error report keeps the raw rows it rejected: Bob's row must go too, other rows stay.
    const imported = await getDb().dataImport.create({
      data: { shop, kind: "balances", fileName: "smile.csv" },
    });
    await getDb().dataImportError.createMany({
      data: [
        {
          importId: imported.id,
          row: 2,
          message: "balance is not a number",
          raw: `${bob.email},Bobbington,Privatesson,abc`,
        },
        {
          importId: imported.id,
          row: 3,
          message: "balance is not a number",
          raw: "someone.else@example.com,Some,One,xyz",
        },
      ],
    });
    // The import's export of the shop's customers (decision 047) holds Bob's email: it goes too.
    await getDb().shopifyCustomerExportRow.createMany({
      data: [
        { shop, shopifyCustomerId: "7001", email: bob.email },
        { shop, shopifyCustomerId: "7999", email: "someone.else@example.com" },
      ],
    });
    await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: 7001, email: bob.email, phone: null },
        orders_to_redact: [10],
      },
      { shop },
    );
    expect(await rowsMentioning(bob.email)).toEqual([]);
    expect(await rowsMentioning("Bobbington")).toEqual([]);
    expect(await rowsMentioning("Privatesson")).toEqual([]);
    expect(await getDb().dataImportError.count()).toBe(1);
    expect(await getDb().shopifyCustomerExportRow.count({ where: { shop } })).toBe(1);
    const anonymous = await getDb().customer.findFirstOrThrow({
      where: { shop, redactedAt: { not: null } },
    });
    expect(anonymous).toMatchObject({ balance: 120, email: null, firstName: null });
    expect(
      await getDb().ledgerEntry.aggregate({ where: { shop }, _sum: { points: true } }),
    ).toEqual({ _sum: { points: 120 } });
  });

  it("shop/redact erases every row of the shop and nothing of other shops", async () => {
    // Rows the periodic jobs keep per shop go too.
    const member = await getDb().customer.findFirstOrThrow({ where: { shop } });
    await getDb().pendingMaturation.create({
      data: { entryId: "entry-1", shop, customerId: member.id, points: 1, maturedAt: new Date() },
    });
    await getDb().jobStatus.create({
      data: {
        job: "point-expiry",
        shop,
        lastRunAt: new Date(),
        lastStatus: "ok",
        lastDurationMs: 1,
      },
    });
    await getDb().shopifyCustomerExport.create({
      data: { shop, status: "ready", exportedAt: new Date(), customers: 1 },
    });
    await getDb().shopifyCustomerExportRow.create({
      data: { shop, shopifyCustomerId: "7001", email: "bob@example.com" },
    });
    await deliver("shop/redact", { shop_id: 1, shop_domain: shop }, { shop });
    expect(await rowsMentioning(shop)).toEqual([]);
    expect(await rowsMentioning(otherShop)).not.toEqual([]);
    expect(await getDb().ledgerEntry.count({ where: { shop: otherShop } })).toBe(1);
  });
});

describe("compliance webhooks act only on the shop both the header and the payload name", () => {
  // Issue 17 item 5: a signed delivery whose payload names one shop and whose header names another.
  const customer = { id: 7001, email: bob.email, phone: null };
  beforeEach(async () => {
    await deliver("customers/create", customerPayload(bob), { shop });
    await deliver(
      "orders/paid",
      orderPayload({ id: 10, customer: bob, lines: [{ price: 12000 }] }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({ id: 11, customer: { id: 7002 }, lines: [{ price: 3000 }] }),
      { shop: otherShop },
    );
  });

  it("shop/redact naming another shop than its header erases nothing", async () => {
    const before = await rowsMentioning(otherShop);
    const response = await deliver(
      "shop/redact",
      { shop_id: 2, shop_domain: shop },
      { shop: otherShop },
    );
    expect(response.status).toBe(200);
    expect((await response.json()).outcome).toMatch(/^ignored/);
    expect(await rowsMentioning(otherShop)).toEqual(before);
    expect(await getDb().ledgerEntry.count({ where: { shop: otherShop } })).toBe(1);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBeGreaterThan(0);
  });

  it("customers/redact and customers/data_request naming another shop do nothing", async () => {
    for (const [topic, payload] of [
      ["customers/redact", { shop_domain: otherShop, customer, orders_to_redact: [10] }],
      ["customers/data_request", { shop_domain: otherShop, customer, orders_requested: [10] }],
    ] as const) {
      const response = await deliver(topic, payload, { shop });
      expect(response.status).toBe(200);
      expect((await response.json()).outcome).toMatch(/^ignored/);
    }
    const bob = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "7001" },
    });
    expect(bob.redactedAt).toBeNull();
    expect(bob.email).not.toBeNull();
    expect(await getDb().dataExport.count()).toBe(0);
  });

  it("a payload naming its own shop (any letter case) is applied", async () => {
    const response = await deliver(
      "shop/redact",
      { shop_id: 1, shop_domain: shop.toUpperCase() },
      { shop },
    );
    expect((await response.json()).outcome).not.toMatch(/^ignored/);
    expect(await rowsMentioning(shop)).toEqual([]);
  });
});

describe("privacy: every table, every identifier", () => {
  // A Shopify id, email and phone that cannot occur by chance in other values (cuids, timestamps).
  const carol = {
    id: 880055512345,
    email: "carol.private@example.com",
    phone: "+15559876543",
    firstName: "Carolynne",
    lastName: "Secretsdottir",
  };
  const identifiers = [String(carol.id), carol.email, carol.phone, carol.firstName, carol.lastName];
  const jsonSafe = (_key: string, value: unknown) =>
    typeof value === "bigint" ? String(value) : value;
  const delegate = (model: string) =>
    (
      getDb() as unknown as Record<
        string,
        { findMany: (args?: unknown) => Promise<Record<string, unknown>[]> }
      >
    )[model.charAt(0).toLowerCase() + model.slice(1)];

  /** Every text (and JSON) value of every row of every table that contains the needle: "Model.column". */
  async function textColumnsContaining(needle: string): Promise<string[]> {
    const found: string[] = [];
    for (const model of Prisma.dmmf.datamodel.models) {
      const columns = model.fields.filter(
        (field) => field.kind === "scalar" && (field.type === "String" || field.type === "Json"),
      );
      for (const row of await delegate(model.name).findMany()) {
        for (const column of columns) {
          const value = row[column.name];
          const text =
            typeof value === "string"
              ? value
              : value == null
                ? ""
                : JSON.stringify(value, jsonSafe);
          if (text.toLowerCase().includes(needle.toLowerCase()))
            found.push(`${model.name}.${column.name}`);
        }
      }
    }
    return found;
  }

  let carolId: string;

  beforeEach(async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await saveProgramVersion(
      getDb(),
      shop,
      { ...program, signup: { enabled: true, points: 50 } },
      "staff:1",
    );
    await configureEngagement(shop, (settings) => ({
      ...settings,
      leaderboard: { enabled: true },
      flowTriggers: Object.fromEntries(
        Object.keys(settings.flowTriggers).map((trigger) => [trigger, true]),
      ) as typeof settings.flowTriggers,
      badges: [
        ...settings.badges.map((badge) => ({ ...badge, enabled: true })),
        {
          id: "reviewer",
          name: "Reviewer",
          description: "",
          enabled: true,
          bonusPoints: 5,
          rule: { kind: "custom" },
        },
      ],
    }));
    // Carol is in every table that can hold something about a customer.
    await deliver("customers/create", customerPayload(carol), { shop });
    await deliver(
      "orders/paid",
      orderPayload({ id: 20, customer: carol, lines: [{ price: 150000 }] }),
      { shop },
    );
    carolId = (
      await getDb().customer.findUniqueOrThrow({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(carol.id) } },
      })
    ).id;
    expect(
      (
        await sendFlowAction(
          flowActionBody(shop, {
            customer_id: String(carol.id),
            points: 10,
            reason: `Review by ${carol.firstName}`,
            event_key: "review-1",
          }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await sendFlowAction(
          flowActionBody(shop, { customer_id: String(carol.id), badge_id: "reviewer" }),
          { action: "award-badge" },
        )
      ).status,
    ).toBe(200);
    await adjustMemberPoints(
      getSql(),
      shop,
      carolId,
      {
        points: 5,
        reason: `Call with ${carol.firstName} ${carol.lastName}`,
        nonce: "privacy-nonce-1",
      },
      "42",
      new Date(),
    );
    const token = await shopperToken({ shop, customerId: carol.id });
    expect((await setLeaderboardOptIn(token, { optIn: true })).status).toBe(200);
    const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
    expect((await redeem(token, rewardId)).status).toBe(201);
    // A CSV import: a balance keyed by her email (its ledger key holds the email) and rejected rows
    // naming her by Shopify id only, by phone, and by GID.
    const csv = `email,points_balance,phone\n${carol.email},70,${carol.phone}\nsomeone.else@example.com,lots,+10000000000\n`;
    const imported = await createImport(getDb(), shop, "balances", "smile.csv", csv.length);
    await runImport(
      getDb(),
      getSql(),
      imported,
      shop,
      "balances",
      Readable.from([Buffer.from(csv)]),
    );
    const rejected = await createImport(getDb(), shop, "balances", "native.csv", 10);
    await getDb().dataImportError.createMany({
      data: [
        {
          importId: rejected,
          row: 2,
          message: 'Points "lots" must be a whole number.',
          raw: `${carol.id},lots`,
        },
        {
          importId: rejected,
          row: 3,
          message: 'Points "x" must be a whole number.',
          raw: `gid://shopify/Customer/${carol.id},x`,
        },
        {
          importId: rejected,
          row: 4,
          message: 'Points "y" must be a whole number.',
          raw: `,y,${carol.phone}`,
        },
      ],
    });
    await getDb().analyticsCustomer.upsert({
      where: { customerId: carolId },
      create: { customerId: carolId, shop, orders: 1, revenue: 90000n },
      update: {},
    });
    // Every table the scan is about holds a row of hers before the redaction.
    for (const model of [
      "CustomerBadge",
      "LeaderboardMember",
      "FlowTriggerOutbox",
      "Redemption",
      "TierChange",
      "MetafieldOutbox",
      "LedgerEntry",
      "Order",
      "AnalyticsCustomer",
    ]) {
      expect(await delegate(model).findMany({ where: { customerId: carolId } }), model).not.toEqual(
        [],
      );
    }
    expect(await textColumnsContaining(String(carol.id))).toEqual(
      expect.arrayContaining([
        "Customer.shopifyCustomerId",
        "LedgerEntry.idempotencyKey",
        "FlowTriggerOutbox.payload",
        "DataImportError.raw",
      ]),
    );
    // Since decision 031 an imported balance's ledger key names the member, not the row's email.
    expect(await textColumnsContaining(carol.email)).toEqual(
      expect.arrayContaining(["Customer.email"]),
    );
  });

  it("customers/data_request exports every row about the customer, in every table", async () => {
    // Another customer whose id merely contains hers: not hers.
    const other = await createImport(getDb(), shop, "balances", "other.csv", 10);
    await getDb().dataImportError.create({
      data: {
        importId: other,
        row: 2,
        message: 'Points "z" must be a whole number.',
        raw: `1${carol.id},z`,
      },
    });
    const response = await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: carol.id, email: carol.email, phone: carol.phone },
        orders_requested: [20],
        data_request: { id: 10 },
      },
      { shop },
    );
    expect(response.status).toBe(200);
    const [exported] = await getDb().dataExport.findMany({
      where: { shop, shopifyCustomerId: String(carol.id) },
    });
    const text = JSON.stringify(exported.payload);
    // Key order is the database's (PostgreSQL's jsonb reorders keys): compare values, keys sorted.
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) =>
        typeof item === "bigint"
          ? String(item)
          : item && typeof item === "object" && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).sort(([x], [y]) => x.localeCompare(y)))
            : item,
      );
    const objects: Record<string, unknown>[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") {
        objects.push(value as Record<string, unknown>);
        Object.values(value).forEach(collect);
      }
    };
    collect(exported.payload);
    const exportedRow = (row: Record<string, unknown>) => {
      const plain = JSON.parse(JSON.stringify(row, jsonSafe)) as Record<string, unknown>;
      return objects.some((object) =>
        Object.entries(plain).every(([key, value]) => canonical(object[key]) === canonical(value)),
      );
    };
    const tables = Prisma.dmmf.datamodel.models.filter(
      (model) =>
        model.name !== "DataExport" && model.fields.some((field) => field.name === "customerId"),
    );
    for (const model of tables) {
      for (const row of await delegate(model.name).findMany({ where: { customerId: carolId } })) {
        expect(
          exportedRow(row),
          `${model.name} row ${JSON.stringify(row, jsonSafe).slice(0, 300)} is in the export`,
        ).toBe(true);
      }
    }
    expect(
      exportedRow(await getDb().customer.findUniqueOrThrow({ where: { id: carolId } })),
      "the member row",
    ).toBe(true);
    const orderIds = (
      await getDb().order.findMany({ where: { customerId: carolId }, select: { id: true } })
    ).map((order) => order.id);
    for (const refund of await getDb().orderRefund.findMany({
      where: { orderId: { in: orderIds } },
    }))
      expect(exportedRow(refund), "a refund").toBe(true);
    const payload = exported.payload as Record<string, unknown[]>;
    expect(payload.redemptions).toHaveLength(1);
    // The rejected import rows that name her (by email, id, GID, phone), not the look-alike id.
    expect((payload.importErrors as { raw: string }[]).map((row) => row.raw).sort()).toEqual(
      [
        `${carol.email},70,${carol.phone}`,
        `${carol.id},lots`,
        `,y,${carol.phone}`,
        `gid://shopify/Customer/${carol.id},x`,
      ]
        .filter((raw) => text.includes(raw))
        .sort(),
    );
    expect((payload.importErrors as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain(`1${carol.id},z`);
  });

  it("customers/redact leaves none of the customer's identifiers in any text column of any table", async () => {
    await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: carol.id, email: carol.email, phone: carol.phone },
        orders_requested: [],
        data_request: { id: 11 },
      },
      { shop },
    );
    const response = await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: carol.id, email: carol.email, phone: carol.phone },
        orders_to_redact: [20],
      },
      { shop },
    );
    expect(response.status).toBe(200);
    for (const identifier of identifiers)
      expect(await textColumnsContaining(identifier), identifier).toEqual([]);
    // The ledger is kept, anonymised: the member's balance and the shop's totals are unchanged.
    const anonymous = await getDb().customer.findUniqueOrThrow({ where: { id: carolId } });
    expect(anonymous.shopifyCustomerId).toBe(`redacted:${carolId}`);
    expect(await getDb().ledgerEntry.count({ where: { customerId: carolId } })).toBeGreaterThan(3);
    expect(await getDb().redemption.count({ where: { customerId: carolId } })).toBe(1);
  });
});
