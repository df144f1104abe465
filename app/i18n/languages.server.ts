// On the server every language is at hand from start-up: any request may be in any of them.
// Imported by the server entry (and by the test setup, which runs the app as the server does).
import { polish } from "./language-pl";
import { russian } from "./language-ru";
import { addLanguage } from "./language-pack";

addLanguage("pl", polish);
addLanguage("ru", russian);

export { messagesFor } from "./index";
