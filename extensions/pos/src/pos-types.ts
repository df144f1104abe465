// What the POS components use from `shopify` at each target, so tests can pass the tester's mock
// and the components never reach for the global.
import type { Api } from "@shopify/ui-extensions/pos.customer-details.block.render";
import type { Api as TileApi } from "@shopify/ui-extensions/pos.home.tile.render";

export type PosBlockApi = Pick<Api, "cart" | "customer" | "i18n" | "session" | "toast">;

/** The home tile's; the modal uses the same minus `action` (ActionTargetApi has both others). */
export type PosTileApi = Pick<TileApi, "action" | "i18n" | "session">;
export type PosModalApi = Pick<TileApi, "i18n" | "session">;
