// A language beyond English as one piece: the admin's catalogue and Polaris' own strings.
import type { Messages } from "./en";
import { addCatalogue } from "./index";
import type { AdminLocale } from "./locales";
import { addPolarisTranslations, type PolarisDictionary } from "./polaris";

export interface LanguagePack {
  messages: Messages;
  /** Polaris' strings in that language; those it lacks fall back to English (polaris.ts). */
  polaris: object;
}

export function addLanguage(locale: AdminLocale, pack: LanguagePack): void {
  addCatalogue(locale, pack.messages);
  addPolarisTranslations(locale, pack.polaris as PolarisDictionary);
}
