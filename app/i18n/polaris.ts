// Polaris' own texts (pagination, table and file-drop labels) in the admin's language: Polaris'
// Polish, Tally's Russian for the strings its pages show, English beneath both for the rest.
import englishTranslations from "@shopify/polaris/locales/en.json";
import polishTranslations from "@shopify/polaris/locales/pl.json";
import type { AdminLocale } from "./locales";
import { polarisRussian } from "./polaris-ru";

type PolarisDictionary = typeof englishTranslations;

export function polarisTranslations(locale: AdminLocale): PolarisDictionary[] {
  if (locale === "pl") return [polishTranslations as PolarisDictionary, englishTranslations];
  if (locale === "ru") return [polarisRussian as PolarisDictionary, englishTranslations];
  return [englishTranslations];
}
