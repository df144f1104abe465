import { describe, expect, it } from "vitest";
import { MAX_MEMBER_POINTS } from "./balance";
import {
  detectLayout,
  memberPointsOverflow,
  parseImportRow,
  parseWholeNumber,
  readText,
  type ImportLayout,
} from "./import-rows";

const layout = (
  header: string[],
  kind: "balances" | "history" = "balances",
  delimiter = ",",
): ImportLayout => {
  const detected = detectLayout(header, kind, { delimiter });
  if (!detected.ok) throw new Error(detected.message);
  return detected.layout;
};

describe("reading import headers", () => {
  it("recognises Tally's, Smile.io's and LoyaltyLion's column names", () => {
    expect(layout(["shopify_customer_id", "email", "points_balance", "tier"])).toMatchObject({
      format: "native",
      columns: { shopifyCustomerId: 0, email: 1, points: 2, tier: 3 },
    });
    expect(layout(["First name", "Email", "Points", "VIP Tier"])).toMatchObject({
      format: "smile",
      columns: { firstName: 0, email: 1, points: 2, tier: 3 },
    });
    expect(layout(["merchant_id", "email", "points_approved", "points_pending"])).toMatchObject({
      format: "loyaltylion",
      columns: { shopifyCustomerId: 0, points: 2 },
    });
  });

  it("recognises Smile's date of birth and LoyaltyLion's birthday, whole or as month and day", () => {
    expect(layout(["Email", "Points balance", "Date of birth"]).columns).toMatchObject({
      birthday: 2,
    });
    const split = layout(["merchant_id", "points_approved", "birthday.month", "birthday.day"]);
    expect(split.columns).toMatchObject({ birthdayMonth: 2, birthdayDay: 3 });
    expect(parseImportRow(split, ["7101", "10", "2", "29"])).toMatchObject({
      ok: true,
      row: { birthday: { month: 2, day: 29 } },
    });
    // A file of birthdays alone (Smile's birthday import: email and birthday) is a balances file.
    expect(detectLayout(["email", "birthday"], "balances").ok).toBe(true);
    expect(detectLayout(["email", "birthday.month"], "balances")).toMatchObject({
      ok: false,
      message: "A birthday in two columns needs both birthday.month and birthday.day.",
    });
  });

  it("says which column is missing", () => {
    expect(detectLayout(["email"], "balances")).toMatchObject({
      ok: false,
      message:
        "The file needs a points column (points, points_balance or points_approved), a tier column (vip_tier or tier) or a birthday column (birthday or date_of_birth).",
    });
    expect(detectLayout(["email", "points"], "history")).toMatchObject({
      ok: false,
      message: "A history file needs a created_at column (the date of each entry).",
      failure: { code: "historyDateMissing" },
    });
  });
});

describe("reading import rows", () => {
  const balances = layout(["shopify_customer_id", "email", "points_balance"]);
  it("takes ids as digits or GIDs, emails in lower case, thousands separators in points", () => {
    expect(
      parseImportRow(balances, ["gid://shopify/Customer/42", " Ada@Example.COM ", "1,200"]),
    ).toMatchObject({
      ok: true,
      row: {
        shopifyCustomerId: "42",
        email: "ada@example.com",
        points: 1200,
      },
    });
    expect(parseImportRow(balances, ["", "ada@example.com", "5"])).toMatchObject({
      ok: true,
      row: { shopifyCustomerId: null, email: "ada@example.com", points: 5 },
    });
  });

  it("rejects what it cannot read, with the reason", () => {
    expect(parseImportRow(balances, ["abc", "", "1"])).toMatchObject({
      ok: false,
      message: 'Customer id "abc" is not a Shopify customer id (digits only).',
    });
    expect(parseImportRow(balances, ["1", "not-an-email", "1"])).toMatchObject({
      ok: false,
      message: '"not-an-email" is not an email address.',
    });
    expect(parseImportRow(balances, ["1", "", "-5"])).toMatchObject({
      ok: false,
      message: "A balance cannot be negative.",
    });
    expect(parseImportRow(balances, ["1", "", ""])).toMatchObject({
      ok: false,
      message: "Points are missing.",
    });
  });

  it("identifies a history row by its entry id, else by its content", () => {
    const history = layout(
      ["entry_id", "created_at", "shopify_customer_id", "kind", "points", "reason"],
      "history",
    );
    expect(
      parseImportRow(history, ["e1", "2026-01-01T00:00:00Z", "7", "earn", "-3", "x"]),
    ).toMatchObject({ ok: true, row: { identity: "history:e1", points: -3, reason: "earn: x" } });
    const a = parseImportRow(history, ["", "2026-01-01T00:00:00Z", "7", "earn", "3", "x"]);
    const b = parseImportRow(history, ["", "2026-01-01T00:00:00Z", "7", "earn", "4", "x"]);
    expect(a.ok && b.ok && a.row.identity !== b.row.identity).toBe(true);
    // A balances row is told apart by its customer: no identity of its own.
    expect(parseImportRow(balances, ["7", "", "3"])).toMatchObject({
      ok: true,
      row: { identity: null },
    });
    expect(parseImportRow(history, ["e2", "yesterday", "7", "earn", "3", ""])).toMatchObject({
      ok: false,
      message: 'Date "yesterday" is not an ISO date (2025-06-01 or 2025-06-01T10:00:00Z).',
    });
  });
});

describe("memberPointsOverflow", () => {
  it("lets points up to the 32-bit limit through and refuses the first beyond, for balance and lifetime points", () => {
    expect(
      memberPointsOverflow({ balance: MAX_MEMBER_POINTS - 10, lifetimeEarned: 0 }, 10),
    ).toBeNull();
    expect(
      memberPointsOverflow({ balance: MAX_MEMBER_POINTS - 10, lifetimeEarned: 0 }, 11)?.message,
    ).toMatch(/member's balance past 2,147,483,647/);
    expect(
      memberPointsOverflow({ balance: 0, lifetimeEarned: MAX_MEMBER_POINTS }, 1)?.problem,
    ).toEqual({
      code: "memberOverflow",
      values: { points: 1, figure: "lifetime", limit: MAX_MEMBER_POINTS },
    });
    // Taking points off never grows lifetime points, and a balance may go negative only as far.
    expect(memberPointsOverflow({ balance: 5, lifetimeEarned: MAX_MEMBER_POINTS }, -5)).toBeNull();
    expect(
      memberPointsOverflow({ balance: -MAX_MEMBER_POINTS, lifetimeEarned: 0 }, -1)?.message,
    ).toMatch(/balance past/);
  });
});

describe("the formats Smile.io and LoyaltyLion document (issue 19)", () => {
  it("Smile's points file (email, points) and VIP tier file (email, vip_tier), which needs no points column", () => {
    expect(layout(["email", "points"])).toMatchObject({
      format: "smile",
      columns: { email: 0, points: 1 },
      ignored: [],
    });
    const tiers = layout(["email", "vip_tier"]);
    expect(tiers).toMatchObject({ format: "smile", columns: { email: 0, tier: 1 } });
    expect(parseImportRow(tiers, ["ada@example.com", "Gold"])).toMatchObject({
      ok: true,
      row: { email: "ada@example.com", points: null, tier: "Gold" },
    });
  });

  it("Smile's own customer id is never taken for a Shopify id, and unused columns are listed", () => {
    const smile = layout(["Customer ID", "First name", "Email", "Points balance", "Referral URL"]);
    expect(smile.columns.shopifyCustomerId).toBeUndefined();
    expect(smile.ignored).toEqual(["Customer ID", "Referral URL"]);
    expect(parseImportRow(smile, ["483920112", "Ada", "ada@example.com", "10", "x"])).toMatchObject(
      { ok: true, row: { shopifyCustomerId: null, email: "ada@example.com" } },
    );
    expect(detectLayout(["customer_id", "points"], "balances")).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        "\"customer_id\" is taken for the old app's own customer id, not Shopify's",
      ),
    });
  });

  it("LoyaltyLion: merchant_id is Shopify's id, approved points the balance; pending, spent and a second tier column are named as not used", () => {
    const lion = layout([
      "id",
      "merchant_id",
      "email",
      "points_approved",
      "points_pending",
      "points_spent",
      "tier",
      "VIP Tier Name",
    ]);
    expect(lion).toMatchObject({
      format: "loyaltylion",
      columns: { shopifyCustomerId: 1, email: 2, points: 3, tier: 6 },
      ignored: ["id", "points_pending", "points_spent", "VIP Tier Name"],
    });
  });

  it("renamed columns are read through the mapping step", () => {
    const header = ["Lion ref", "Shopify customer", "Mail", "Spendable"];
    expect(detectLayout(header, "balances").ok).toBe(false);
    const mapped = detectLayout(header, "balances", {
      mapping: { shopifyCustomerId: "Shopify customer", email: "Mail", points: "Spendable" },
    });
    expect(mapped).toMatchObject({
      ok: true,
      layout: { columns: { shopifyCustomerId: 1, email: 2, points: 3 }, ignored: ["Lion ref"] },
    });
    expect(detectLayout(header, "balances", { mapping: { points: "Nope" } })).toMatchObject({
      ok: false,
      message: 'The file has no column "Nope" (chosen for Points balance).',
      failure: { code: "mappedColumnMissing", values: { name: "Nope", field: "points" } },
    });
  });
});

describe("numbers as spreadsheets write them (issue 19)", () => {
  it("accepts whole numbers with an unambiguous thousands separator only", () => {
    expect(parseWholeNumber("52620", ",")).toEqual({ ok: true, value: 52620 });
    expect(parseWholeNumber("52,620", ",")).toEqual({ ok: true, value: 52620 });
    expect(parseWholeNumber("1\u00a0500", ";")).toEqual({ ok: true, value: 1500 });
    expect(parseWholeNumber("2 000", ";")).toEqual({ ok: true, value: 2000 });
    expect(parseWholeNumber("1.200", ";")).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber("1'000'000", ",")).toEqual({ ok: true, value: 1_000_000 });
  });

  it("refuses decimals and groupings that could be decimals, with the reason", () => {
    expect(parseWholeNumber("1,5", ",")).toMatchObject({
      ok: false,
      message: 'Points "1,5" must be a whole number.',
    });
    expect(parseWholeNumber("1,5", ";")).toMatchObject({
      ok: false,
      message: 'Points "1,5" must be a whole number.',
    });
    expect(parseWholeNumber("12.5", ",")).toMatchObject({ ok: false });
    expect(parseWholeNumber("52,620", ";")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Points "52,620" are ambiguous: in a file separated by ";"/),
    });
    expect(parseWholeNumber("1.200", ",")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Points "1.200" are ambiguous: in a comma-separated file/),
    });
    expect(parseWholeNumber("1,50,000", ",")).toMatchObject({ ok: false });
  });

  it("a row with more cells than the header (an unquoted 1,5) is refused, not read as 1", () => {
    const smile = layout(["email", "points"]);
    expect(parseImportRow(smile, ["linus@example.com", "1", "5"])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The row has 3 cells but the header 2/),
    });
    expect(parseImportRow(smile, ["linus@example.com", "1", ""])).toMatchObject({ ok: true });
  });

  it("drops the apostrophe an export put before a formula-like name", () => {
    expect(readText("'=Bob")).toBe("=Bob");
    expect(readText("'-minus")).toBe("-minus");
    expect(readText("O'Neil")).toBe("O'Neil");
    expect(readText("'quoted")).toBe("'quoted");
  });
});
