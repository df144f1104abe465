// Entry for customer-account.profile.block.render: a card that links to the Rewards page.
import { render } from "preact";
import { ProfileLink } from "./ProfileLink";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.notAnApiMember;

export default async () => {
  render(<ProfileLink i18n={shopify.i18n} />, document.body);
};
