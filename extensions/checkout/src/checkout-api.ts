// What the checkout component uses from `shopify`, so both targets' APIs (which share these members)
// can be passed in and the component never reaches for a global typed for one target only.
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";

export type CheckoutApi = Pick<
  Api,
  | "appMetafields"
  | "buyerIdentity"
  | "cost"
  | "discountCodes"
  | "i18n"
  | "instructions"
  | "sessionToken"
  | "shop"
  | "applyDiscountCodeChange"
>;
