// Decision 047: files naming many customers Tally does not know are matched against one bulk export
// of the shop's customers (Shopify's bulk query, served by the stand-in), not one lookup per key;
// small files keep asking `nodes(ids:)`. Run on SQLite and PostgreSQL.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { createImport } from "~/models/data-import.server";
import {
  applyPreview,
  importFailureInWords,
  rejectedRowBatches,
  runImport,
  startImport,
  type ImportOptions,
} from "~/services/import.server";
import { mintAdminSessionToken } from "~/local-demo/session-token.server";
import { loader as importPage } from "~/routes/app.import";
import { TEST_APP_URL } from "../setup/test-env";
import { BULK_EXPORT_THRESHOLD, ShopifyCustomerSource } from "~/services/customer-export.server";
import { refreshShopAnalytics } from "~/models/analytics-rollup.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { adminApi } from "../support/admin-api";
import { installShop } from "../factories/shop";

const shop = "scale.myshopify.com";
const noWait = { sleep: async () => {}, exportPollMs: 1 };
/** Shopify customers 8,000,001 … 8,000,000 + SHOPIFY_CUSTOMERS, emails c<n>@example.com. */
const SHOPIFY_CUSTOMERS = 2 * BULK_EXPORT_THRESHOLD + 100;
const idOf = (n: number) => String(8_000_000 + n);

async function importFile(text: string, options: ImportOptions = {}) {
  const data = Buffer.from(text);
  const id = await createImport(getDb(), shop, "balances", "file.csv", data.length);
  await runImport(getDb(), getSql(), id, shop, "balances", Readable.from([data]), {
    admin: createFetchAdminClient({ shop }),
    ...noWait,
    ...options,
  });
  const row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
  const errors: { row: number; message: string }[] = [];
  for await (const batch of rejectedRowBatches(getDb(), id))
    errors.push(...batch.map(({ row, message }) => ({ row, message })));
  // Why the import failed, as the Import page words it for an English reader.
  return { row, errors, failure: importFailureInWords(row.failure, "en") };
}

const calls = (operationName: string) =>
  adminApi.calls.filter((call) => call.operationName === operationName).length;
const balanceOf = async (shopifyCustomerId: string) =>
  (
    await getDb().customer.findUnique({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } },
    })
  )?.balance;

/** A balances file of customers from+1…from+count by Shopify id, `points` = 10 + n. */
function balancesById(count: number, extra: string[] = [], from = 0): string {
  const lines = ["shopify_customer_id,points_balance"];
  for (let n = from + 1; n <= from + count; n++) lines.push(`${idOf(n)},${10 + n}`);
  return [...lines, ...extra].join("\n");
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  const customers = adminApi.state.shop(shop).customers;
  for (let n = 1; n <= SHOPIFY_CUSTOMERS; n++)
    customers.push({ id: `gid://shopify/Customer/${idOf(n)}`, email: `C${n}@Example.com` });
});

describe("customers new to Tally, many of them: one export of the shop's customers", () => {
  it("matches ids and emails in the export; unknown ids are rejected saying when the export was made", async () => {
    const count = BULK_EXPORT_THRESHOLD + 100;
    const { row, errors } = await importFile(
      balancesById(count, [
        "99999901,50", // no such customer
        `${idOf(1)},70`, // the first row's customer again
      ]),
    );
    expect(calls("CustomerExportBulkOperationRun")).toBe(1);
    expect(calls("CustomersByIds")).toBe(0);
    expect(row).toMatchObject({ status: "done", rowsImported: count, rowsFailed: 2 });
    expect(row.customersExportedAt).toBeInstanceOf(Date);
    const at = row.customersExportedAt!.toISOString().slice(0, 16).replace("T", " ");
    expect(errors).toEqual([
      {
        row: count + 2,
        message: `No Shopify customer has the id 99999901 (checked against the shop's customers as exported from Shopify at ${at} UTC): check the id (a typo, or the old app's own customer id?). Nothing was created for it.`,
      },
      {
        row: count + 3,
        message:
          "Duplicate: this customer is already in row 2 of the file; a balances file holds one row per customer, and only the first was used.",
      },
    ]);
    expect(await balanceOf(idOf(1))).toBe(11);
    expect(await balanceOf(idOf(count))).toBe(10 + count);
    expect(await balanceOf("99999901")).toBeUndefined();
    // Members made from the export carry its (lower-case) email.
    expect(
      (
        await getDb().customer.findUnique({
          where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: idOf(7) } },
        })
      )?.email,
    ).toBe("c7@example.com");
    expect(await getDb().shopifyCustomerExportRow.count({ where: { shop } })).toBe(
      SHOPIFY_CUSTOMERS,
    );
  });

  it("a Smile customer export keyed by email: Smile's own Customer ID is never taken for a Shopify id", async () => {
    // Smile's ids here are Shopify ids of *other* customers: a file read by them would credit the wrong people.
    const lines = ["Customer ID,First name,Last name,Email,Points balance,VIP tier"];
    const count = BULK_EXPORT_THRESHOLD + 10;
    for (let n = 1; n <= count; n++)
      lines.push(`${idOf(SHOPIFY_CUSTOMERS + 1 - n)},Ann,Lee,c${n}@example.com,${n},`);
    lines.push("1,Nobody,Here,nobody@example.com,5,");
    const { row, errors } = await importFile(lines.join("\r\n"));
    expect(row).toMatchObject({ status: "done", format: "smile", rowsImported: count });
    expect(calls("CustomerExportBulkOperationRun")).toBe(1);
    expect(calls("CustomersByEmail")).toBe(0);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        /^No customer with the email nobody@example.com in Shopify or in Tally \(checked against the shop's customers as exported from Shopify at .* UTC\)/,
      ),
    ]);
    expect(await balanceOf(idOf(1))).toBe(1);
    expect(await balanceOf(idOf(count))).toBe(count);
    expect(await balanceOf(idOf(SHOPIFY_CUSTOMERS))).toBeUndefined(); // Smile's id of customer 1
  });

  it("the dry run's export serves the import that applies it; a new dry run exports again", async () => {
    const file = balancesById(BULK_EXPORT_THRESHOLD);
    const preview = await importFile(file, { dryRun: true });
    expect(preview.row).toMatchObject({ status: "previewed", rowsImported: BULK_EXPORT_THRESHOLD });
    expect(preview.row.customersExportedAt).toBeInstanceOf(Date);
    expect(await getDb().customer.count({ where: { shop } })).toBe(0);

    // A customer added in Shopify after the preview's export is not in it.
    adminApi.state.shop(shop).customers.push({ id: "gid://shopify/Customer/77", email: null });
    const applied = await importFile(`${file}\n77,5`, {
      customerExportAt: preview.row.customersExportedAt,
    });
    expect(calls("CustomerExportBulkOperationRun")).toBe(1);
    expect(applied.row).toMatchObject({ status: "done", rowsImported: BULK_EXPORT_THRESHOLD });
    expect(applied.row.customersExportedAt).toEqual(preview.row.customersExportedAt);
    expect(applied.errors.map((error) => error.message)).toEqual([
      expect.stringContaining("No Shopify customer has the id 77 (checked against"),
    ]);

    // Another file of customers new to Tally, without a preview's export: exported again.
    const next = await importFile(
      balancesById(BULK_EXPORT_THRESHOLD, ["77,5"], BULK_EXPORT_THRESHOLD),
      {
        dryRun: true,
      },
    );
    expect(calls("CustomerExportBulkOperationRun")).toBe(2);
    expect(next.row).toMatchObject({ rowsImported: BULK_EXPORT_THRESHOLD + 1, rowsFailed: 0 });
    expect(next.row.customersExportedAt!.getTime()).toBeGreaterThanOrEqual(
      preview.row.customersExportedAt!.getTime(),
    );
  });

  it("the export is analysed before its batches read it on PostgreSQL; SQLite gets no statistics (decision 054)", async () => {
    const sql = getSql();
    const analyses = async () =>
      sql.dialect === "postgresql"
        ? Number(
            (
              await sql.rows<{ count: unknown }>(
                `SELECT analyze_count AS count FROM pg_stat_user_tables WHERE relname = 'ShopifyCustomerExportRow'`,
              )
            )[0].count,
          )
        : // SQLite's planner takes the unique index without statistics: no sqlite_stat1 is made.
          (await sql.rows(`SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'`)).length;
    const before = await analyses();
    const preview = await importFile(balancesById(BULK_EXPORT_THRESHOLD), { dryRun: true });
    expect(preview.row).toMatchObject({ status: "previewed", rowsImported: BULK_EXPORT_THRESHOLD });
    expect(await analyses()).toBe(sql.dialect === "postgresql" ? before + 1 : 0);
  });

  it("applying a preview from the import page matches against the preview's export, whose time the page shows", async () => {
    const settled = async (id: string) => {
      let row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
      for (let waited = 0; row.status === "running" && waited < 20_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
      }
      return row;
    };
    const text = balancesById(BULK_EXPORT_THRESHOLD);
    const path = join(tmpdir(), `tally-import-scale-${Date.now()}.csv`);
    writeFileSync(path, text);
    const admin = createFetchAdminClient({ shop });
    const previewId = await startImport(
      getDb(),
      getSql(),
      shop,
      "balances",
      { path, name: "big.csv", size: text.length },
      admin,
      { dryRun: true },
    );
    const preview = await settled(previewId);
    expect(preview).toMatchObject({ status: "previewed", rowsImported: BULK_EXPORT_THRESHOLD });

    const response = (await importPage({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        headers: { Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}` },
      }),
      params: {},
      context: {},
    })) as Response;
    const page = (await response.json()) as {
      imports: { id: string; customersExportedAt: string | null }[];
    };
    expect(page.imports.find((row) => row.id === previewId)?.customersExportedAt).toBe(
      preview.customersExportedAt!.toISOString(),
    );

    const started = await applyPreview(getDb(), getSql(), shop, previewId, admin);
    if (!("started" in started)) throw new Error(started.error);
    const applied = await settled(started.started);
    expect(applied).toMatchObject({ status: "done", rowsImported: BULK_EXPORT_THRESHOLD });
    expect(applied.customersExportedAt).toEqual(preview.customersExportedAt);
    expect(calls("CustomerExportBulkOperationRun")).toBe(1);
    expect(await balanceOf(idOf(BULK_EXPORT_THRESHOLD))).toBe(10 + BULK_EXPORT_THRESHOLD);
  });

  it("a failed export fails the import with a plain message, and nothing is written", async () => {
    adminApi.failNext("CustomerExportBulkOperationRun", "USER_ERROR");
    const { row, failure } = await importFile(balancesById(BULK_EXPORT_THRESHOLD));
    expect(row.status).toBe("failed");
    expect(failure).toMatch(/^Shopify refused the export of the shop's customers: /);
    expect(await getDb().customer.count({ where: { shop } })).toBe(0);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);
  });
});

describe("batches resolving at once decide per key or export in file order", () => {
  const customerSource = () =>
    new ShopifyCustomerSource(getSql(), shop, async () => createFetchAdminClient({ shop }), {
      pollMs: 1,
      sleep: async () => {},
    });

  it("a short last batch that reaches Shopify first waits for the long batch ahead of it", async () => {
    // The race CI once hit on PostgreSQL: batch 2 (10 keys) read its members first, asked per key,
    // then batch 1 (2,000 keys) exported anyway.
    const source = customerSource();
    const first = source.forBatch();
    const second = source.forBatch();
    const third = source.forBatch();
    const lastEmails = Array.from(
      { length: 10 },
      (_, n) => `c${BULK_EXPORT_THRESHOLD + n + 1}@example.com`,
    );
    const secondMatched = second.match([], lastEmails, {});
    third.pass(); // a batch whose customers are all members already
    const firstIds = Array.from({ length: BULK_EXPORT_THRESHOLD }, (_, n) => idOf(n + 1));
    const [one, two] = await Promise.all([first.match(firstIds, [], {}), secondMatched]);
    expect(calls("CustomerExportBulkOperationRun")).toBe(1);
    expect(calls("CustomersByEmail")).toBe(0);
    expect(calls("CustomersByIds")).toBe(0);
    expect(one.ids.size).toBe(BULK_EXPORT_THRESHOLD);
    expect(two.emails.get(lastEmails[9])).toBe(idOf(BULK_EXPORT_THRESHOLD + 10));
    expect(two.exportedAt).toEqual(one.exportedAt);
  });

  it("under the threshold every batch asks per key, whatever order they arrive in", async () => {
    const source = customerSource();
    const first = source.forBatch();
    const second = source.forBatch();
    const secondMatched = second.match([idOf(2)], [], {});
    const one = await first.match([], ["c1@example.com"], {});
    expect((await secondMatched).ids.has(idOf(2))).toBe(true);
    expect(one.emails.get("c1@example.com")).toBe(idOf(1));
    expect(calls("CustomerExportBulkOperationRun")).toBe(0);
    expect(calls("CustomersByEmail")).toBe(1);
  });
});

describe("a few customers new to Tally: asked per key", () => {
  it("a small file asks nodes(ids:) and exports nothing", async () => {
    const { row, errors } = await importFile(balancesById(3, ["99999901,50"]));
    expect(calls("CustomersByIds")).toBe(1);
    expect(calls("CustomerExportBulkOperationRun")).toBe(0);
    expect(row).toMatchObject({ status: "done", rowsImported: 3, customersExportedAt: null });
    expect(errors).toEqual([
      {
        row: 5,
        message:
          "No Shopify customer has the id 99999901: check the id (a typo, or the old app's own customer id?). Nothing was created for it.",
      },
    ]);
    expect(await balanceOf(idOf(3))).toBe(13);
  });
});

describe("analytics after a balances import", () => {
  it("are left to the rollup job's incremental refresh, which counts the imported points", async () => {
    await refreshShopAnalytics(getSql(), shop, new Date()); // the shop's watermark, as the job leaves it
    const { row } = await importFile(balancesById(3));
    expect(row).toMatchObject({ status: "done", rowsImported: 3 });
    const today = new Date().toISOString().slice(0, 10);
    const day = () =>
      getDb().analyticsDay.findUnique({ where: { shop_day: { shop, day: today } } });
    expect((await day())?.pointsIssued ?? 0n).toBe(0n); // the import did not rebuild them
    const refreshed = await refreshShopAnalytics(getSql(), shop, new Date());
    expect(refreshed).toMatchObject({ full: 0, customers: 3 });
    expect(await day()).toMatchObject({ pointsIssued: BigInt(11 + 12 + 13), newMembers: 3 });
  });
});
