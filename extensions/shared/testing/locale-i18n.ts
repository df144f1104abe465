// A `shopify.i18n` for tests that behaves like the real one for a given locale: messages come from
// the extension's locales/*.json, `count` picks the plural form with Intl.PluralRules, `{{name}}` is
// replaced, and numbers, money and dates go through Intl. Unlike the tester's echo mock it throws
// on a missing key, plural form or replacement, so a test that renders a string also checks it.

import type { I18nTranslate } from "@shopify/ui-extensions";

type Messages = { [key: string]: string | Messages };

export function localeI18n(messages: Messages, locale: string) {
  const plural = new Intl.PluralRules(locale);

  function translate(key: string, options: Record<string, unknown> = {}): string {
    let entry: string | Messages | undefined = messages;
    for (const part of key.split(".")) entry = typeof entry === "object" ? entry[part] : undefined;
    if (entry !== undefined && typeof entry === "object" && typeof options.count === "number") {
      const form = plural.select(options.count);
      entry = entry[form];
      if (entry === undefined)
        throw new Error(`${locale}: "${key}" has no "${form}" form (count ${options.count})`);
    }
    if (typeof entry !== "string") throw new Error(`${locale}: no message for "${key}"`);
    return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      if (!(name in options)) throw new Error(`${locale}: "${key}" needs a value for {{${name}}}`);
      return String(options[name]);
    });
  }

  return {
    translate: translate as I18nTranslate,
    formatNumber: (value: number | bigint, options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(locale, options).format(value),
    formatCurrency: (value: number | bigint, options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(locale, { style: "currency", ...options }).format(value),
    formatDate: (date: Date, options?: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options }).format(date),
  };
}
