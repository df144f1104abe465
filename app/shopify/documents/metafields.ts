// Mirrors balance and tier to app-owned customer metafields (design §4). metafieldsSet is atomic:
// one bad input fails the whole batch, so elementIndex is selected to log which input it was.
export const METAFIELDS_SET_MUTATION = `#graphql
  mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
        namespace
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`;
