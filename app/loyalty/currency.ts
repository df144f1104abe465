// Minor-unit digits of a currency as ISO 4217 lists them (2 for USD, 0 for JPY, 3 for KWD), for every
// code Shopify's CurrencyCode enum can send plus current ISO codes it lacks (docs/decisions/029).
// Not from the runtime's ICU/CLDR data: CLDR gives display digits, which differ from ISO for some
// codes (IDR, HUF, COP, LBP, IQD, RSD... are 0 in CLDR), while Shopify sends amounts in ISO precision.
// A code not in the table (XYZ, or Shopify's XXX "unrecognized currency") is refused.
const ZERO = "BIF BYR CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";
const TWO =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD " +
  "CAD CDF CHF CNY COP CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD " +
  "GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JEP JMD KES KGS KHR KID KPW KYD KZT LAK LBP LKR LRD " +
  "LSL LTL LVL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB " +
  "PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STD STN SVC " +
  "SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VEF VES WST XCD XCG YER ZAR ZMW ZWG ZWL";

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...ZERO.split(" ").map((code) => [code, 0] as const),
  ...TWO.split(" ").map((code) => [code, 2] as const),
  ...THREE.split(" ").map((code) => [code, 3] as const),
]);

/** Whether Tally knows the code's minor units (and so can read amounts labelled with it). */
export function isKnownCurrency(currencyCode: string): boolean {
  return EXPONENTS.has(currencyCode);
}

export function currencyExponent(currencyCode: string): number {
  const exponent = EXPONENTS.get(currencyCode);
  if (exponent === undefined)
    throw new RangeError(
      /^[A-Z]{3}$/.test(currencyCode)
        ? `"${currencyCode}" is not a currency Tally knows (ISO 4217)`
        : `"${currencyCode}" is not an ISO 4217 currency code`,
    );
  return exponent;
}
