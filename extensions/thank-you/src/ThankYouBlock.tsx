// Entry for purchase.thank-you.block.render.
import { render } from "preact";
import { ThankYou } from "./ThankYou";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.notAnApiMember;

export default async () => {
  render(<ThankYou api={shopify} />, document.body);
};
