// Issue 19: a migration from Smile.io or LoyaltyLion a merchant can trust. Files are kept byte-exact
// under tests/fixtures/import/ (Excel's regional encodings and separators, CRLF, BOM).
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { createImport } from "~/models/data-import.server";
import { ledgerCsvStream, membersCsvStream } from "~/services/export.server";
import { setShopperBirthday } from "~/services/birthdays.server";
import {
  importFailureInWords,
  rejectedRowBatches,
  runImport,
  type ImportOptions,
} from "~/services/import.server";
import { shopContext } from "~/models/program.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import type { ImportKind } from "~/loyalty/import-rows";
import { adminApi } from "../support/admin-api";
import { aMember, entry } from "../support/members";
import { installShop } from "../factories/shop";

const shop = "migration.myshopify.com";
const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`);

async function importFile(
  bytes: Buffer | string,
  kind: ImportKind = "balances",
  options: ImportOptions = {},
) {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const id = await createImport(getDb(), shop, kind, "file.csv", data.length);
  await runImport(getDb(), getSql(), id, shop, kind, Readable.from([data]), {
    admin: createFetchAdminClient({ shop }),
    ...options,
  });
  const row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
  const errors: { row: number; message: string }[] = [];
  for await (const batch of rejectedRowBatches(getDb(), id))
    errors.push(...batch.map(({ row, message }) => ({ row, message })));
  // Why the import failed, as the Import page words it for an English reader.
  return { row, errors, failure: importFailureInWords(row.failure, "en") };
}

/** Customers of the shop in Shopify (the stand-in). */
function inShopify(...customers: [string, string | null, string?, string?][]) {
  for (const [id, email, firstName, lastName] of customers)
    adminApi.state
      .shop(shop)
      .customers.push({ id: `gid://shopify/Customer/${id}`, email, firstName, lastName });
}

const member = (shopifyCustomerId: string) =>
  getDb().customer.findUnique({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } },
  });
const balanceOf = async (shopifyCustomerId: string) => (await member(shopifyCustomerId))?.balance;

beforeEach(async () => {
  await installShop(getDb(), shop);
  inShopify(
    ["7101", "ada@example.com", "Ada", "Lovelace"],
    ["7102", "grace@example.com", "Grace", "Hopper"],
    ["7103", "linus@example.com"],
  );
});

describe("one credit per customer and source, whatever the key", () => {
  it("a customer imported by merchant_id and then by email keeps the stated balance; a new stated balance moves it by the difference", async () => {
    await importFile(fixture("loyaltylion-customers.csv"));
    expect(await balanceOf("7101")).toBe(3426);
    const byEmail = await importFile("email,points_approved\r\nada@example.com,3426\r\n");
    expect(byEmail.row).toMatchObject({ status: "done", rowsSkipped: 1, rowsImported: 0 });
    expect(await balanceOf("7101")).toBe(3426);
    const updated = await importFile("email,points_approved\r\nada@example.com,4000\r\n");
    expect(updated.row).toMatchObject({ rowsImported: 1 });
    expect(await balanceOf("7101")).toBe(4000);
    // Points earned in Tally meanwhile are kept: the source's balance is what is compared.
    const ada = (await member("7101"))!;
    await entry(shop, ada.id, "earn", 100, new Date().toISOString());
    await importFile("email,points_approved\r\nada@example.com,4000\r\n");
    expect(await balanceOf("7101")).toBe(4100);
  });

  it("an email Tally does not hold still finds the member Shopify names for it: no second member, no second credit", async () => {
    // Ada is a member known to Tally only by her Shopify id (e.g. enrolled before her email was set).
    const ada = await aMember(shop, 7101);
    await getDb().customer.update({ where: { id: ada }, data: { email: null } });
    await importFile("merchant_id,points_approved\r\n7101,3426\r\n");
    expect(await balanceOf("7101")).toBe(3426);
    const byEmail = await importFile("email,points_approved\r\nada@example.com,3426\r\n");
    expect(byEmail.errors).toEqual([]);
    expect(byEmail.row).toMatchObject({ status: "done", rowsImported: 0 });
    expect(await balanceOf("7101")).toBe(3426);
    expect(await getDb().customer.count({ where: { shop } })).toBe(1);
  });

  it("re-importing Tally's own members export changes nothing", async () => {
    const id = await aMember(shop, 7101);
    await entry(shop, id, "earn", 1627, "2026-01-01T00:00:00Z");
    const exported = await new Response(await membersCsvStream(getSql(), shop)).text();
    const again = await importFile(exported);
    expect(again.row).toMatchObject({ status: "done", format: "native", rowsSkipped: 1 });
    expect(again.row.ignoredColumns).toBe(
      "points_pending, lifetime_points, orders, lifetime_spend, enrolled_at",
    );
    expect(await balanceOf("7101")).toBe(1627);
  });

  it("re-importing Tally's own ledger export as history changes nothing", async () => {
    const id = await aMember(shop, 7101);
    await entry(shop, id, "earn", 300, "2026-01-01T00:00:00Z");
    await entry(shop, id, "redeem", -100, "2026-02-01T00:00:00Z");
    const exported = await new Response(ledgerCsvStream(getSql(), shop)).text();
    const again = await importFile(exported, "history");
    expect(again.row).toMatchObject({ status: "done", rowsSkipped: 2, rowsImported: 0 });
    expect(await balanceOf("7101")).toBe(200);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(2);
  });

  it("a customer twice in one file (by id and by email) is credited once, and the duplicate says so", async () => {
    const { row, errors } = await importFile(
      "shopify_customer_id,email,points_balance\r\n7101,,500\r\n,ada@example.com,700\r\n",
    );
    expect(row).toMatchObject({ rowsImported: 1, rowsFailed: 1 });
    expect(errors).toEqual([
      {
        row: 3,
        message:
          "Duplicate: this customer is already in row 2 of the file; a balances file holds one row per customer, and only the first was used.",
      },
    ]);
    expect(await balanceOf("7101")).toBe(500);
  });
});

describe("only real customers", () => {
  it("an id Shopify does not have is rejected and creates nothing; LoyaltyLion's pending points are not imported", async () => {
    const { row, errors } = await importFile(fixture("loyaltylion-customers.csv"));
    expect(row).toMatchObject({
      status: "done",
      format: "loyaltylion",
      rowsImported: 1,
      rowsNothing: 1,
      rowsFailed: 1,
      ignoredColumns: "id, points_pending, points_spent, VIP Tier Name, enrolled_at",
    });
    expect(errors).toEqual([
      {
        row: 3,
        message:
          "No Shopify customer has the id 999999999: check the id (a typo, or the old app's own customer id?). Nothing was created for it.",
      },
    ]);
    expect(await member("999999999")).toBeNull();
    expect(await member("7101")).toMatchObject({
      balance: 3426,
      tierName: "Gold",
      email: "ada@example.com",
    });
    expect(await member("7102")).toBeNull(); // 0 approved points, no tier: nothing to import
  });

  it("Smile's own customer id is never taken for a Shopify id: the real customer gets the points", async () => {
    const { row, errors } = await importFile(fixture("smile-customers-export.csv"));
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      format: "smile",
      rowsImported: 2,
      ignoredColumns: "Customer ID, Referral URL, Date created",
    });
    expect(await member("483920112")).toBeNull();
    expect(await member("7101")).toMatchObject({ balance: 1250, tierName: "Silver" });
    expect(await balanceOf("7102")).toBe(400);
    expect(await getDb().customer.count({ where: { shop } })).toBe(2);
  });
});

describe("every documented format", () => {
  it("Smile's points file: credited, 0 is nothing to import, a decimal and an unknown email rejected", async () => {
    const { row, errors } = await importFile(fixture("smile-points.csv"));
    expect(row).toMatchObject({
      status: "done",
      format: "smile",
      rowsRead: 4,
      rowsImported: 1,
      rowsNothing: 1,
      rowsFailed: 2,
      ignoredColumns: null,
    });
    expect(errors).toEqual([
      {
        row: 4,
        message:
          "No customer with the email nobody@example.com in Shopify or in Tally; add their Shopify customer id, or create the customer in Shopify first.",
      },
      { row: 5, message: 'Points "1,5" must be a whole number.' },
    ]);
    expect(await balanceOf("7101")).toBe(52620);
    expect(await member("7103")).toBeNull();
  });

  it("Smile's VIP tier file (email, vip_tier) sets tiers without a points column", async () => {
    const { row, errors } = await importFile(fixture("smile-vip-tiers.csv"));
    expect(row).toMatchObject({ status: "done", rowsImported: 2, rowsFailed: 1 });
    expect(errors[0]).toEqual({
      row: 4,
      message: 'Tier "Platinum" is not one of the program\'s tiers (Member, Silver, Gold).',
    });
    expect(await member("7101")).toMatchObject({ tierName: "Gold", balance: 0 });
    expect(await member("7102")).toMatchObject({ tierName: "Silver" });
    expect(await getDb().tierChange.count({ where: { shop } })).toBe(2);
  });

  it("renamed LoyaltyLion columns are imported through a column mapping", async () => {
    const refused = await importFile(fixture("loyaltylion-renamed.csv"));
    expect(refused.row).toMatchObject({ status: "failed" });
    const { row } = await importFile(fixture("loyaltylion-renamed.csv"), "balances", {
      mapping: { shopifyCustomerId: "Shopify customer", email: "Mail", points: "Spendable" },
    });
    expect(row).toMatchObject({ status: "done", rowsImported: 1, ignoredColumns: "Lion ref" });
    expect(await balanceOf("7101")).toBe(3426);
  });
});

describe("files as merchants' spreadsheets write them", () => {
  it("Excel in Russian: ';' and Windows-1251; names exact, no-break-space thousands, a decimal comma refused", async () => {
    inShopify(
      ["8001", "ivan@example.ru"],
      ["8002", "olga@example.ru"],
      ["8003", "yuri@example.ru"],
    );
    const { row, errors } = await importFile(fixture("excel-ru-windows-1251.csv"));
    expect(row).toMatchObject({
      status: "done",
      encoding: "windows-1251",
      delimiter: ";",
      rowsImported: 2,
      rowsFailed: 1,
    });
    expect(await member("8001")).toMatchObject({
      firstName: "Иван",
      lastName: "Петров",
      balance: 1500,
    });
    expect(await member("8002")).toMatchObject({ firstName: "Ольга", lastName: "Смирнова" });
    expect(errors).toEqual([{ row: 4, message: 'Points "1,5" must be a whole number.' }]);
  });

  it("Excel in Polish: ';' and Windows-1250", async () => {
    inShopify(["8101", "lukasz@example.pl"], ["8102", "zofia@example.pl"]);
    const { row } = await importFile(fixture("excel-pl-windows-1250.csv"));
    expect(row).toMatchObject({ encoding: "windows-1250", rowsImported: 2 });
    expect(await member("8101")).toMatchObject({
      firstName: "Łukasz",
      lastName: "Wójcik",
      balance: 2000,
    });
    expect(await member("8102")).toMatchObject({ lastName: "Żółtowska-Gęś" });
  });

  it('Excel in the west: Windows-1252 (no more "J�rgen M�ller"), a quoted "52,620", a decimal refused; choosing UTF-8 for it is refused whole', async () => {
    inShopify(["8201", "juergen@example.de"], ["8202", "francois@example.fr"]);
    const wrong = await importFile(fixture("excel-de-windows-1252.csv"), "balances", {
      encoding: "utf-8",
    });
    expect(wrong.row).toMatchObject({ status: "failed", rowsImported: 0 });
    expect(wrong.failure).toMatch(/^The file is not valid UTF-8/);
    expect(await member("8201")).toBeNull();
    const { row, errors } = await importFile(fixture("excel-de-windows-1252.csv"));
    expect(row).toMatchObject({ encoding: "windows-1252", delimiter: ",", rowsImported: 1 });
    expect(await member("8201")).toMatchObject({
      firstName: "Jürgen",
      lastName: "Müller",
      balance: 52620,
    });
    expect(errors).toEqual([{ row: 3, message: 'Points "12.5" must be a whole number.' }]);
  });

  it("a UTF-8 file with a BOM and ';': point thousands accepted, a comma grouping refused as ambiguous", async () => {
    const { row, errors } = await importFile(fixture("excel-utf8-bom-semicolon.csv"));
    expect(row).toMatchObject({ encoding: "utf-8", delimiter: ";", rowsImported: 1 });
    expect(await balanceOf("7101")).toBe(1200);
    expect(errors[0].message).toMatch(/^Points "52,620" are ambiguous/);
  });

  it("exports start with a UTF-8 BOM, and re-importing one keeps names without the formula-defusing apostrophe", async () => {
    inShopify(["8301", "eq@example.com"]);
    const file = await importFile(
      "shopify_customer_id,first_name,points_balance\r\n8301,'=Bob,5\r\n",
    );
    expect(file.row).toMatchObject({ rowsImported: 1 });
    expect(await member("8301")).toMatchObject({ firstName: "=Bob" });
    const bytes = Buffer.from(
      await new Response(await membersCsvStream(getSql(), shop)).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(",'=Bob,");
  });
});

describe("clear outcomes", () => {
  it("a PNG renamed .csv, an empty file, and a file whose every row is rejected fail with a plain message", async () => {
    const png = await importFile(fixture("not-a-csv.png.csv"));
    expect(png.row.status).toBe("failed");
    expect(png.failure).toBe("This is not a CSV file: it is a PNG image.");
    const empty = await importFile(fixture("empty.csv"));
    expect(empty.row.status).toBe("failed");
    expect(empty.failure).toBe("The file is empty.");
    const rejected = await importFile("email,points\r\nnobody@example.com,5\r\n");
    expect(rejected.row).toMatchObject({ status: "failed", rowsFailed: 1 });
    expect(rejected.failure).toBe(
      "Every row was rejected: nothing was imported. Download the rejected rows to see why.",
    );
  });
});

describe("dry run", () => {
  it("shows what the file will do and writes nothing; applying it afterwards does exactly that", async () => {
    const preview = await importFile(fixture("loyaltylion-customers.csv"), "balances", {
      dryRun: true,
    });
    expect(preview.row).toMatchObject({
      status: "previewed",
      dryRun: true,
      rowsImported: 1,
      rowsNothing: 1,
      rowsFailed: 1,
    });
    expect(JSON.parse(preview.row.summary!)).toEqual({
      membersMatched: 0,
      newMembers: 1,
      pointsAdded: 3426,
      pointsRemoved: 0,
      pointsByTier: { Gold: 3426 },
      tierChanges: 1,
      birthdaysSet: 0,
    });
    expect(preview.errors.map((error) => error.row)).toEqual([3]);
    expect(await getDb().customer.count({ where: { shop } })).toBe(0);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);
    expect(await getDb().tierChange.count({ where: { shop } })).toBe(0);

    const applied = await importFile(fixture("loyaltylion-customers.csv"));
    expect(applied.row).toMatchObject({ status: "done", rowsImported: 1 });
    expect(JSON.parse(applied.row.summary!)).toEqual(JSON.parse(preview.row.summary!));
    expect(await balanceOf("7101")).toBe(3426);
  });
});

describe("birthdays in the old app's customer export (decision 042)", () => {
  it("Smile: a member without a birthday gets the file's day and month; a birthday the shopper set is kept; an impossible date is refused with its row", async () => {
    const grace = await aMember(shop, 7102);
    const setAt = new Date("2026-06-01T00:00:00Z");
    await getDb().customer.update({
      where: { id: grace },
      data: { email: "grace@example.com", birthday: "03-15", birthdaySetAt: setAt },
    });

    const preview = await importFile(fixture("smile-customers-birthdays.csv"), "balances", {
      dryRun: true,
    });
    expect(preview.row).toMatchObject({ status: "previewed", rowsFailed: 1 });
    expect(JSON.parse(preview.row.summary!)).toMatchObject({ birthdaysSet: 1, newMembers: 1 });
    expect(preview.errors).toEqual([
      { row: 4, message: 'Birthday "1969-02-30" is not a real day (month 2, day 30).' },
    ]);
    expect(await member("7101")).toBeNull();

    const { row, errors } = await importFile(fixture("smile-customers-birthdays.csv"));
    expect(row).toMatchObject({ status: "done", format: "smile", rowsImported: 2, rowsFailed: 1 });
    expect(errors).toEqual(preview.errors);
    expect(JSON.parse(row.summary!)).toMatchObject({ birthdaysSet: 1 });
    // Year 1004 is Smile's "no year"; the year is never kept.
    const ada = (await member("7101"))!;
    expect(ada).toMatchObject({ birthday: "12-10", birthdaySetAt: null, balance: 1250 });
    expect(await member("7102")).toMatchObject({ birthday: "03-15", birthdaySetAt: setAt });
    expect(await member("7103")).toBeNull();
    // The `$app:loyalty.birthday` metafield follows through the outbox.
    expect(await getDb().metafieldOutbox.count({ where: { shop, customerId: ada.id } })).toBe(1);

    // An imported birthday is not the shopper's own: they may still correct it once.
    const context = (await shopContext(getSql(), shop))!;
    const corrected = await setShopperBirthday(
      getSql(),
      context,
      "7101",
      { month: 12, day: 11 },
      new Date(),
    );
    expect(corrected.status).toBe("set");
    // Importing the file again changes nobody's birthday.
    const again = await importFile(fixture("smile-customers-birthdays.csv"));
    expect(JSON.parse(again.row.summary!)).toMatchObject({ birthdaysSet: 0 });
    expect(await member("7101")).toMatchObject({ birthday: "12-11" });
  });

  it("LoyaltyLion: birthday.month and birthday.day; a birthday alone enrols the customer; month 13 is refused", async () => {
    const { row, errors } = await importFile(fixture("loyaltylion-customers-birthdays.csv"));
    expect(row).toMatchObject({
      status: "done",
      format: "loyaltylion",
      rowsImported: 2,
      rowsFailed: 1,
    });
    expect(errors).toEqual([
      { row: 4, message: 'Birthday "13-1" is not a real day (month 13, day 1).' },
    ]);
    expect(await member("7101")).toMatchObject({ birthday: "12-10", balance: 3426 });
    expect(await member("7102")).toMatchObject({ birthday: "02-29", balance: 0 });
    expect(JSON.parse(row.summary!)).toMatchObject({ birthdaysSet: 2, newMembers: 2 });
  });

  it("refuses a day-first date instead of guessing, and reads a Tally file's birthday column", async () => {
    const { row, errors } = await importFile(
      "email,points,birthday\r\nada@example.com,10,27/05/1990\r\ngrace@example.com,10,--05-27\r\n",
    );
    expect(row).toMatchObject({ rowsImported: 1, rowsFailed: 1 });
    expect(errors[0]).toEqual({
      row: 2,
      message:
        'Birthday "27/05/1990" is not a date Tally reads: write 1990-05-27, 05-27 or --05-27 (year-month-day; the year is ignored).',
    });
    expect(await member("7102")).toMatchObject({ birthday: "05-27" });
  });
});
