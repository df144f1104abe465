// The test process's Admin API: Shopify's HTTP API is the only thing replaced, by a stand-in that
// validates every document against the pinned schema and answers from its in-memory state.
import { setupServer } from "msw/node";
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";

export const adminApi = createAdminApiStandin();
export const adminApiServer = setupServer(...adminApi.handlers);
