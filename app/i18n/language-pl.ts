// Everything the admin needs to be shown in Polish, as one module: the browser fetches it (its own
// chunk) only for a page shown in Polish (languages.ts).
import polarisPolish from "@shopify/polaris/locales/pl.json";
import type { LanguagePack } from "./language-pack";
import { pl } from "./pl";

export const polish: LanguagePack = { messages: pl, polaris: polarisPolish };
