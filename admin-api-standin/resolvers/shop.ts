// The `shop` query, answered from the shop's settings in the stand-in state.
import type { ResolverContext } from "../resolver-kit";

export function shop(_args: unknown, { shop: state }: ResolverContext) {
  return {
    __typename: "Shop",
    id: `gid://shopify/Shop/${[...state.domain].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 1e9, 7)}`,
    ...state.settings,
  };
}
