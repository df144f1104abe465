import { describe, expect, it } from "vitest";
import { ImportFailedError, refuseFile, refuseRow } from "../loyalty/import-problem";
import { detectLayout } from "../loyalty/import-rows";
import { sniffCsv } from "../utils/csv-text";
import { CODED_SAMPLE_VALUES } from "../../tests/support/coded-samples";
import { readCoded, storeCoded, wordStored } from "./coded-text";
import { en } from "./en";
import { pl } from "./pl";
import { ru } from "./ru";

// Numbers as each language writes them (Intl groups with no-break spaces).
const pln = (n: number) => n.toLocaleString("pl");
const rub = (n: number) => n.toLocaleString("ru");

describe("texts stored as a code and values", () => {
  it("round-trips a code and its values through one text cell", () => {
    const stored = storeCoded({ code: "notEmail", values: { email: "a@" } });
    expect(readCoded(stored)).toEqual({ code: "notEmail", values: { email: "a@" } });
    expect(readCoded(storeCoded({ code: "noCustomer" }))).toEqual({
      code: "noCustomer",
      values: undefined,
    });
  });

  it("shows a sentence stored before codes, or a code these words do not know, as stored", () => {
    const legacy = 'Points "1,5" must be a whole number.';
    expect(wordStored(legacy, pl.importProblems)).toBe(legacy);
    expect(wordStored('{"code": not json', pl.importProblems)).toBe('{"code": not json');
    const unknown = storeCoded({ code: "fromANewerVersion", values: {} });
    expect(wordStored(unknown, ru.importProblems)).toBe(unknown);
    // Inherited keys are not codes.
    expect(wordStored(storeCoded({ code: "toString" }), en.importProblems)).toBe(
      '{"code":"toString"}',
    );
  });

  it("words an import row's problem in the reader's language, numbers written their way", () => {
    const { message, problem } = refuseRow({
      code: "memberOverflow",
      values: { points: 2_000_000_000, figure: "balance", limit: 2_147_483_647 },
    });
    const stored = storeCoded(problem);
    expect(wordStored(stored, en.importProblems)).toBe(message);
    expect(message).toBe(
      "These 2,000,000,000 points would take the member's balance past 2,147,483,647, the most one member can hold; the row was not applied.",
    );
    expect(wordStored(stored, pl.importProblems)).toBe(
      `Te punkty (${pln(2_000_000_000)}) podniosłyby saldo uczestnika ponad ${pln(2_147_483_647)}, najwięcej, ile może mieć jeden uczestnik; wiersz nie został zastosowany.`,
    );
    expect(wordStored(stored, ru.importProblems)).toBe(
      `Эти баллы (${rub(2_000_000_000)}) подняли бы баланс участника выше ${rub(2_147_483_647)}, максимума для одного участника; строка не применена.`,
    );
    const noId = storeCoded({
      code: "idNotInShopify",
      values: { id: "42", exportedAt: "2026-12-01T09:30:12.000Z" },
    });
    expect(wordStored(noId, en.importProblems)).toBe(
      "No Shopify customer has the id 42 (checked against the shop's customers as exported from Shopify at 2026-12-01 09:30 UTC): check the id (a typo, or the old app's own customer id?). Nothing was created for it.",
    );
    expect(wordStored(noId, pl.importProblems)).toMatch(
      /^Żaden klient Shopify nie ma identyfikatora 42 \(sprawdzono .* 2026-12-01 09:30 UTC\)/,
    );
    expect(wordStored(noId, ru.importProblems)).toMatch(
      /^Ни у одного клиента Shopify нет идентификатора 42 \(проверено .* 2026-12-01 09:30 UTC\)/,
    );
  });

  it("words every import problem, tier reason and dead-letter detail in pl and ru, never as the English", () => {
    const samples = CODED_SAMPLE_VALUES;
    for (const section of [
      "importProblems",
      "importFailures",
      "backfillFailures",
      "collectionSyncFailures",
      "tierReasons",
    ] as const)
      for (const code of Object.keys(en[section])) {
        const stored = storeCoded({ code, values: samples });
        const english = wordStored(stored, en[section]);
        expect(english).not.toBe(stored);
        expect(wordStored(stored, pl[section]), `pl ${section}.${code}`).not.toBe(english);
        expect(wordStored(stored, ru[section]), `ru ${section}.${code}`).not.toBe(english);
      }
    for (const code of Object.keys(en.deadLetters.detailTexts)) {
      const stored = storeCoded({ code, values: samples });
      const english = wordStored(stored, en.deadLetters.detailTexts);
      expect(wordStored(stored, pl.deadLetters.detailTexts)).not.toBe(english);
      expect(wordStored(stored, ru.deadLetters.detailTexts)).not.toBe(english);
    }
    expect(
      wordStored(
        storeCoded({
          code: "currencyMismatch",
          values: { what: "order", received: "JPY", shopCurrency: "PLN" },
        }),
        pl.deadLetters.detailTexts,
      ),
    ).toBe("Kwoty zamówienia są w JPY, a waluta sklepu to PLN");
  });

  it("words why a whole import failed in the reader's language; an English failure stored before codes stays as stored", () => {
    const sniffed = sniffCsv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    if (sniffed.ok) throw new Error("a PNG was read as CSV");
    expect(sniffed.failure).toEqual({ code: "notCsv", values: { kind: "png" } });
    const stored = storeCoded(sniffed.failure);
    expect(wordStored(stored, en.importFailures)).toBe(sniffed.message);
    expect(sniffed.message).toBe("This is not a CSV file: it is a PNG image.");
    expect(wordStored(stored, pl.importFailures)).toBe("To nie jest plik CSV: to obraz PNG.");
    expect(wordStored(stored, ru.importFailures)).toBe("Это не CSV-файл: это изображение PNG.");

    // The mapping step's field is named by its label in each language.
    const layout = detectLayout(["email", "punkty"], "balances", { mapping: { points: "Nope" } });
    if (layout.ok) throw new Error("a missing mapped column was accepted");
    expect(layout.message).toBe('The file has no column "Nope" (chosen for Points balance).');
    expect(wordStored(storeCoded(layout.failure), pl.importFailures)).toBe(
      "Plik nie ma kolumny „Nope” (wybranej jako „Saldo punktów”).",
    );
    expect(wordStored(storeCoded(layout.failure), ru.importFailures)).toBe(
      "В файле нет столбца «Nope» (выбран для поля «Баланс баллов»).",
    );

    // A preview and an import say "would be" and "was" in every language.
    const preview = storeCoded({ code: "everyRowRejected", values: { dryRun: true } });
    const applied = storeCoded({ code: "everyRowRejected", values: { dryRun: false } });
    expect(wordStored(preview, en.importFailures)).toMatch(/nothing would be imported/);
    expect(wordStored(applied, en.importFailures)).toMatch(/nothing was imported/);
    expect(wordStored(preview, pl.importFailures)).not.toBe(wordStored(applied, pl.importFailures));
    expect(wordStored(preview, ru.importFailures)).not.toBe(wordStored(applied, ru.importFailures));

    // The error an import stops with carries the code; its message is the English, for logs.
    const error = new ImportFailedError({ code: "noRows" });
    expect(error.message).toBe(refuseFile({ code: "noRows" }).message);
    expect(error.message).toBe("The file has a header row but no rows to import.");
    expect(wordStored(storeCoded(error.failure), pl.importFailures)).toBe(
      "Plik ma wiersz nagłówka, ale nie ma wierszy do importu.",
    );

    const legacy = "The file has a header row but no rows to import.";
    expect(wordStored(legacy, ru.importFailures)).toBe(legacy);
  });
});
