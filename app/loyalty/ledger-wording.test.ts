import { describe, expect, it } from "vitest";
import { pl } from "../i18n/pl";
import { ru } from "../i18n/ru";
import { describeLedgerEntry, describeRedemptionStatus } from "./ledger-wording";

const entry = (kind: string, over: Partial<Parameters<typeof describeLedgerEntry>[0]> = {}) =>
  describeLedgerEntry({ kind, points: 10, reason: null, staffId: null, orderName: null, ...over });

describe("describeLedgerEntry", () => {
  it("says what happened in staff's words", () => {
    expect(entry("earn", { orderName: "#368" })).toBe("Order #368 paid");
    expect(entry("earn", { reason: "Birthday bonus" })).toBe("Birthday bonus");
    expect(entry("reverse", { orderName: "#368", points: -10 })).toBe(
      "Order #368 refunded or cancelled",
    );
    expect(entry("adjust", { reason: "Goodwill gesture", staffId: "42" })).toBe(
      "Adjusted by staff: Goodwill gesture (staff 42)",
    );
    expect(entry("redeem", { reason: "5.00 off" })).toBe("Redeemed: 5.00 off");
    expect(entry("release")).toBe("Returned: the reward code was not used");
    expect(entry("expire", { reason: "lot 1" })).toBe("Points expired");
    expect(entry("import", { reason: "Smile.io balance" })).toBe("Imported: Smile.io balance");
  });

  it("keeps a take-back's own sentence, and never shows a bare kind when it knows more", () => {
    const reason = "Points taken back because the released reward code ABC was used on order #9";
    expect(entry("redeem", { reason })).toBe(reason);
    expect(entry("mystery", { reason: "Something", orderName: "#1" })).toBe("Something · order #1");
  });
});

describe("describeRedemptionStatus", () => {
  it("words each status", () => {
    expect(describeRedemptionStatus("issued")).toBe("Code issued, not used yet");
    expect(describeRedemptionStatus("used")).toBe("Used");
    expect(describeRedemptionStatus("released")).toBe("Not used: points returned");
  });
});

describe("in the staff member's language", () => {
  const facts = { points: 10, reason: null, staffId: null, orderName: null };
  it("words entries and statuses with the words passed in", () => {
    expect(describeLedgerEntry({ ...facts, kind: "earn", orderName: "#368" }, pl.ledger)).toBe(
      "Zamówienie #368 opłacone",
    );
    expect(
      describeLedgerEntry(
        { ...facts, kind: "adjust", reason: "Извинение", staffId: "42" },
        ru.ledger,
      ),
    ).toBe("Корректировка сотрудником: Извинение (сотрудник 42)");
    expect(describeLedgerEntry({ ...facts, kind: "expire" }, ru.ledger)).toBe("Баллы сгорели");
    expect(describeRedemptionStatus("used", pl.ledger)).toBe("Użyty");
  });
});

describe("reasons the app writes, in the staff member's language", () => {
  const appEntry = (kind: string, reason: string) => ({
    kind,
    points: 50,
    reason,
    staffId: null,
    orderName: null,
  });

  it("words bonuses, badges and points taken back from the catalogue", () => {
    expect(describeLedgerEntry(appEntry("earn", "First login bonus"), pl.ledger)).toBe(
      "Premia za pierwsze logowanie",
    );
    expect(describeLedgerEntry(appEntry("earn", "Badge: Big basket"), ru.ledger)).toBe(
      "Значок: Big basket",
    );
    expect(
      describeLedgerEntry(
        appEntry(
          "redeem",
          "Points taken back because the released reward code ABC was used on order #7",
        ),
        pl.ledger,
      ),
    ).toBe("Punkty cofnięte, bo zwolniony kod nagrody ABC użyto w zamówieniu #7");
    // English reads as the app wrote it.
    expect(describeLedgerEntry(appEntry("earn", "Birthday bonus"))).toBe("Birthday bonus");
  });

  it("keeps a reason staff typed, even when it reads like a bonus", () => {
    expect(describeLedgerEntry(appEntry("adjust", "Birthday bonus"), pl.ledger)).toBe(
      pl.ledger.adjusted("Birthday bonus", null),
    );
  });
});
