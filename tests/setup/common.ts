// Every database-backed test file: console.error fails the test, and Shopify's Admin API is the
// schema-validating stand-in (a GraphQL document that does not validate fails the test).
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { adminApi, adminApiServer } from "../support/admin-api";
import { resetDatabase } from "../support/reset-database";
import "./fail-on-console-error";
// The app as the server runs it: every admin language added (app/i18n/languages.server.ts).
import "../../app/i18n/languages.server";

// Property tests draw the same inputs on every run, so CI judges the code, not the draw; the inputs the
// random runs found are kept as examples and regression tests. FUZZ_SEED=<n> explores another draw,
// FUZZ_SEED=random a fresh one each run (fast-check prints the seed of a failure).
const fuzzSeed = process.env.FUZZ_SEED ?? "20261202";
if (fuzzSeed !== "random") fc.configureGlobal({ seed: Number(fuzzSeed) });

beforeAll(() => {
  adminApiServer.listen({ onUnhandledRequest: "error" });
  // Shopify's adapters keep the fetch they saw when imported (before msw patched it); importing the
  // app re-runs them, so this must come after the test file's imports: look fetch up per call.
  setAbstractFetchFunc((...args) => globalThis.fetch(...args));
});
beforeEach(async () => {
  await resetDatabase();
  adminApi.reset();
});
afterEach(() => {
  const invalid = [...adminApi.invalidDocuments];
  adminApi.invalidDocuments.length = 0;
  expect(
    invalid,
    "GraphQL documents sent to Shopify must validate against the pinned Admin API schema",
  ).toEqual([]);
});
afterAll(() => adminApiServer.close());
