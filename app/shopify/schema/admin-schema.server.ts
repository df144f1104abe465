// Loads the committed Admin API schema once per process, for validating documents at test time.
// Building it from the 3.7 MB SDL takes ~0.3 s, so callers share this cache.
import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLSchema } from "graphql";

/** The Admin API version whose schema is committed next to this file (see scripts/extract-admin-schema.ts). */
export const SCHEMA_API_VERSION = "2026-10";

let cached: GraphQLSchema | undefined;

export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const sdl = readFileSync(new URL(`./admin-${SCHEMA_API_VERSION}.graphql`, import.meta.url), "utf8");
    // The SDL was printed from a schema graphql-js already built, so re-validating the SDL is wasted time.
    cached = buildSchema(sdl, { assumeValidSDL: true });
  }
  return cached;
}
