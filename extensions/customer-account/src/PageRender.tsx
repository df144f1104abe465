// Entry for customer-account.page.render: the "Rewards" page.
import { render } from "preact";
import { RewardsPage } from "./RewardsPage";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.notAnApiMember;

export default async () => {
  render(<RewardsPage api={shopify} />, document.body);
};
