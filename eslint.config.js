// Lint: TypeScript's recommended rules; unused variables are errors unless prefixed with "_".
import tseslint from "typescript-eslint";

/** SQL statement text, upper-case as this codebase writes it (prose "Select a reward from" is not). */
const SQL_TEXT = String.raw`/\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b/s`;
const DB_LAYER =
  "Routes call services only (issue 23): move the query into a service in app/services/ and call it through ~/services/process-handles.server.";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      ".tools/**",
      "app/types/**",
      "extensions/*/dist/**",
      "extensions/*/shopify.d.ts",
      "tmp/**",
      "screenshots/**",
      ".cache/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // Routes parse, authenticate, call a service and answer: they never hold a database handle nor
  // run a query (issue 23). Services bound to the process's handles: ~/services/process-handles.server.
  {
    files: ["app/routes/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@prisma/client", message: DB_LAYER, allowTypeImports: true },
            { name: "better-sqlite3", message: DB_LAYER },
            { name: "pg", message: DB_LAYER },
          ],
          patterns: [
            {
              group: [
                "~/db.server",
                "~/db/*",
                "**/db.server",
                "**/db/*",
                "~/models/*",
                "**/models/*",
              ],
              message: DB_LAYER,
              allowTypeImports: true,
            },
          ],
        },
      ],
      // A handle from withSql/withDb passed to a service is fine; SQL text in a route is not.
      "no-restricted-syntax": [
        "error",
        {
          selector: `Literal[value=${SQL_TEXT}], TemplateElement[value.raw=${SQL_TEXT}]`,
          message: `SQL belongs in a service or model, not a route. ${DB_LAYER}`,
        },
      ],
    },
  },
);
