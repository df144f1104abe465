// Each HTTP request gets its own admin language (scripts/serve.mjs runs every request inside
// withRequestLocale). Outside a request (jobs, tests calling a loader directly) it is English, and
// setting it there does nothing, so a language can never leak from one request into another.
import { AsyncLocalStorage } from "node:async_hooks";
import { installLocaleSource } from "./current-locale";
import { DEFAULT_ADMIN_LOCALE, type AdminLocale } from "./locales";

const requestLocale = new AsyncLocalStorage<{ locale: AdminLocale }>();

installLocaleSource({
  get: () => requestLocale.getStore()?.locale ?? DEFAULT_ADMIN_LOCALE,
  set: (locale) => {
    const store = requestLocale.getStore();
    if (store) store.locale = locale;
  },
});

export function withRequestLocale<T>(handle: () => T): T {
  return requestLocale.run({ locale: DEFAULT_ADMIN_LOCALE }, handle);
}
