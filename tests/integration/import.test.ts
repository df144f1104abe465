// CSV import of balances, tiers and history: Tally's own format, Smile.io's and LoyaltyLion's
// exports, row-by-row errors, idempotent re-import and progress.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { createImport, failStaleImports, STALE_IMPORT_FAILURE } from "~/models/data-import.server";
import { storeCoded } from "~/i18n/coded-text";
import { en } from "~/i18n/en";
import { pl } from "~/i18n/pl";
import { ru } from "~/i18n/ru";
import { withRequestLocale } from "~/i18n/request-locale.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob } from "~/jobs/registry.server";
import { ledgerCsvStream } from "~/services/export.server";
import {
  IMPORT_BATCH,
  importFailureInWords,
  rejectedRowBatches,
  runImport,
  type ImportOptions,
} from "~/services/import.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { adminApi } from "../support/admin-api";
import { adminRequest, routeResult } from "../support/admin-request";
import type { ImportKind } from "~/loyalty/import-rows";
import { mintAdminSessionToken } from "~/local-demo/session-token.server";
import { action as uploadAction, loader as importPage } from "~/routes/app.import";
import { loader as download } from "~/routes/app.analytics.download";
import { installShop } from "../factories/shop";
import { TEST_APP_URL } from "../setup/test-env";

const shop = "import.myshopify.com";
const source = "source.myshopify.com";

/** Imports `text` (or bytes) through the stand-in Admin API of `into` unless options say otherwise. */
async function importText(
  text: string | Buffer,
  kind: ImportKind = "balances",
  into = shop,
  options: ImportOptions = {},
) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const id = await createImport(getDb(), into, kind, "file.csv", bytes.length);
  const progress = await runImport(getDb(), getSql(), id, into, kind, Readable.from([bytes]), {
    admin: createFetchAdminClient({ shop: into }),
    ...options,
  });
  const row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
  const errors = [];
  for await (const batch of rejectedRowBatches(getDb(), id))
    errors.push(...batch.map(({ row, message }) => ({ row, message })));
  // Why the import failed, as the Import page words it for an English reader.
  return { id, progress, row, errors, failure: importFailureInWords(row.failure, "en") };
}

const balanceOf = async (shopifyCustomerId: string, inShop = shop) =>
  (
    await getDb().customer.findUnique({
      where: { shop_shopifyCustomerId: { shop: inShop, shopifyCustomerId } },
    })
  )?.balance;

/** Customers of the shop in Shopify (the stand-in): ids, or [id, email]. */
function inShopify(...customers: (string | [string, string])[]) {
  for (const customer of customers) {
    const [id, email] = typeof customer === "string" ? [customer, null] : customer;
    adminApi.state.shop(shop).customers.push({ id: `gid://shopify/Customer/${id}`, email });
  }
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("importing balances and tiers", () => {
  const native = [
    "shopify_customer_id,email,first_name,last_name,points_balance,points_pending,lifetime_points,orders,lifetime_spend,tier,enrolled_at",
    "101,ada@example.com,Ada,Lovelace,1200,0,0,0,0.00,Silver,2024-01-01T00:00:00.000Z",
    "102,bob@example.com,Bob,,300,0,0,0,0.00,,",
    "103,carol@example.com,Carol,,12.5,0,0,0,0.00,,",
    "104,dan@example.com,Dan,,50,0,0,0,0.00,Platinum,",
    ",,,,10,,,,,,",
    "gid://shopify/Customer/105,eve@example.com,Eve,,0,0,0,0,0.00,Gold,",
  ].join("\r\n");

  it("Tally's own format: balances as import entries, tiers set, bad rows reported with the reason", async () => {
    inShopify("101", "102", "103", "104", "105");
    const { progress, row, errors } = await importText(native);
    expect(row).toMatchObject({
      status: "done",
      format: "native",
      rowsRead: 6,
      rowsImported: 3,
      rowsFailed: 3,
      rowsSkipped: 0,
    });
    expect(progress.bytesRead).toBe(Buffer.byteLength(native));
    expect(await balanceOf("101")).toBe(1200);
    expect(await balanceOf("102")).toBe(300);
    expect(
      await getDb().customer.findUnique({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "105" } },
      }),
    ).toMatchObject({ tierName: "Gold", balance: 0 });
    expect(
      await getDb().customer.findUnique({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "101" } },
      }),
    ).toMatchObject({ tierName: "Silver", email: "ada@example.com", lifetimeEarned: 1200 });
    expect(
      await getDb().ledgerEntry.findFirst({
        where: { shop, idempotencyKey: { startsWith: "import:balance:tally:" }, points: 1200 },
      }),
    ).toMatchObject({ kind: "import", reason: "imported balance (Tally export): 1200" });
    expect(await balanceOf("103")).toBeUndefined();
    expect(await balanceOf("104")).toBeUndefined();
    expect(errors).toEqual([
      { row: 4, message: 'Points "12.5" must be a whole number.' },
      {
        row: 5,
        message: 'Tier "Platinum" is not one of the program\'s tiers (Member, Silver, Gold).',
      },
      { row: 6, message: "No customer id and no email: the row cannot be matched to a customer." },
    ]);
    expect(await getDb().metafieldOutbox.count({ where: { shop } })).toBe(3);
  });

  it("importing the same file again changes nothing; a lower balance changes nothing, a higher one credits the difference", async () => {
    inShopify("101", "102", "103", "104", "105");
    await importText(native);
    const entries = await getDb().ledgerEntry.count({ where: { shop } });
    const again = await importText(native);
    expect(again.row).toMatchObject({
      status: "done",
      rowsImported: 0,
      rowsSkipped: 3,
      rowsFailed: 3,
    });
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(entries);
    expect(await balanceOf("101")).toBe(1200);

    const lower = await importText("shopify_customer_id,points_balance\r\n101,999\r\n");
    expect(lower.row).toMatchObject({ status: "done", rowsSkipped: 1, rowsImported: 0 });
    expect(await balanceOf("101")).toBe(1200);
    const higher = await importText("shopify_customer_id,points_balance\r\n101,1500\r\n");
    expect(higher.row).toMatchObject({ status: "done", rowsImported: 1 });
    expect(await balanceOf("101")).toBe(1500);
  });

  it("Smile.io's export (email, points, VIP tier) matches customers Tally knows by email", async () => {
    await getDb().customer.create({
      data: { shop, shopifyCustomerId: "201", email: "known@example.com" },
    });
    const { row, errors } = await importText(
      "First name,Last name,Email,Points,VIP tier\r\nKay,Known,KNOWN@example.com,450,Gold\r\nUn,Known,stranger@example.com,100,\r\n",
      "balances",
      shop,
      { admin: null },
    );
    expect(row).toMatchObject({ format: "smile", rowsImported: 1, rowsFailed: 1 });
    expect(
      await getDb().customer.findUnique({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "201" } },
      }),
    ).toMatchObject({ balance: 450, tierName: "Gold" });
    expect(errors[0].message).toMatch(
      /^No customer with the email stranger@example.com is known to Tally yet/,
    );
  });

  it("Smile.io rows of customers new to Tally are looked up in Shopify by email and imported with their Shopify id; unknown to both is rejected", async () => {
    const admin = createFetchAdminClient({ shop });
    await getDb().customer.create({
      data: { shop, shopifyCustomerId: "201", email: "known@example.com" },
    });
    adminApi.state.shop(shop).customers.push(
      { id: "gid://shopify/Customer/201", email: "known@example.com" },
      { id: "gid://shopify/Customer/7001", email: "New.Comer@Example.com" },
      { id: "gid://shopify/Customer/7002", email: "o'neil+vip@example.com" },
      { id: "gid://shopify/Customer/7003", email: "comer@example.com" }, // a token of another address: no exact match
    );
    const file =
      "First name,Last name,Email,Points,VIP tier\r\nKay,Known,known@example.com,450,\r\nNew,Comer,new.comer@example.com,300,Gold\r\nO,Neil,O'Neil+VIP@example.com,20,\r\nNo,Body,nobody@example.com,100,\r\n";
    const first = await importText(file, "balances", shop, { admin });
    expect(first.row).toMatchObject({
      status: "done",
      format: "smile",
      rowsImported: 3,
      rowsFailed: 1,
    });
    expect(
      await getDb().customer.findUnique({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "7001" } },
      }),
    ).toMatchObject({
      email: "new.comer@example.com",
      firstName: "New",
      balance: 300,
      tierName: "Gold",
    });
    expect(await balanceOf("7002")).toBe(20);
    expect(await balanceOf("201")).toBe(450);
    expect(await balanceOf("7003")).toBeUndefined();
    expect(first.errors).toEqual([
      {
        row: 5,
        message:
          "No customer with the email nobody@example.com in Shopify or in Tally; add their Shopify customer id, or create the customer in Shopify first.",
      },
    ]);
    // One query for the three emails Tally did not know, each quoted (Shopify tokenizes the field).
    const lookups = adminApi.calls.filter((call) => call.operationName === "CustomersByEmail");
    expect(lookups.map((call) => call.variables.query)).toEqual([
      'email:"new.comer@example.com" OR email:"o\'neil+vip@example.com" OR email:"nobody@example.com"',
    ]);

    // Again: nothing new, and only the email still unknown is asked about.
    const again = await importText(file, "balances", shop, { admin });
    expect(again.row).toMatchObject({
      status: "done",
      rowsImported: 0,
      rowsSkipped: 3,
      rowsFailed: 1,
    });
    expect(await balanceOf("7001")).toBe(300);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(3);
    expect(
      adminApi.calls.filter((call) => call.operationName === "CustomersByEmail").at(-1)?.variables
        .query,
    ).toBe('email:"nobody@example.com"');
  });

  it("looks emails up many per query, waits out THROTTLED, and fails the import with a resume hint when Shopify keeps failing", async () => {
    const admin = createFetchAdminClient({ shop });
    const count = 250;
    for (let index = 0; index < count; index++)
      adminApi.state.shop(shop).customers.push({
        id: `gid://shopify/Customer/${9000 + index}`,
        email: `c${index}@example.com`,
      });
    const file = [
      "Email,Points",
      ...Array.from({ length: count }, (_, index) => `c${index}@example.com,${index + 1}`),
    ].join("\n");
    adminApi.failNext("CustomersByEmail", "THROTTLED", 2);
    const waits: number[] = [];
    const heartbeats: Date[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      const running = await getDb().dataImport.findFirstOrThrow({
        where: { shop, status: "running" },
      });
      heartbeats.push(running.updatedAt);
      // As if this wait lasted 20 minutes: the next wait must beat the heart again first.
      await getDb().dataImport.update({
        where: { id: running.id },
        data: { updatedAt: new Date(Date.now() - 20 * 60_000) },
      });
    };
    const { row } = await importText(file, "balances", shop, { admin, sleep });
    expect(row).toMatchObject({ status: "done", rowsImported: count, rowsFailed: 0 });
    expect(await balanceOf("9249")).toBe(250);
    const outcomes = adminApi.calls
      .filter((call) => call.operationName === "CustomersByEmail")
      .map((call) => call.outcome);
    expect(outcomes).toEqual(["THROTTLED", "THROTTLED", "ok", "ok", "ok"]); // 250 emails: 100 + 100 + 50, the first retried twice
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(0); // from the throttle status: until the bucket holds the query's cost
    // Waiting is progress too: the heartbeat is written before each wait, so a long throttle is not taken for a dead import.
    expect(heartbeats[1].getTime()).toBeGreaterThan(Date.now() - 60_000);

    adminApi.failNext("CustomersByEmail", "HTTP_500", 10);
    const failed = await importText("Email,Points\nlater@example.com,5\n", "balances", shop, {
      admin,
      sleep: async () => {},
    });
    expect(failed.row).toMatchObject({ status: "failed", rowsImported: 0 });
    expect(failed.failure).toMatch(
      /^Shopify did not answer the lookup of customers .*Upload the same file again to resume/,
    );

    // A long import takes the Admin client per batch; without a session it stops with the way back.
    const sessionless = await importText("Email,Points\nlater@example.com,5\n", "balances", shop, {
      admin: async () => null,
    });
    expect(sessionless.row).toMatchObject({ status: "failed", rowsImported: 0 });
    expect(sessionless.failure).toMatch(
      /Shopify session is gone.*upload the same file again to resume/,
    );
    // Without any Admin client, customers Tally does not know are rejected, never created.
    const offline = await importText(
      "shopify_customer_id,points_balance\n424242,5\n",
      "balances",
      shop,
      {
        admin: null,
      },
    );
    expect(offline.errors[0].message).toMatch(/^Customer id 424242 is not a member of Tally yet/);
    expect(await balanceOf("424242")).toBeUndefined();
  });

  it("LoyaltyLion's export (merchant_id, points_approved): approved points become the balance", async () => {
    inShopify("301");
    const { row } = await importText(
      'id,merchant_id,email,points_approved,points_pending,points_spent,tier\r\n9,301,lion@example.com,"1,250",40,100,silver\r\n',
    );
    expect(row).toMatchObject({ format: "loyaltylion", rowsImported: 1, rowsFailed: 0 });
    expect(
      await getDb().customer.findUnique({
        where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: "301" } },
      }),
    ).toMatchObject({ balance: 1250, tierName: "Silver" });
  });

  it("a file without a customer or points column fails as a whole with a clear message", async () => {
    const noColumns = await importText("name,score\r\nx,1\r\n");
    expect(noColumns.row).toMatchObject({ status: "failed", rowsRead: 0 });
    expect(noColumns.failure).toBe(
      "The file needs a customer column: shopify_customer_id (or merchant_id) or email.",
    );
    const empty = await importText("");
    expect(empty.row.status).toBe("failed");
    expect(empty.failure).toBe("The file is empty.");
  });

  it("a file larger than one batch is applied batch by batch to the last row", async () => {
    inShopify(...Array.from({ length: IMPORT_BATCH * 2 + 7 }, (_, index) => String(1000 + index)));
    const rows = Array.from(
      { length: IMPORT_BATCH * 2 + 7 },
      (_, index) => `${1000 + index},${index + 1}`,
    );
    const { row } = await importText(["shopify_customer_id,points_balance", ...rows].join("\n"));
    expect(row).toMatchObject({
      status: "done",
      rowsRead: IMPORT_BATCH * 2 + 7,
      rowsImported: IMPORT_BATCH * 2 + 7,
    });
    expect(await getDb().customer.aggregate({ where: { shop }, _sum: { balance: true } })).toEqual({
      _sum: { balance: ((IMPORT_BATCH * 2 + 7) * (IMPORT_BATCH * 2 + 8)) / 2 },
    });
  });
});

describe("importing history", () => {
  it("Tally's ledger export imports into another shop with its dates, once, and rebuilds the analytics", async () => {
    await installShop(getDb(), source);
    const ada = await getDb().customer.create({
      data: { shop: source, shopifyCustomerId: "101", email: "ada@example.com" },
    });
    const entries: [string, number, string][] = [
      ["earn", 300, "2026-03-01T10:00:00.000Z"],
      ["redeem", -200, "2026-04-01T10:00:00.000Z"],
      ["earn", 50, "2026-05-01T10:00:00.000Z"],
    ];
    for (const [index, [kind, points, at]] of entries.entries()) {
      await getDb().ledgerEntry.create({
        data: {
          shop: source,
          customerId: ada.id,
          kind,
          points,
          idempotencyKey: `k${index}`,
          reason: "order #1",
          createdAt: new Date(at),
        },
      });
    }
    const file = await new Response(ledgerCsvStream(getSql(), source)).text();
    inShopify("101");

    const first = await importText(file, "history");
    expect(first.row).toMatchObject({ status: "done", rowsImported: 3, rowsFailed: 0 });
    const imported = await getDb().ledgerEntry.findMany({
      where: { shop },
      orderBy: { createdAt: "asc" },
    });
    expect(
      imported.map((entry) => [
        entry.kind,
        entry.points,
        entry.createdAt.toISOString(),
        entry.reason,
      ]),
    ).toEqual([
      ["import", 300, "2026-03-01T10:00:00.000Z", "earn: order #1"],
      ["import", -200, "2026-04-01T10:00:00.000Z", "redeem: order #1"],
      ["import", 50, "2026-05-01T10:00:00.000Z", "earn: order #1"],
    ]);
    expect(await balanceOf("101")).toBe(150);
    expect(
      await getDb().analyticsDay.findUnique({ where: { shop_day: { shop, day: "2026-03-01" } } }),
    ).toMatchObject({ pointsIssued: 300n, pointsNet: 300n });

    const again = await importText(file, "history");
    expect(again.row).toMatchObject({ rowsImported: 0, rowsSkipped: 3 });
    expect(await balanceOf("101")).toBe(150);
  });
});

describe("a member's figures at their limit", () => {
  it("a history row that would take a balance past 2^31 − 1 fails alone, with a message; the rest of its batch applies", async () => {
    // 22 rows of 100M for one member: the 22nd would make 2.2 billion, past what a member's figures hold.
    inShopify("777", "778");
    const rows = Array.from(
      { length: 22 },
      (_, index) => `big-${index},2026-01-01T00:00:00Z,777,earn,100000000,order`,
    );
    const { row, errors } = await importText(
      [
        "entry_id,created_at,shopify_customer_id,kind,points,reason",
        ...rows,
        "small-1,2026-01-01T00:00:00Z,778,earn,5,order",
      ].join("\n"),
      "history",
    );
    expect(row).toMatchObject({ status: "done", rowsImported: 22, rowsFailed: 1 });
    expect(errors).toEqual([
      {
        row: 23,
        message:
          "These 100,000,000 points would take the member's balance past 2,147,483,647, the most one member can hold; the row was not applied.",
      },
    ]);
    expect(await balanceOf("777")).toBe(2_100_000_000);
    expect(await balanceOf("778")).toBe(5);

    // The same file again: the 21 applied rows are repeats (skipped), not overflows, though the member is now full.
    const again = await importText(
      ["entry_id,created_at,shopify_customer_id,kind,points,reason", ...rows].join("\n"),
      "history",
    );
    expect(again.row).toMatchObject({
      status: "done",
      rowsImported: 0,
      rowsSkipped: 21,
      rowsFailed: 1,
    });
    expect(again.errors).toEqual([
      { row: 23, message: expect.stringContaining("the most one member can hold") },
    ]);
    expect(await balanceOf("777")).toBe(2_100_000_000);
  });
});

describe("an import whose instance stopped", () => {
  const minutes = (count: number) => new Date(Date.now() + count * 60_000);

  it("is marked failed after 10 minutes without progress, once, by the job on any instance, with the way to resume", async () => {
    const id = await createImport(getDb(), shop, "balances", "smile.csv", 1000);
    const other = await createImport(getDb(), source, "balances", "other.csv", 1000);
    expect(await failStaleImports(getDb(), minutes(5))).toBe(0);
    expect((await getDb().dataImport.findUniqueOrThrow({ where: { id } })).status).toBe("running");

    const job = JOBS.find((candidate) => candidate.name === "stale-imports")!;
    const later = minutes(11);
    const context = { db: getDb(), sql: getSql(), now: later, adminFor: async () => null };
    // Two instances sweeping at once: each import is failed once.
    const runs = await Promise.all([failStaleImports(getDb(), later, shop), runJob(job, context)]);
    expect(runs[0] + ((runs[1].ran && runs[1].counts?.failed) || 0)).toBe(2);
    const row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "failed", failure: STALE_IMPORT_FAILURE });
    expect(importFailureInWords(row.failure, "en")).toMatch(/Upload the same file again/);
    expect(row.finishedAt).toEqual(later);
    expect((await getDb().dataImport.findUniqueOrThrow({ where: { id: other } })).status).toBe(
      "failed",
    );
    expect(await failStaleImports(getDb(), minutes(30))).toBe(0);
  });

  it("a reader still alive after being declared stale applies no further batch and leaves the verdict; the same file again resumes", async () => {
    const file = [
      "shopify_customer_id,points_balance",
      ...Array.from({ length: IMPORT_BATCH + 10 }, (_, index) => `${5000 + index},10`),
    ].join("\n");
    inShopify(...Array.from({ length: IMPORT_BATCH + 10 }, (_, index) => String(5000 + index)));
    const id = await createImport(getDb(), shop, "balances", "big.csv", Buffer.byteLength(file));
    expect(await failStaleImports(getDb(), minutes(11), shop)).toBe(1);
    await runImport(getDb(), getSql(), id, shop, "balances", Readable.from([Buffer.from(file)]));
    expect(await getDb().dataImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      failure: STALE_IMPORT_FAILURE,
    });
    // Every batch checks the verdict before it is applied (several are applied at once on PostgreSQL).
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);

    const again = await importText(file);
    expect(again.row).toMatchObject({
      status: "done",
      rowsImported: IMPORT_BATCH + 10,
      rowsSkipped: 0,
    });
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(IMPORT_BATCH + 10);
  });

  it("a previewed file nobody applied is removed after a day by the stale-imports job", async () => {
    const path = join(tmpdir(), `tally-import-test-${Date.now()}.csv`);
    writeFileSync(path, "email,points\r\n");
    const id = await createImport(getDb(), shop, "balances", "kept.csv", 14);
    await getDb().dataImport.update({
      where: { id },
      data: { status: "previewed", filePath: path, updatedAt: minutes(-60 * 23) },
    });
    const job = JOBS.find((candidate) => candidate.name === "stale-imports")!;
    const context = { db: getDb(), sql: getSql(), now: new Date(), adminFor: async () => null };
    const counts = async () => {
      const outcome = await runJob(job, context);
      return outcome.ran ? outcome.counts : null;
    };
    expect(await counts()).toMatchObject({ previewsDropped: 0 });
    expect(existsSync(path)).toBe(true);
    await getDb().dataImport.update({ where: { id }, data: { updatedAt: minutes(-60 * 25) } });
    expect(await counts()).toMatchObject({ previewsDropped: 1 });
    expect(existsSync(path)).toBe(false);
    expect(await getDb().dataImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "previewed",
      filePath: null,
    });
  });

  it("the import page gives its dates in the shop's time zone", async () => {
    await getDb().shop.update({ where: { shop }, data: { timeZone: "Europe/Warsaw" } });
    const response = (await importPage({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        headers: { Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}` },
      }),
      params: {},
      context: {},
    })) as Response;
    expect(((await response.json()) as { timeZone: string }).timeZone).toBe("Europe/Warsaw");
  });

  it("the import page fails its shop's stale imports when it loads", async () => {
    const id = await createImport(getDb(), shop, "balances", "smile.csv", 1000);
    await getDb().dataImport.update({ where: { id }, data: { updatedAt: minutes(-11) } });
    const response = (await importPage({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        headers: { Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}` },
      }),
      params: {},
      context: {},
    })) as Response;
    const data = (await response.json()) as {
      imports: { id: string; status: string; failure: string | null }[];
    };
    // Worded for the page's reader (English here), not the stored code.
    expect(data.imports.find((row) => row.id === id)).toMatchObject({
      status: "failed",
      failure: en.importFailures.stale(),
    });
  });
});

describe("the upload page", () => {
  const authorised = async (forShop: string) => ({
    Authorization: `Bearer ${(await mintAdminSessionToken(forShop)).token}`,
  });

  const settled = async (id: string) => {
    let row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
    for (let waited = 0; row.status === "running" && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
    }
    // The background reader removes or keeps its file just after the status is written.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return getDb().dataImport.findUniqueOrThrow({ where: { id } });
  };
  const post = async (fields: Record<string, string>) =>
    (await uploadAction({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: {
          ...(await authorised(shop)),
          "Content-Type": "application/x-www-form-urlencoded",
        },
      }),
      params: {},
      context: {},
    })) as Response;

  it("takes a multipart upload, previews it in the background, applies it on confirmation and serves the rejected rows to that shop only", async () => {
    const body = new FormData();
    body.set("kind", "balances");
    // The email-only row is looked up through the signed-in shop's Admin client (the stand-in).
    adminApi.state
      .shop(shop)
      .customers.push({ id: "gid://shopify/Customer/403", email: "walk.in@example.com" });
    inShopify("401", "402");
    body.set(
      "file",
      new File(
        ["shopify_customer_id,email,points_balance\n401,,70\n402,,lots\n,walk.in@example.com,5\n"],
        "smile-export.csv",
        { type: "text/csv" },
      ),
    );
    const response = (await uploadAction({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        method: "POST",
        body,
        headers: await authorised(shop),
      }),
      params: {},
      context: {},
    })) as Response;
    const answer = (await response.json()) as { started: string };
    expect(answer).toHaveProperty("started");
    const preview = await settled(answer.started);
    expect(preview).toMatchObject({
      shop,
      fileName: "smile-export.csv",
      status: "previewed",
      dryRun: true,
      rowsImported: 2,
      rowsFailed: 1,
    });
    expect(preview.filePath).not.toBeNull();
    expect(await balanceOf("401")).toBeUndefined();

    const applied = (await (await post({ intent: "apply", id: preview.id })).json()) as {
      started: string;
    };
    const row = await settled(applied.started);
    expect(row).toMatchObject({ status: "done", dryRun: false, rowsImported: 2, rowsFailed: 1 });
    expect(await balanceOf("401")).toBe(70);
    expect(await balanceOf("403")).toBe(5);
    // The file is gone with the import; the preview cannot be applied twice.
    expect(await getDb().dataImport.findUniqueOrThrow({ where: { id: preview.id } })).toMatchObject(
      { filePath: null, status: "applied" },
    );
    const twice = await post({ intent: "apply", id: preview.id });
    expect(twice.status).toBe(409);
    const started = applied.started;

    const report = (await download({
      request: new Request(
        `${TEST_APP_URL}/app/analytics/download?report=import-errors&id=${started}`,
        { headers: await authorised(shop) },
      ),
      params: {},
      context: {},
    })) as Response;
    expect(await report.text()).toBe(
      `row,error,content\r\n3,"Points ""lots"" must be a whole number.","402,,lots"\r\n`,
    );
    await installShop(getDb(), source);
    const foreign = (await download({
      request: new Request(
        `${TEST_APP_URL}/app/analytics/download?report=import-errors&id=${started}`,
        { headers: await authorised(source) },
      ),
      params: {},
      context: {},
    })) as Response;
    expect(foreign.status).toBe(404);
  });

  it("a file whose columns are not recognised keeps its file for the mapping step, previews again with the merchant's mapping, and applies with it", async () => {
    inShopify("7101");
    const body = new FormData();
    body.set("kind", "balances");
    body.set(
      "file",
      new File([readFileSync("tests/fixtures/import/loyaltylion-renamed.csv")], "lion.csv", {
        type: "text/csv",
      }),
    );
    const uploaded = (await (
      (await uploadAction({
        request: new Request(`${TEST_APP_URL}/app/import`, {
          method: "POST",
          body,
          headers: await authorised(shop),
        }),
        params: {},
        context: {},
      })) as Response
    ).json()) as { started: string };
    expect(uploaded).toEqual({ started: expect.any(String) });
    const refused = await settled(uploaded.started);
    expect(refused).toMatchObject({ status: "failed" });
    expect(JSON.parse(refused.headers!)).toEqual([
      "Lion ref",
      "Shopify customer",
      "Mail",
      "Spendable",
    ]);
    expect(refused.filePath).not.toBeNull();

    const remapped = (await (
      await post({
        intent: "remap",
        id: refused.id,
        "map.shopifyCustomerId": "Shopify customer",
        "map.points": "Spendable",
      })
    ).json()) as { started: string };
    expect(remapped).toEqual({ started: expect.any(String) });
    const preview = await settled(remapped.started);
    expect(preview).toMatchObject({
      status: "previewed",
      rowsImported: 1,
      ignoredColumns: "Lion ref, Mail",
    });
    expect(await balanceOf("7101")).toBeUndefined();
    const applied = (await (await post({ intent: "apply", id: preview.id })).json()) as {
      started: string;
    };
    expect(await settled(applied.started)).toMatchObject({ status: "done", rowsImported: 1 });
    expect(await balanceOf("7101")).toBe(3426);
  });

  it("every past import stays reachable: the list is paged, newest first, with dates", async () => {
    for (let index = 0; index < 12; index++) {
      const id = await createImport(getDb(), shop, "balances", `file-${index}.csv`, 10);
      await getDb().dataImport.update({
        where: { id },
        data: { status: "done", createdAt: new Date(Date.UTC(2026, 0, index + 1)) },
      });
    }
    const load = async (query: string) =>
      (await (
        (await importPage({
          request: new Request(`${TEST_APP_URL}/app/import${query}`, {
            headers: await authorised(shop),
          }),
          params: {},
          context: {},
        })) as Response
      ).json()) as { imports: { fileName: string; createdAt: string }[]; hasMore: boolean };
    const first = await load("");
    expect(first.hasMore).toBe(true);
    expect(first.imports.map((row) => row.fileName)).toHaveLength(10);
    expect(first.imports[0]).toMatchObject({
      fileName: "file-11.csv",
      createdAt: "2026-01-12T00:00:00.000Z",
    });
    const second = await load("?page=1");
    expect(second).toMatchObject({ hasMore: false });
    expect(second.imports.map((row) => row.fileName)).toEqual(["file-1.csv", "file-0.csv"]);
  });

  it("refuses an upload without a file or without a kind", async () => {
    const body = new FormData();
    body.set("kind", "everything");
    const response = (await uploadAction({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        method: "POST",
        body,
        headers: await authorised(shop),
      }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(422);
    expect(await getDb().dataImport.count()).toBe(0);
  });
});

describe("why an import failed, in the admin's language (issue 20, decision 053)", () => {
  /** The Import page's answer for a staff member whose Shopify admin is in `locale`. */
  async function importPageIn(locale: "pl" | "ru") {
    const request = await adminRequest(shop, `/app/import?locale=${locale}`);
    return withRequestLocale(() =>
      routeResult<{ imports: { id: string; failure: string | null }[] }>(() =>
        importPage({ request, params: {}, context: {} }),
      ),
    );
  }

  it("is stored as a code and shown in Polish and Russian; a failure stored in English before codes is shown as stored", async () => {
    const noCustomer = await importText("name,score\r\nx,1\r\n");
    expect(noCustomer.row.failure).toBe(storeCoded({ code: "customerColumnMissing" }));
    inShopify("9101");
    const allRejected = await importText("shopify_customer_id,points_balance\r\n9101,-5\r\n");
    expect(allRejected.row.failure).toBe(
      storeCoded({ code: "everyRowRejected", values: { dryRun: false } }),
    );
    const legacy = await createImport(getDb(), shop, "balances", "old.csv", 10);
    const legacyText = "The file has a header row but no rows to import.";
    await getDb().dataImport.update({
      where: { id: legacy },
      data: { status: "failed", failure: legacyText },
    });

    for (const [locale, words] of [
      ["pl", pl],
      ["ru", ru],
    ] as const) {
      const { status, body } = await importPageIn(locale);
      expect(status).toBe(200);
      const failureOf = (id: string) => body.imports.find((row) => row.id === id)?.failure;
      expect(failureOf(noCustomer.id)).toBe(words.importFailures.customerColumnMissing());
      expect(failureOf(allRejected.id)).toBe(
        words.importFailures.everyRowRejected({ dryRun: false }),
      );
      expect(failureOf(legacy)).toBe(legacyText);
    }
    expect(pl.importFailures.customerColumnMissing()).toBe(
      "Plik potrzebuje kolumny klienta: shopify_customer_id (lub merchant_id) albo email.",
    );
    expect(ru.importFailures.everyRowRejected({ dryRun: false })).toBe(
      "Все строки отклонены: ничего не импортировано. Скачайте отклонённые строки, чтобы увидеть причины.",
    );
  });

  it("a refused upload and a preview that cannot be applied answer in the admin's language", async () => {
    const notMultipart = await adminRequest(shop, "/app/import?locale=ru", {
      json: { file: "x" },
    });
    expect(
      await withRequestLocale(() =>
        routeResult(() => uploadAction({ request: notMultipart, params: {}, context: {} })),
      ),
    ).toEqual({ status: 415, body: { error: ru.import.notMultipart } });

    const apply = await adminRequest(shop, "/app/import?locale=pl", {
      form: { intent: "apply", id: await createImport(getDb(), shop, "balances", "x.csv", 1) },
    });
    expect(
      await withRequestLocale(() =>
        routeResult(() => uploadAction({ request: apply, params: {}, context: {} })),
      ),
    ).toEqual({ status: 409, body: { error: pl.import.noPreviewToApply } });
  });
});
