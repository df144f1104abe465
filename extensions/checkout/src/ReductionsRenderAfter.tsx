// Entry for purchase.checkout.reductions.render-after (below the discount-code field).
import { render } from "preact";
import { CheckoutLoyalty } from "./CheckoutLoyalty";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.notAnApiMember;

export default async () => {
  render(<CheckoutLoyalty api={shopify} />, document.body);
};
