// Entry for customer-account.order-status.block.render: what this order earned.
import { render } from "preact";
import { OrderPointsBlock } from "./OrderPoints";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.notAnApiMember;

export default async () => {
  render(<OrderPointsBlock api={shopify} />, document.body);
};
