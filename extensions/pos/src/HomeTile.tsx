// Entry for pos.home.tile.render (the POS smart grid). The guard reads a member of `action`: POS
// types `shopify` with an index signature, so a missing top-level member would be no error.
import { render } from "preact";
import { ProgramTile } from "./ProgramTile";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.action.notAnApiMember;

export default async () => {
  render(<ProgramTile api={shopify} />, document.body);
};
