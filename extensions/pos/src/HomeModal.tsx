// Entry for pos.home.modal.render, which the home tile opens. The guard reads a member of `session`:
// POS types `shopify` with an index signature, so a missing top-level member would be no error.
import { render } from "preact";
import { ProgramRules } from "./ProgramRules";

// @ts-expect-error -- compile-time guard: errors only while shopify.d.ts types `shopify` for this file.
type _ShopifyIsTyped = typeof shopify.session.notAnApiMember;

export default async () => {
  render(<ProgramRules api={shopify} />, document.body);
};
