// Every database-backed test file: console.error fails the test, and Shopify's Admin API is the
// schema-validating stand-in (a GraphQL document that does not validate fails the test).
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { adminApi, adminApiServer } from "../support/admin-api";
import { resetDatabase } from "../support/reset-database";
import "./fail-on-console-error";

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
  expect(invalid, "GraphQL documents sent to Shopify must validate against the pinned Admin API schema").toEqual([]);
});
afterAll(() => adminApiServer.close());
