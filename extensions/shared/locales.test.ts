// Every extension's locales are complete: each locale has every key of en.default.json, with the
// plural forms its language needs and the same {{placeholders}}; every key the code uses exists and
// every key exists for a reason. A missing translation fails here rather than in a buyer's checkout.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const EXTENSIONS = resolve(import.meta.dirname, "..");
const PLURAL_FORMS = new Set(["zero", "one", "two", "few", "many", "other"]);

type Messages = { [key: string]: string | Messages };
type Leaf = string | Record<string, string>;

const isPlural = (value: Messages) =>
  Object.keys(value).every((k) => PLURAL_FORMS.has(k) && typeof value[k] === "string");

/** "rewards.open" → message, with plural groups ("points": {one, other}) kept as one leaf. */
function flatten(messages: Messages, prefix = ""): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix + key;
    if (typeof value === "string" || isPlural(value)) leaves.set(path, value as Leaf);
    else for (const [k, v] of flatten(value, `${path}.`)) leaves.set(k, v);
  }
  return leaves;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** The extension's source files and the shared files they import, transitively. */
function sourceFiles(extensionDir: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, `${base}.tsx`, base].find(
        (candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/),
      );
      if (target) visit(target);
    }
  };
  for (const entry of readdirSync(join(extensionDir, "src")))
    visit(join(extensionDir, "src", entry));
  return [...seen];
}

/** The theme app extension's Liquid blocks, which name keys as `'group.key' | t`. */
function liquidFiles(extensionDir: string): string[] {
  return readdirSync(join(extensionDir, "blocks")).map((name) =>
    join(extensionDir, "blocks", name),
  );
}

/** Keys the code names: translate("…") arguments, and "group.key" literals of a group en.default.json has. */
function usedKeys(files: string[], groups: Set<string>): Set<string> {
  const keys = new Set<string>();
  for (const file of files) {
    const code = readFileSync(file, "utf8");
    for (const [, key] of code.matchAll(/'([a-z][\w.]*)'\s*\|\s*t\b/g)) keys.add(key);
    for (const [, key] of code.matchAll(/translate\(\s*"([^"]+)"/g)) keys.add(key);
    for (const [, key] of code.matchAll(/"([a-z][A-Za-z]*\.[\w.-]+)"/g))
      if (groups.has(key.split(".")[0])) keys.add(key);
  }
  return keys;
}

const extensions = readdirSync(EXTENSIONS).filter((name) =>
  existsSync(join(EXTENSIONS, name, "locales", "en.default.json")),
);

it("finds the extensions' locales", () => {
  expect(extensions.sort()).toEqual([
    "checkout",
    "customer-account",
    "customer-account-blocks",
    "pos",
    "thank-you",
    "theme",
  ]);
});

describe.each(extensions)("locales of %s", (extension) => {
  const dir = join(EXTENSIONS, extension);
  const read = (file: string) =>
    JSON.parse(readFileSync(join(dir, "locales", file), "utf8")) as Messages;
  const en = flatten(read("en.default.json"));
  const others = readdirSync(join(dir, "locales")).filter((file) => file !== "en.default.json");

  it("has at least English, Russian and Polish", () => {
    expect(others).toEqual(expect.arrayContaining(["ru.json", "pl.json"]));
  });

  it.each(others)(
    "%s has every key, plural form and placeholder of English, and nothing else",
    (file) => {
      const locale = file.replace(/\.json$/, "");
      const messages = flatten(read(file));
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      expect([...messages.keys()].sort(), "keys").toEqual([...en.keys()].sort());
      for (const [key, english] of en) {
        const translated = messages.get(key)!;
        const expected = placeholders(typeof english === "string" ? english : english.other);
        if (typeof english === "string") {
          expect(typeof translated, key).toBe("string");
          expect(placeholders(translated as string), `${file} ${key}`).toEqual(expected);
        } else {
          expect(typeof translated, `${key} is plural`).toBe("object");
          expect(Object.keys(translated).sort(), `${file} ${key} plural forms`).toEqual(
            [...needed].sort(),
          );
          for (const form of needed)
            expect(
              placeholders((translated as Record<string, string>)[form]),
              `${file} ${key}.${form}`,
            ).toEqual(expected);
        }
      }
    },
  );

  it("English has the plural forms English needs", () => {
    for (const [key, value] of en)
      if (typeof value !== "string")
        expect(Object.keys(value).sort(), key).toEqual(["one", "other"]);
  });

  it("every key the code uses exists, and every key is used", () => {
    const groups = new Set(
      [...en.keys()].filter((key) => key.includes(".")).map((key) => key.split(".")[0]),
    );
    const isTheme = existsSync(join(dir, "blocks"));
    const used = usedKeys(isTheme ? liquidFiles(dir) : sourceFiles(dir), groups);
    // shopify.extension.toml names the extension with "t:name".
    for (const [, key] of readFileSync(join(dir, "shopify.extension.toml"), "utf8").matchAll(
      /"t:([^"]+)"/g,
    ))
      used.add(key);
    expect(
      [...used].filter((key) => !en.has(key)),
      "used but missing",
    ).toEqual([]);
    expect(
      [...en.keys()].filter((key) => !used.has(key)),
      "never used",
    ).toEqual([]);
  });
});

// Issue 22: what the shopper reads once the values are in. A Russian long date ends with "г.", so a
// message that puts a full stop after {{date}} reads "2026 г.."; a message that names the unit and then
// inserts "{{points}}" (which carries the unit itself) repeats the word.
describe.each(extensions)("rendered messages of %s", (extension) => {
  const dir = join(EXTENSIONS, extension);
  const files = readdirSync(join(dir, "locales"));

  it.each(files)("%s: no double full stop after a date, no word said twice", (file) => {
    const locale = file === "en.default.json" ? "en" : file.replace(/\.json$/, "");
    const messages = flatten(
      JSON.parse(readFileSync(join(dir, "locales", file), "utf8")) as Messages,
    );
    const day = new Date(Date.UTC(2026, 11, 20));
    const dates = (["long", "medium"] as const).map((dateStyle) =>
      new Intl.DateTimeFormat(locale, { dateStyle, timeZone: "UTC" }).format(day),
    );
    const points = messages.get("points");
    const unitForms =
      points && typeof points !== "string"
        ? Object.values(points).map((form) => form.replace(/\{\{\s*points\s*\}\}/, "5"))
        : ["5"];
    // The unit's stem ("point", "punkt", "балл"): what the plural forms of "points" share.
    const unitWords = unitForms.map((form) => form.replace(/^5\s*/, "").toLocaleLowerCase(locale));
    const stem = unitWords.reduce((common, word) => {
      let i = 0;
      while (i < common.length && common[i] === word[i]) i++;
      return common.slice(0, i);
    }, unitWords[0] ?? "");
    const problems: string[] = [];
    for (const [key, message] of messages) {
      if (typeof message !== "string") continue;
      for (const date of dates)
        for (const unit of unitForms) {
          const text = message
            .replace(/\{\{\s*date\s*\}\}/g, date)
            .replace(/\{\{\s*points\s*\}\}/g, unit);
          if (text.includes("..")) problems.push(`${key}: "${text}"`);
          const words = text.toLocaleLowerCase(locale).match(/\p{L}+/gu) ?? [];
          if (stem && words.filter((word) => word.startsWith(stem)).length > 1)
            problems.push(`${key}: the unit twice in "${text}"`);
        }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
