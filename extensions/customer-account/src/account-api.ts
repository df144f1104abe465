// What the page components use from `shopify` (see checkout/src/checkout-api.ts for why).
import type { Api } from "@shopify/ui-extensions/customer-account.page.render";

export type AccountApi = Pick<Api, "i18n" | "sessionToken" | "toast">;
export type AccountI18n = Api["i18n"];
