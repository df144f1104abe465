// The shopper's history entries as keys the extension words in the shopper's language.
import { describe, expect, it } from "vitest";
import { historyLine } from "./history-line";

describe("historyLine", () => {
  it("names an order's entry by the order, earning or reversed", () => {
    expect(historyLine("earn", null, "#1042")).toEqual({
      key: "order",
      values: { order: "#1042" },
    });
    expect(historyLine("reverse", "refund", "#1042")).toEqual({
      key: "orderReversed",
      values: { order: "#1042" },
    });
  });

  it("keeps the reward's name, and the code and order of a take-back", () => {
    expect(historyLine("redeem", "5.00 off", null)).toEqual({
      key: "redeemed",
      values: { reward: "5.00 off" },
    });
    expect(
      historyLine(
        "redeem",
        "Points taken back because the released reward code TALLY-AB12 was used on order #1050",
        null,
      ),
    ).toEqual({ key: "takenBack", values: { code: "TALLY-AB12", order: "#1050" } });
    expect(historyLine("release", "5.00 off", null).key).toBe("returned");
    expect(historyLine("expire", "lot 1", null).key).toBe("expired");
  });

  it("gives each bonus the app writes its own key", () => {
    expect(
      [
        "signup bonus",
        "First login bonus",
        "Birthday bonus",
        "Welcome bonus",
        "Referral bonus",
      ].map((reason) => historyLine("earn", reason, null).key),
    ).toEqual(["signupBonus", "firstLoginBonus", "birthdayBonus", "welcomeBonus", "referralBonus"]);
    expect(historyLine("earn", "Badge: Big spender", null)).toEqual({
      key: "badge",
      values: { badge: "Big spender" },
    });
  });

  it("shows a reason written by staff or an import as written", () => {
    expect(historyLine("adjust", "Sorry for the delay", null)).toEqual({
      key: "text",
      values: { text: "Sorry for the delay" },
    });
    expect(historyLine("import", null, null)).toEqual({ key: "text", values: { text: "import" } });
  });
});
