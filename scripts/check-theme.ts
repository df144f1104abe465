// Runs Shopify's theme-check (@shopify/theme-check-node, the checks of `shopify theme check`) on the
// storefront theme app extension, offline, with the theme-app-extension rules
// (extensions/theme/.theme-check.yml). Prints every offense; exits 1 on any error or warning.
//   npm run check:theme
import { join } from "node:path";
import { check } from "@shopify/theme-check-node";

const root = join(import.meta.dirname, "..", "extensions", "theme");
const offenses = await check(root, join(root, ".theme-check.yml"));
const severities = ["error", "warning", "info"];
for (const offense of offenses) {
  const file = offense.uri.replace(/^file:\/\//, "").replace(`${root}/`, "");
  console.log(
    `${file}:${offense.start.line + 1}:${offense.start.character + 1} ${severities[offense.severity] ?? offense.severity} ${offense.check}: ${offense.message}`,
  );
}
const failing = offenses.filter((offense) => offense.severity <= 1);
console.log(`theme-check: ${offenses.length} offense(s), ${failing.length} error(s)/warning(s)`);
process.exit(failing.length > 0 ? 1 : 0);
