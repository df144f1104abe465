// Lint: TypeScript's recommended rules; unused variables are errors unless prefixed with "_".
import tseslint from "typescript-eslint";

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
);
