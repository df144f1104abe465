// Polaris' own texts (pagination, table and file-drop labels) in the admin's language: Polaris'
// Polish, Tally's Russian for the strings its pages show, English beneath both for the rest.
// Like the admin catalogues, only English is imported here; languages.ts adds the others.
import englishTranslations from "@shopify/polaris/locales/en.json";
import type { AdminLocale } from "./locales";

export type PolarisDictionary = typeof englishTranslations;

const dictionaries: Partial<Record<AdminLocale, PolarisDictionary>> = {};

export function addPolarisTranslations(locale: AdminLocale, dictionary: PolarisDictionary): void {
  dictionaries[locale] = dictionary;
}

export function polarisTranslations(locale: AdminLocale): PolarisDictionary[] {
  const own = locale === "en" ? undefined : dictionaries[locale];
  return own ? [own, englishTranslations] : [englishTranslations];
}
