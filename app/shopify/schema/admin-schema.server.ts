// Loads the committed Admin API schema once per process, for validating documents at test time.
// Building it from the 3.7 MB SDL takes ~0.3 s, so callers share this cache.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, type GraphQLSchema } from "graphql";

/** The Admin API version whose schema is committed next to this file (see scripts/extract-admin-schema.ts). */
export const SCHEMA_API_VERSION = "2026-10";

let cached: GraphQLSchema | undefined;

export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const sdl = readFileSync(schemaFile(), "utf8");
    // The SDL was printed from a schema graphql-js already built, so re-validating the SDL is wasted time.
    cached = buildSchema(sdl, { assumeValidSDL: true });
  }
  return cached;
}

/** Beside this module in the source tree; from the project root when running the bundled server. */
function schemaFile(): string {
  const name = `admin-${SCHEMA_API_VERSION}.graphql`;
  const besideModule = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return existsSync(besideModule) ? besideModule : resolve(process.cwd(), "app/shopify/schema", name);
}
