// Entry for pos.customer-details.block.render (the customer details screen in Shopify POS). The
// guard reads a member of `customer`: POS types `shopify` with an index signature, so a missing
// top-level member would be no error.
import { render } from "preact";
import { PosLoyalty } from "./PosLoyalty";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.customer.notAnApiMember;

export default async () => {
  render(<PosLoyalty api={shopify} />, document.body);
};
