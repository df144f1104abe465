// Product → collection membership (docs/decisions/059). Orders carry each line's product, not its
// collections, and webhook payloads of collections and products do not list membership either: a
// full sync exports every collection with its products by a bulk query (the inner query is a
// string, validated by the stand-in against the schema and Shopify's bulk limits: 2 connections,
// nested 2 deep); a webhook's product or collection is asked for by id, a page of 250 at a time.
// No grouping: every product line names its collection in `__parentId`, whatever the order.
export const COLLECTION_MEMBERSHIP_QUERY = `{
  collections {
    edges {
      node {
        id
        title
        products {
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
}`;

export const COLLECTION_SYNC_RUN = `#graphql
  mutation CollectionSyncBulkOperationRun($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const PRODUCT_COLLECTIONS = `#graphql
  query ProductCollections($id: ID!, $after: String) {
    product(id: $id) {
      id
      collections(first: 250, after: $after) {
        nodes {
          id
          title
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const COLLECTION_PRODUCTS = `#graphql
  query CollectionProducts($id: ID!, $after: String) {
    collection(id: $id) {
      id
      title
      products(first: 250, after: $after) {
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;
