// @vitest-environment node
import { describe, expect, it } from "vitest";
import { adminApi } from "../../tests/support/admin-api";
import { fetchShopSettings } from "./shop-settings.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";

describe("fetchShopSettings", () => {
  it("reads currency and IANA time zone from the Admin API", async () => {
    Object.assign(adminApi.state.shop("lyon.myshopify.com").settings, {
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
    });

    await expect(
      fetchShopSettings(createFetchAdminClient({ shop: "lyon.myshopify.com" })),
    ).resolves.toEqual({
      name: "Lyon",
      myshopifyDomain: "lyon.myshopify.com",
      currencyCode: "EUR",
      timeZone: "Europe/Paris",
    });
  });
});
