// Conversions between Shopify's decimal money strings and integer minor units.
// Parsing is done on the digits, never through a float, so "0.29" is exactly 29.
import type { Minor } from "./types";

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
// ISO 4217 minor units go up to 4 (CLF, UYW); a little headroom costs nothing.
const MAX_EXPONENT = 6;

function assertExponent(exponent: number): void {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > MAX_EXPONENT) {
    throw new RangeError(
      `Currency exponent must be a whole number from 0 to ${MAX_EXPONENT}, got ${String(exponent)}`,
    );
  }
}

/** "12.50" with exponent 2 → 1250. Throws RangeError rather than guessing. */
export function parseDecimalToMinor(amount: string, exponent: number): Minor {
  assertExponent(exponent);
  const match = typeof amount === "string" ? DECIMAL.exec(amount) : null;
  if (!match) {
    throw new RangeError(
      `Not a decimal amount: ${JSON.stringify(amount)} (expected digits like "12.50" or "-3.10")`,
    );
  }
  const [, sign, whole, fraction = ""] = match;
  // Extra digits are only acceptable when they are zeros ("12.500" is still 12.50).
  const significant = fraction.slice(exponent);
  if (/[^0]/.test(significant)) {
    throw new RangeError(
      `Amount ${JSON.stringify(amount)} has more decimals than the currency allows (${exponent})`,
    );
  }
  const digits = whole + fraction.slice(0, exponent).padEnd(exponent, "0");
  const magnitude = BigInt(digits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${JSON.stringify(amount)} is too large to handle exactly`);
  }
  const minor = Number(magnitude);
  // Avoid returning -0 for "-0.00".
  return sign === "-" && minor !== 0 ? -minor : minor;
}

/** 1250 with exponent 2 → "12.50"; -5 → "-0.05"; exponent 0 → no decimal point. */
export function formatMinor(minor: Minor, exponent: number): string {
  assertExponent(exponent);
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Minor units must be a safe integer, got ${String(minor)}`);
  }
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  const cut = digits.length - exponent;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}
