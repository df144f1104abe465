// What the POS component uses from `shopify` at pos.customer-details.block.render, so tests can pass
// the tester's mock and the component never reaches for the global.
import type { Api } from "@shopify/ui-extensions/pos.customer-details.block.render";

export type PosBlockApi = Pick<Api, "cart" | "customer" | "i18n" | "session" | "toast">;
