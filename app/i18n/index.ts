// Admin text in the language of the staff member being served: `adminText.program.title` reads
// the Polish, Russian or English catalogue at the moment it is read, not when a module loads, so
// a page's `const t = adminText.program` serves every request in its own language.
import { currentAdminLocale } from "./current-locale";
import { en, type Messages } from "./en";
import type { AdminLocale } from "./locales";
import { pl } from "./pl";
import { ru } from "./ru";

export const catalogues: Record<AdminLocale, Messages> = { en, pl, ru };

export function messagesFor(locale: AdminLocale): Messages {
  return catalogues[locale];
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
