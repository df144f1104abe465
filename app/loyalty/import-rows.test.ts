import { describe, expect, it } from "vitest";
import { MAX_MEMBER_POINTS } from "./balance";
import {
  detectLayout,
  memberPointsOverflow,
  parseImportRow,
  type ImportLayout,
} from "./import-rows";

const layout = (header: string[], kind: "balances" | "history" = "balances"): ImportLayout => {
  const detected = detectLayout(header, kind);
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

  it("says which column is missing", () => {
    expect(detectLayout(["email"], "balances")).toEqual({
      ok: false,
      message: "The file needs a points column: points_balance, points or points_approved.",
    });
    expect(detectLayout(["email", "points"], "history")).toEqual({
      ok: false,
      message: "A history file needs a created_at column (the date of each entry).",
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
        identity: "balance:id:42",
      },
    });
    expect(parseImportRow(balances, ["", "ada@example.com", "5"])).toMatchObject({
      ok: true,
      row: { identity: "balance:email:ada@example.com" },
    });
  });

  it("rejects what it cannot read, with the reason", () => {
    expect(parseImportRow(balances, ["abc", "", "1"])).toEqual({
      ok: false,
      message: 'Customer id "abc" is not a Shopify customer id (digits only).',
    });
    expect(parseImportRow(balances, ["1", "not-an-email", "1"])).toEqual({
      ok: false,
      message: '"not-an-email" is not an email address.',
    });
    expect(parseImportRow(balances, ["1", "", "-5"])).toEqual({
      ok: false,
      message: "A balance cannot be negative.",
    });
    expect(parseImportRow(balances, ["1", "", ""])).toEqual({
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
    expect(parseImportRow(history, ["e2", "yesterday", "7", "earn", "3", ""])).toEqual({
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
      memberPointsOverflow({ balance: MAX_MEMBER_POINTS - 10, lifetimeEarned: 0 }, 11),
    ).toMatch(/member's balance past 2,147,483,647/);
    expect(memberPointsOverflow({ balance: 0, lifetimeEarned: MAX_MEMBER_POINTS }, 1)).toMatch(
      /member's lifetime points past/,
    );
    // Taking points off never grows lifetime points, and a balance may go negative only as far.
    expect(memberPointsOverflow({ balance: 5, lifetimeEarned: MAX_MEMBER_POINTS }, -5)).toBeNull();
    expect(memberPointsOverflow({ balance: -MAX_MEMBER_POINTS, lifetimeEarned: 0 }, -1)).toMatch(
      /balance past/,
    );
  });
});
