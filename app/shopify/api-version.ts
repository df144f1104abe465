import { ApiVersion } from "@shopify/shopify-api";

/** Pinned Admin API version; app/shopify/schema holds its schema and every document is validated against it. */
export const ADMIN_API_VERSION = ApiVersion.October26;
