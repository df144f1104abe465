// Minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY, 3 for KWD), from the runtime's
// own currency data, so no table has to be maintained here.
const known = new Map<string, number>();

export function currencyExponent(currencyCode: string): number {
  let exponent = known.get(currencyCode);
  if (exponent === undefined) {
    if (!/^[A-Z]{3}$/.test(currencyCode))
      throw new RangeError(`"${currencyCode}" is not an ISO 4217 currency code`);
    exponent =
      new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    known.set(currencyCode, exponent);
  }
  return exponent;
}
