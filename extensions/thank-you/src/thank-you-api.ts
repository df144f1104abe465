// What the thank-you component uses from `shopify` (see checkout/src/checkout-api.ts for why).
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";

export type ThankYouApi = Pick<
  Api,
  | "appMetafields"
  | "buyerIdentity"
  | "cost"
  | "i18n"
  | "orderConfirmation"
  | "sessionToken"
  | "shop"
>;
