// Remix's own browser entry, but the admin language the server rendered (<html lang>, app/root.tsx)
// is loaded first, so the first render matches the server's text (only English is in the bundle).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { supportedAdminLocale } from "~/i18n";
import { loadLanguage } from "~/i18n/languages";

await loadLanguage(supportedAdminLocale(document.documentElement.lang) ?? "en");

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
