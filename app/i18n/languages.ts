// The languages beyond English, added when needed. The browser loads the one a page is shown in
// before React renders it: entry.client.tsx before hydrating (the language <html lang> was rendered
// in), the admin frame's clientLoader before a new language is rendered (the staff member's setting
// saved, Shopify's `locale` changed). Each `import()` is a chunk of its own in the browser build.
import { hasCatalogue } from "./index";
import { addLanguage, type LanguagePack } from "./language-pack";
import type { AdminLocale } from "./locales";

const importers: Record<Exclude<AdminLocale, "en">, () => Promise<LanguagePack>> = {
  pl: () => import("./language-pl").then((module) => module.polish),
  ru: () => import("./language-ru").then((module) => module.russian),
};

/** Resolves once `locale`'s texts can be rendered (at once for English or a language already added). */
export async function loadLanguage(locale: AdminLocale): Promise<void> {
  if (locale === "en" || hasCatalogue(locale)) return;
  addLanguage(locale, await importers[locale]());
}
