// Reads what the ledger needs to know about a shop at install time (currency, time zone).
import { runAdminOperation, type AdminGraphqlClient } from "./admin-client.server";
import { SHOP_SETTINGS_QUERY } from "./documents/shop";

export interface FetchedShopSettings {
  name: string;
  myshopifyDomain: string;
  currencyCode: string;
  /** IANA zone such as "Europe/Paris"; named timeZone to match the Shop model. */
  timeZone: string;
}

export async function fetchShopSettings(client: AdminGraphqlClient): Promise<FetchedShopSettings> {
  const { shop } = await runAdminOperation(client, SHOP_SETTINGS_QUERY);
  return {
    name: shop.name,
    myshopifyDomain: shop.myshopifyDomain,
    currencyCode: shop.currencyCode,
    timeZone: shop.ianaTimezone,
  };
}
