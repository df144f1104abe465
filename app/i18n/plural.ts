// Plural forms and numbers for the admin's languages. Polish and Russian have three forms for whole
// numbers (Intl.PluralRules: one, few, many: 1 punkt, 2 punkty, 5 punktów; 1 балл, 2 балла, 5
// баллов, 21 балл) and a fourth for fractions ("other"), which takes the few form's genitive singular.
import type { AdminLocale } from "./locales";

export interface PluralForms {
  one: string;
  few: string;
  many: string;
}

const rules = new Map<AdminLocale, Intl.PluralRules>();

export function pluralForm(locale: AdminLocale, n: number, forms: PluralForms): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  const category = rule.select(n);
  if (category === "one") return forms.one;
  if (category === "many") return forms.many;
  // "few", and "other" (fractions) in Polish and Russian.
  return forms.few;
}

/** A number as the locale writes it: 12 345 in Polish and Russian, 12,345 in English. */
export function localeNumber(locale: AdminLocale): (n: number | bigint) => string {
  const format = new Intl.NumberFormat(locale);
  return (n) => format.format(n);
}

/** "5 punktów": the number in the locale's digits and the noun in its plural form. */
export function localeCount(locale: AdminLocale): (n: number, forms: PluralForms) => string {
  const number = localeNumber(locale);
  return (n, forms) => `${number(n)} ${pluralForm(locale, n, forms)}`;
}
