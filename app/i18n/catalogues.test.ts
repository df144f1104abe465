// Every Polish and Russian text exists, has the English text's shape, and is translated: the type
// contract (pl.ts/ru.ts are `Messages`) catches a missing or extra key at compile time; this walk
// catches what the type lets through (the Record<string, string> maps, list lengths) and any text
// left in English.
import { describe, expect, it } from "vitest";
import { CODED_SAMPLE_VALUES } from "../../tests/support/coded-samples";
import { en } from "./en";
import { messagesFor } from "./languages.server";
import { pl } from "./pl";
import { ru } from "./ru";

// Texts that are the same in every language: product names, codes, units and symbols.
const SAME_AS_ENGLISH: Record<"pl" | "ru", string[]> = {
  pl: [
    "login.shopHelp",
    "nav.program",
    "nav.import",
    "referrals.none",
    "program.multiplierHelp",
    "analytics.source",
    "jobs.seconds",
    "jobs.minutes",
    "jobs.utc",
    "jobs.ok",
    // "Status" is Polish too.
    "jobs.headings.3",
    "member.status",
    "referrals.columns.2",
    // "Gold → Silver": tier names and an arrow.
    "member.tierMoved",
    "import.encodings.utf-8",
  ],
  ru: [
    "login.shopHelp",
    "referrals.none",
    "program.multiplierHelp",
    "jobs.utc",
    "import.fields.email",
    "members.email",
    "member.tierMoved",
    "import.encodings.utf-8",
  ],
};

// Arguments that exercise each text function (2 stands for any number or string).
const SAMPLE_ARGS: Record<string, unknown[]> = {
  "validation.choose": [["red", "green"]],
  "validation.unknownTierOverride": ["Platinum", ["Silver", "Gold"]],
  "import.summary": [
    { membersMatched: 2, newMembers: 5, pointsAdded: 21, pointsRemoved: 1, tierChanges: 3 },
  ],
};

type Leaf = { path: string; value: unknown };

// Texts stored as a code and values (coded-text.ts) take one object of values.
const CODED_SECTIONS =
  /^(importProblems|importFailures|backfillFailures|collectionSyncFailures|tierReasons|deadLetters\.detailTexts)\./;

function leaves(node: unknown, path = ""): Leaf[] {
  if (typeof node === "function") {
    const args =
      SAMPLE_ARGS[path] ??
      (CODED_SECTIONS.test(path)
        ? [CODED_SAMPLE_VALUES]
        : Array.from({ length: node.length }, () => 2));
    return [{ path, value: (node as (...args: unknown[]) => unknown)(...args) }];
  }
  if (node !== null && typeof node === "object")
    return Object.entries(node).flatMap(([key, child]) =>
      leaves(child, path ? `${path}.${key}` : key),
    );
  return [{ path, value: node }];
}

describe.each([
  ["pl", pl],
  ["ru", ru],
] as const)("the %s catalogue", (locale, catalogue) => {
  const english = new Map(leaves(en).map((leaf) => [leaf.path, leaf.value]));
  const translated = new Map(leaves(catalogue).map((leaf) => [leaf.path, leaf.value]));

  it("has exactly the English keys, list lengths and text functions", () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, value] of translated)
      expect(typeof value, path).toBe(typeof english.get(path));
  });

  it("translates every text, apart from names and symbols that read the same", () => {
    const untranslated = [...translated]
      .filter(([path, value]) => value === english.get(path))
      .map(([path]) => path);
    expect(untranslated.sort()).toEqual([...SAME_AS_ENGLISH[locale]].sort());
  });

  it("writes no empty text", () => {
    for (const [path, value] of translated)
      if (typeof value === "string") expect(value.trim(), path).not.toBe("");
  });

  it("is the catalogue the admin serves for that language", () => {
    expect(messagesFor(locale)).toBe(catalogue);
  });
});
