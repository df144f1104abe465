// Polish and Russian plural forms (Intl.PluralRules' one/few/many) in the texts that count.
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { pl } from "./pl";
import { pluralForm } from "./plural";
import { ru } from "./ru";

// Intl writes 1 234 with a no-break space in Polish and Russian.
const spaced = (text: string) => text.replace(/\u00a0|\u202f/g, " ");

describe("plural forms", () => {
  it("picks the Russian form by the last digits: 1, 21 one; 2–4, 22 few; 0, 5–20, 11–14 many", () => {
    const forms = { one: "балл", few: "балла", many: "баллов" };
    const pick = (n: number) => pluralForm("ru", n, forms);
    expect([1, 21, 101].map(pick)).toEqual(["балл", "балл", "балл"]);
    expect([2, 3, 4, 22, 104].map(pick)).toEqual(["балла", "балла", "балла", "балла", "балла"]);
    expect([0, 5, 11, 12, 14, 20, 111].map(pick)).toEqual(Array(7).fill("баллов"));
  });

  it("picks the Polish form: only 1 is one; 2–4, 22–24 few; 0, 5–21, 25 many", () => {
    const forms = { one: "punkt", few: "punkty", many: "punktów" };
    const pick = (n: number) => pluralForm("pl", n, forms);
    expect(pick(1)).toBe("punkt");
    expect([2, 4, 22, 24, 102].map(pick)).toEqual(Array(5).fill("punkty"));
    expect([0, 5, 12, 21, 25, 112].map(pick)).toEqual(Array(6).fill("punktów"));
  });

  it("puts a reward's cost in the right form, with the language's thousands separator", () => {
    expect([1, 2, 5, 21, 22].map(ru.rewards.cost)).toEqual([
      "1 балл",
      "2 балла",
      "5 баллов",
      "21 балл",
      "22 балла",
    ]);
    expect([1, 2, 5, 21, 22].map(pl.rewards.cost)).toEqual([
      "1 punkt",
      "2 punkty",
      "5 punktów",
      "21 punktów",
      "22 punkty",
    ]);
    expect(spaced(ru.rewards.cost(12345))).toBe("12 345 баллов");
    expect(spaced(pl.rewards.cost(12345))).toBe("12 345 punktów");
    expect(en.rewards.cost(12345)).toBe("12,345 points");
  });

  it("counts members, attempts and days in every form", () => {
    expect([1, 3, 11].map((n) => ru.members.total(n, false))).toEqual([
      "1 участник",
      "3 участника",
      "11 участников",
    ]);
    expect([1, 3, 11].map((n) => pl.members.total(n, false))).toEqual([
      "1 uczestnik",
      "3 uczestników",
      "11 uczestników",
    ]);
    expect([1, 2, 5].map(ru.deadLetters.attempts)).toEqual(["1 попытка", "2 попытки", "5 попыток"]);
    expect([1, 2, 5].map(pl.deadLetters.attempts)).toEqual(["1 próba", "2 próby", "5 prób"]);
    expect(ru.analytics.lastDays(30)).toBe("Последние 30 дней");
    expect(pl.analytics.lastDays(30)).toBe("Ostatnie 30 dni");
    expect(ru.member.adjusted(-21)).toBe("Списано 21 балл");
    expect(pl.member.adjusted(3)).toBe("Dodano 3 punkty");
  });

  it("agrees the verb with the number where a sentence has one", () => {
    expect(ru.home.deadLetters(21)).toMatch(/^21 обновление от Shopify требует /);
    expect(ru.home.deadLetters(3)).toMatch(/^3 обновления от Shopify требуют /);
    expect(pl.home.deadLetters(3)).toMatch(/^3 aktualizacje z Shopify wymagają /);
    expect(pl.home.deadLetters(5)).toMatch(/^5 aktualizacji z Shopify wymaga /);
  });
});
