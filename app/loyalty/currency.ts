// Minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY, 3 for KWD), from the runtime's
// own currency data, so no table has to be maintained here.
export function currencyExponent(currencyCode: string): number {
  if (!/^[A-Z]{3}$/.test(currencyCode)) throw new RangeError(`"${currencyCode}" is not an ISO 4217 currency code`);
  return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
}
