// A bare fetch-based AdminGraphqlClient for tests and scripts that talk to the stand-in (or to a
// real shop with a token) without shopify-app-remix. Unlike `admin.graphql`, it returns failed
// responses instead of throwing, which runAdminOperation maps the same way.
import type { AdminGraphqlClient } from "../app/shopify/admin-client.server";
import { SCHEMA_API_VERSION } from "../app/shopify/schema/admin-schema.server";

export interface FetchAdminClientOptions {
  shop: string;
  apiVersion?: string;
  accessToken?: string;
  fetch?: typeof fetch;
}

export function createFetchAdminClient(options: FetchAdminClientOptions): AdminGraphqlClient {
  const url = `https://${options.shop}/admin/api/${options.apiVersion ?? SCHEMA_API_VERSION}/graphql.json`;
  return {
    // fetch is looked up per call: msw replaces the global only when the server starts listening.
    graphql: (query, { variables } = {}) =>
      (options.fetch ?? globalThis.fetch)(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Access-Token": options.accessToken ?? "standin-access-token",
        },
        body: JSON.stringify({ query, variables }),
      }),
  };
}
