// Exact arithmetic on Shopify `Decimal` strings for the stand-in's store-credit balances.
// Amounts are held as bigint millionths; floats would drift after a few credits.
const SCALE = 1_000_000n;

export function parseDecimal(value: unknown): bigint | undefined {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string") return undefined;
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, minus, whole, fraction = ""] = match;
  const scaled = BigInt(whole) * SCALE + BigInt(fraction.padEnd(6, "0"));
  return minus ? -scaled : scaled;
}

/** Formats like Shopify does ("10.0", "2.5", "0.05"): no trailing zeros, at least one decimal. */
export function formatDecimal(scaled: bigint): string {
  const negative = scaled < 0n;
  const absolute = negative ? -scaled : scaled;
  const whole = absolute / SCALE;
  const fraction = (absolute % SCALE).toString().padStart(6, "0").replace(/0+$/, "") || "0";
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}
