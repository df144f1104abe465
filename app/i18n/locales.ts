// Which language the admin is shown in (docs/decisions/039). Shopify passes the staff member's admin
// language as `locale` ("pl", "pl-PL", "en", "fr"); Tally speaks English, Polish and Russian, and
// Russian (which Shopify's admin does not offer) is chosen in Tally's own "Admin language" setting.

export const ADMIN_LOCALES = ["en", "pl", "ru"] as const;
export type AdminLocale = (typeof ADMIN_LOCALES)[number];
export const DEFAULT_ADMIN_LOCALE: AdminLocale = "en";

/** Each language by its own name, as a language menu shows it whatever the page's language. */
export const LANGUAGE_NAMES: Record<AdminLocale, string> = {
  en: "English",
  pl: "Polski",
  ru: "Русский",
};

/** The staff member's "Admin language" setting: follow Shopify's admin, or one of Tally's languages. */
export const ADMIN_LANGUAGE_CHOICES = ["shopify", ...ADMIN_LOCALES] as const;
export type AdminLanguageChoice = (typeof ADMIN_LANGUAGE_CHOICES)[number];

export function isAdminLanguageChoice(value: unknown): value is AdminLanguageChoice {
  return (ADMIN_LANGUAGE_CHOICES as readonly unknown[]).includes(value);
}

/** "pl-PL" → "pl", "EN" → "en"; a language Tally has no text for (or no value) → null. */
export function supportedAdminLocale(raw: string | null | undefined): AdminLocale | null {
  if (!raw) return null;
  const language = raw.trim().toLowerCase().split(/[-_]/)[0];
  return (ADMIN_LOCALES as readonly string[]).includes(language) ? (language as AdminLocale) : null;
}

/** Tally's own setting wins; else Shopify's admin language if Tally has it; else English. */
export function effectiveAdminLocale(
  choice: AdminLanguageChoice,
  shopifyLocale: string | null | undefined,
): AdminLocale {
  if (choice !== "shopify") return choice;
  return supportedAdminLocale(shopifyLocale) ?? DEFAULT_ADMIN_LOCALE;
}
