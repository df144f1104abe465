// The admin language of the staff member making a request (docs/decisions/039). Shopify's admin
// passes `locale` only with a full page load; it is remembered per staff member, so the data
// requests of client-side navigation and the actions that follow get the same language.
import type { Db } from "../db.server";
import {
  effectiveAdminLocale,
  isAdminLanguageChoice,
  type AdminLanguageChoice,
  type AdminLocale,
} from "../i18n/locales";

export interface StaffMember {
  shop: string;
  staffUserId: string;
}

export interface AdminLanguage {
  /** The language served. */
  locale: AdminLocale;
  /** The staff member's setting in Tally. */
  choice: AdminLanguageChoice;
  /** What following Shopify's admin gives (English for a language Tally does not have). */
  shopifyLocale: AdminLocale;
}

/**
 * The language to serve: the staff member's choice in Tally, else Shopify's `locale` (this
 * request's, or the one remembered from their last full page load), else English. A `locale`
 * different from the remembered one is stored (one write when a staff member changes Shopify's
 * language, none on other requests).
 */
export async function adminLanguageOf(
  db: Db,
  staff: StaffMember,
  shopifyLocale: string | null,
): Promise<AdminLanguage> {
  const key = { shop_staffUserId: staff };
  const stored = await db.staffLanguage.findUnique({ where: key });
  if (shopifyLocale && shopifyLocale !== stored?.shopifyLocale)
    await db.staffLanguage.upsert({
      where: key,
      create: { ...staff, shopifyLocale },
      update: { shopifyLocale },
    });
  const choice = isAdminLanguageChoice(stored?.choice) ? stored.choice : "shopify";
  const shopify = effectiveAdminLocale("shopify", shopifyLocale ?? stored?.shopifyLocale);
  return { locale: choice === "shopify" ? shopify : choice, choice, shopifyLocale: shopify };
}

/** Saves the staff member's "Admin language" setting. */
export async function chooseAdminLanguage(
  db: Db,
  staff: StaffMember,
  choice: AdminLanguageChoice,
): Promise<void> {
  await db.staffLanguage.upsert({
    where: { shop_staffUserId: staff },
    create: { ...staff, choice },
    update: { choice },
  });
}
