// What the services' own checks answer comes in the admin's language: the member adjustment, the
// reward and program forms, the order explanation and the badges' generated wording, read in
// Polish and Russian through the per-request language, and English unchanged.
import { afterEach, describe, expect, it } from "vitest";
import { badgeInWords, DEFAULT_BADGES } from "../loyalty/engagement";
import { describeFiring, describeNotEarned } from "../loyalty/explain";
import { DEFAULT_PROGRAM, validateProgram } from "../loyalty/program";
import { validateReward } from "../loyalty/rewards";
import { adjustmentSchema } from "../services/member-adjustment.server";
import { en } from "./en";
import { setCurrentAdminLocale } from "./index";
import { pl } from "./pl";
import { ru } from "./ru";

afterEach(() => setCurrentAdminLocale("en"));

const catalogues = { en, pl, ru } as const;
/** Intl groups Polish and Russian thousands with no-break spaces. */
const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, " ");

function adjustmentMessages(input: Record<string, string>): Record<string, string> {
  const parsed = adjustmentSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message]));
}

function programMessages(overrides: Record<string, unknown>): Record<string, string> {
  const result = validateProgram({ ...JSON.parse(JSON.stringify(DEFAULT_PROGRAM)), ...overrides });
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe.each(["en", "pl", "ru"] as const)("validation messages in %s", (locale) => {
  const say = catalogues[locale].validation;

  it("answers a member adjustment's fields", () => {
    setCurrentAdminLocale(locale);
    expect(adjustmentMessages({ points: "1.5", reason: " ", nonce: "?" })).toEqual({
      points: say.adjustment.wholePoints,
      reason: say.adjustment.reason,
      nonce: say.adjustment.outOfDate,
    });
    expect(adjustmentMessages({ points: "0", reason: "why not", nonce: "abcdefgh" })).toEqual({
      points: say.adjustment.notZero,
    });
    expect(
      adjustmentMessages({ points: "-99999999", reason: "x".repeat(501), nonce: "abcdefgh" }),
    ).toEqual({ points: say.adjustment.atMost(1_000_000), reason: say.reasonTooLong(500) });
  });

  it("answers a reward's fields, the amount cap included", () => {
    setCurrentAdminLocale(locale);
    const result = validateReward(
      { title: " ", kind: "fixed_amount", cost: 0, value: 10 ** 12 },
      2,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: "title", message: say.reward.title },
      { path: "cost", message: say.reward.costAtLeastOne },
    ]);
    const capped = validateReward(
      { title: "Big", kind: "fixed_amount", cost: 5, value: 10 ** 12 },
      2,
    );
    expect(capped).toEqual({
      ok: false,
      errors: [{ path: "value", message: say.reward.amountCap(100_000) }],
    });
  });

  it("answers the program form, with the field's hint", () => {
    setCurrentAdminLocale(locale);
    expect(
      programMessages({
        purchase: { ...DEFAULT_PROGRAM.purchase, pointsPerUnit: "two" },
        tiers: [
          { name: "Member", threshold: 0, multiplier: 100 },
          { name: "Gold", threshold: 2500, multiplier: 150 },
          { name: "Silver", threshold: 1000, multiplier: 125 },
        ],
      }),
    ).toEqual({
      "purchase.pointsPerUnit": say.wholeNumberBetween(0, 100_000) + say.hints.pointsPerUnit,
      "tiers.2.threshold": say.program.tiersSorted("Silver", 1000, "Gold", 2500),
    });
  });
});

describe("messages in Polish and Russian are not English", () => {
  it("differs from English for every message above", () => {
    for (const locale of ["pl", "ru"] as const) {
      setCurrentAdminLocale(locale);
      expect(
        adjustmentMessages({ points: "1.5", reason: "ok!", nonce: "abcdefgh" }).points,
      ).not.toBe(en.validation.adjustment.wholePoints);
    }
    setCurrentAdminLocale("pl");
    expect(adjustmentMessages({ points: "25", reason: "", nonce: "abcdefgh" })).toEqual({
      reason: "Podaj powód (co najmniej 3 znaki); zostanie zapisany w historii uczestnika",
    });
    setCurrentAdminLocale("ru");
    expect(
      plain(adjustmentMessages({ points: "-2000000", reason: "ok!", nonce: "abcdefgh" }).points),
    ).toBe("За один раз можно изменить баланс не больше чем на 1 000 000 баллов");
  });
});

describe("order explanations and badge wording", () => {
  it("explains an order in the admin's language, English as before", () => {
    const firing = { rule: "first_order", points: 5, detail: {} } as const;
    expect(describeFiring(firing, "USD")).toBe("First order bonus: 5 points.");
    expect(describeNotEarned("not_paid")).toBe(
      "The order is not paid yet; points are credited when it is.",
    );
    setCurrentAdminLocale("pl");
    expect(describeFiring(firing, "USD")).toBe("Premia za pierwsze zamówienie: 5 punktów.");
    setCurrentAdminLocale("ru");
    expect(describeFiring({ ...firing, points: 21 }, "USD")).toBe(
      "Бонус за первый заказ: 21 балл.",
    );
    expect(describeNotEarned("order_points_capped")).toMatch(/^Правила дали больше/);
  });

  it("shows a shipped badge and its generated description in the admin's words", () => {
    const bigOrder = DEFAULT_BADGES.find((badge) => badge.id === "big-order")!;
    expect(badgeInWords(bigOrder, 2, en.engagement, "en")).toEqual({
      name: "Big basket",
      description: "One order of 200.00 or more",
    });
    expect(badgeInWords(bigOrder, 2, pl.engagement, "pl")).toEqual({
      name: "Duży koszyk",
      description: "Jedno zamówienie za 200,00 lub więcej",
    });
    // A raised threshold whose text followed it, in Russian.
    const raised = {
      ...bigOrder,
      description: "One order of 1,300.00 or more",
      rule: { kind: "big_order" as const, minimumBase: 130_000 },
    };
    expect(plain(badgeInWords(raised, 2, ru.engagement, "ru").description)).toBe(
      "Один заказ на 1 300,00 или больше",
    );
    // What the merchant wrote stays as written.
    const renamed = { ...bigOrder, name: "Koszyk VIP", description: "Za duże zakupy" };
    expect(badgeInWords(renamed, 2, ru.engagement, "ru")).toEqual({
      name: "Koszyk VIP",
      description: "Za duże zakupy",
    });
  });
});
