// Renders the storefront theme app extension's blocks (extensions/theme/blocks/*.liquid) with
// liquidjs and the few Shopify filters and tags they use (`t` with Shopify's plural keys,
// `asset_url`, `json`, `{% schema %}`), so tests exercise the real Liquid with fixed data instead of
// a hand-copied markup.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Liquid, type TagToken, type TopLevelToken } from "liquidjs";
import type { ProgramMetafieldValue } from "../../app/loyalty/storefront-earn";

export const THEME_DIR = join(import.meta.dirname, "..", "..", "extensions", "theme");

function lookup(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => {
    return node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }, tree);
}

export function themeLiquid(locale: "en" | "ru" | "pl", assetBase = "/assets/"): Liquid {
  const file = locale === "en" ? "en.default.json" : `${locale}.json`;
  const strings = JSON.parse(readFileSync(join(THEME_DIR, "locales", file), "utf8")) as unknown;
  const plural = new Intl.PluralRules(locale);
  const engine = new Liquid({ root: join(THEME_DIR, "blocks"), extname: ".liquid" });
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const options = Object.fromEntries(args.filter(Array.isArray) as [string, unknown][]);
    let entry = lookup(strings, key);
    if (entry && typeof entry === "object" && "count" in options)
      entry = (entry as Record<string, string>)[plural.select(Number(options.count))];
    if (typeof entry !== "string") throw new Error(`missing translation ${locale}:${key}`);
    return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(options[name] ?? ""));
  });
  engine.registerFilter("asset_url", (name: string) => `${assetBase}${name}`);
  engine.registerFilter("json", (value: unknown) => JSON.stringify(value ?? null));
  engine.registerTag("schema", {
    parse(_token: TagToken, remain: TopLevelToken[]) {
      // Skip everything up to {% endschema %}: Shopify reads it, it renders nothing.
      let token: TopLevelToken | undefined;
      while ((token = remain.shift())) if ((token as TagToken).name === "endschema") return;
      throw new Error("{% schema %} without {% endschema %}");
    },
    render() {
      return "";
    },
  });
  return engine;
}

export interface StorefrontCustomer {
  status: {
    v: 1;
    balance: number;
    pending: number;
    tier: string;
    nextTier: string | null;
    pointsToNextTier: number | null;
    earn: { perUnit: number; currency: string } | null;
  } | null;
}

/** The Liquid globals the blocks read, as Shopify would set them for this customer (or a guest). */
export function storefrontGlobals(options: {
  customer: StorefrontCustomer | null;
  /** The shop's `$app:loyalty.program` value; null before the app published it. */
  program?: ProgramMetafieldValue | null;
  priceCents: number;
  /** The product's numeric id (Liquid's `product.id`). */
  productId?: number;
  currency?: string;
  position?: "right" | "left";
}) {
  return {
    customer: options.customer && {
      metafields: { "$app:loyalty": { status: { value: options.customer.status } } },
    },
    shop: { metafields: { "$app:loyalty": { program: { value: options.program ?? null } } } },
    product: {
      id: options.productId ?? 7_001_001,
      selected_or_first_available_variant: { price: options.priceCents },
    },
    cart: { currency: { iso_code: options.currency ?? "USD" } },
    routes: { account_login_url: "/account/login", account_register_url: "/account/register" },
    block: { settings: { position: options.position ?? "right" } },
  };
}

export async function renderBlock(
  engine: Liquid,
  block: "launcher" | "earn-points",
  globals: Record<string, unknown>,
): Promise<string> {
  return engine.renderFile(block, globals);
}
