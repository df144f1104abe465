// The admin language of whatever is being done now. In the browser there is one staff member, so
// one value, set from the admin frame's loader data as the page renders. On the server each request
// has its own (app/i18n/request-locale.server.ts installs a per-request source), so concurrent
// requests in different languages never see each other's.
import { DEFAULT_ADMIN_LOCALE, type AdminLocale } from "./locales";

interface LocaleSource {
  get(): AdminLocale;
  set(locale: AdminLocale): void;
}

let browserLocale: AdminLocale = DEFAULT_ADMIN_LOCALE;
let source: LocaleSource = {
  get: () => browserLocale,
  set: (locale) => {
    browserLocale = locale;
  },
};

export function currentAdminLocale(): AdminLocale {
  return source.get();
}

export function setCurrentAdminLocale(locale: AdminLocale): void {
  source.set(locale);
}

/** The server's per-request source replaces the single browser value (called once at start-up). */
export function installLocaleSource(perRequest: LocaleSource): void {
  source = perRequest;
}
