// Everything the admin needs to be shown in Russian, as one module: the browser fetches it (its own
// chunk) only for a page shown in Russian (languages.ts).
import { polarisRussian } from "./polaris-ru";
import { ru } from "./ru";
import type { LanguagePack } from "./language-pack";

export const russian: LanguagePack = { messages: ru, polaris: polarisRussian };
