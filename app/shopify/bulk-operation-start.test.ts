import { describe, expect, it } from "vitest";
import { readBulkStart } from "./bulk-operation-start";

describe("readBulkStart", () => {
  it("gives the operation Shopify started", () => {
    expect(
      readBulkStart({ bulkOperation: { id: "gid://shopify/BulkOperation/7" }, userErrors: [] }),
    ).toEqual({
      outcome: "started",
      operationId: "gid://shopify/BulkOperation/7",
    });
  });

  it("reads a taken slot as busy, whatever else Shopify said", () => {
    expect(
      readBulkStart({
        bulkOperation: null,
        userErrors: [
          { code: "INVALID", message: "x" },
          {
            code: "OPERATION_IN_PROGRESS",
            message: "A bulk query operation for this app and shop is already in progress",
          },
        ],
      }),
    ).toEqual({ outcome: "busy" });
  });

  it("refuses with Shopify's messages, or says no operation came back", () => {
    expect(
      readBulkStart({
        bulkOperation: null,
        userErrors: [
          { code: "INVALID", message: "Invalid bulk query" },
          { code: null, message: "second" },
        ],
      }),
    ).toEqual({ outcome: "refused", detail: "Invalid bulk query; second" });
    expect(readBulkStart({ bulkOperation: null, userErrors: [] })).toEqual({
      outcome: "refused",
      detail: "no operation",
    });
    expect(readBulkStart(null)).toEqual({ outcome: "refused", detail: "no operation" });
  });
});
