// Admin text in the language of the staff member being served: `adminText.program.title` reads
// the Polish, Russian or English catalogue at the moment it is read, not when a module loads, so
// a page's `const t = adminText.program` serves every request in its own language.
// Only English is imported here (it is the shape and the fallback): the server adds the others at
// start-up (languages.server.ts), the browser only the one it shows (languages.ts), so no admin
// page downloads a language it does not show (issue #20, docs/decisions/064).
import { currentAdminLocale } from "./current-locale";
import { en, type Messages } from "./en";
import type { AdminLocale } from "./locales";

const catalogues: Partial<Record<AdminLocale, Messages>> = { en };

export function addCatalogue(locale: AdminLocale, messages: Messages): void {
  catalogues[locale] = messages;
}

export function hasCatalogue(locale: AdminLocale): boolean {
  return catalogues[locale] !== undefined;
}

/** A whole catalogue, for wording stored codes; throws if that language was never added. */
export function messagesFor(locale: AdminLocale): Messages {
  const messages = catalogues[locale];
  if (!messages) throw new Error(`The ${locale} admin catalogue is not loaded`);
  return messages;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

// One proxy per English section (the English object is the shape every catalogue shares).
const sections = new WeakMap<object, object>();

function following<T extends object>(english: T, path: readonly PropertyKey[]): T {
  const known = sections.get(english);
  if (known) return known as T;
  const section = new Proxy(english, {
    get(target, key, receiver) {
      if (typeof key === "symbol") return Reflect.get(target, key, receiver);
      const englishValue = Reflect.get(target, key, receiver) as unknown;
      const keyPath = [...path, key];
      if (englishValue !== null && typeof englishValue === "object")
        return following(englishValue, keyPath);
      return valueAt(catalogues[currentAdminLocale()], keyPath) ?? englishValue;
    },
  });
  sections.set(english, section);
  return section;
}

/** Every admin text, in the current admin language (app/i18n/current-locale.ts). */
export const adminText: Messages = following(en, []);

export { currentAdminLocale, setCurrentAdminLocale } from "./current-locale";
export * from "./locales";
