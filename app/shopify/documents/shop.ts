// Shop-wide settings the ledger needs: earn maths use the shop currency, day boundaries its timezone.
export const SHOP_SETTINGS_QUERY = `#graphql
  query ShopSettings {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
`;

// The Shop's GID, owner of the shop-level `$app:loyalty.program` metafield.
export const SHOP_ID_QUERY = `#graphql
  query ShopId {
    shop {
      id
    }
  }
`;
