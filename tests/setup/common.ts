// Every database-backed test file: console.error fails the test, and Shopify's Admin API is the
// schema-validating stand-in (a GraphQL document that does not validate fails the test).
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { adminApi, adminApiServer } from "../support/admin-api";
import { resetDatabase } from "../support/reset-database";
import "./fail-on-console-error";

// Shopify's node adapter keeps the fetch it saw at import; look it up per call so msw intercepts.
setAbstractFetchFunc((...args) => globalThis.fetch(...args));

beforeAll(() => adminApiServer.listen({ onUnhandledRequest: "error" }));
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
