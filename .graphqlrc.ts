// GraphQL config for `npx graphql-codegen` (typed Admin API documents) and editor tooling.
// shopifyApiProject() points at Shopify's schema proxy unless it finds its own introspection file in
// outputDir; CI and contributors work offline, so every schema reference is redirected to the SDL
// committed by scripts/extract-admin-schema.ts. Bump ADMIN_API_VERSION together with that file.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import type { IGraphQLConfig, IGraphQLProject } from "graphql-config";

const ADMIN_API_VERSION = "2026-10";
const SCHEMA = `./app/shopify/schema/admin-${ADMIN_API_VERSION}.graphql`;

type Generates = Record<
  string,
  { schema?: unknown; plugins?: string[]; config?: Record<string, unknown> }
>;

/**
 * Replaces every remote schema in the preset's project with the committed SDL file, and emits GraphQL
 * enums as string unions: the preset's TypeScript `enum`s live in a .d.ts with no JavaScript behind
 * it, so `CurrencyCode.Usd` would type-check and then crash at runtime, while "USD" would not compile.
 */
function withLocalSchema(project: IGraphQLProject): IGraphQLProject {
  const codegen = project.extensions?.codegen as { generates: Generates } | undefined;
  if (!codegen) throw new Error("shopifyApiProject() returned no codegen extension");
  const generates: Generates = {};
  for (const [output, target] of Object.entries(codegen.generates)) {
    // The preset adds an "introspection" target that downloads the schema when its cache is missing.
    if (target.plugins?.includes("introspection")) continue;
    const isTypesFile = target.plugins?.includes("typescript");
    generates[output] = {
      ...target,
      schema: SCHEMA,
      ...(isTypesFile ? { config: { ...target.config, enumsAsTypes: true } } : {}),
    };
  }
  return {
    ...project,
    schema: SCHEMA,
    extensions: { ...project.extensions, codegen: { ...codegen, generates } },
  };
}

const config: IGraphQLConfig = {
  projects: {
    default: withLocalSchema(
      shopifyApiProject({
        apiType: ApiType.Admin,
        apiVersion: ADMIN_API_VERSION,
        documents: ["./app/**/*.{ts,tsx}", "!./app/types/**"],
        outputDir: "./app/types",
      }),
    ),
  },
};

export default config;
