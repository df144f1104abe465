// Tier tags (e.g. "tally-tier-gold") let merchants build customer segments and Flow conditions;
// metafields of type json are not filterable there. tagsAdd/tagsRemove are idempotent. `node` is
// not selected: it is typed as the Node interface, which makes codegen emit a union of ~300 types.
export const CUSTOMER_TAGS_ADD = `#graphql
  mutation CustomerTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

export const CUSTOMER_TAGS_REMOVE = `#graphql
  mutation CustomerTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

// CSV import (docs/csv-import.md): customers Tally does not know yet, looked up by email, many per
// query (`email:"a" OR email:"b" …`; the email field is tokenized, so each address is quoted to get
// exact matches). Requested cost 2 + first × 1 (defaultEmailAddress), under the 1,000 per query.
export const CUSTOMERS_BY_EMAIL = `#graphql
  query CustomersByEmail($query: String!, $first: Int!, $after: String) {
    customers(first: $first, after: $after, query: $query) {
      nodes {
        id
        defaultEmailAddress {
          emailAddress
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// CSV import (decision 031): every customer id of a file that Tally does not know is checked in
// Shopify before anything is written, up to 250 per query (the `nodes` limit). Requested cost
// 250 × 2; ids Shopify does not have come back as null.
export const CUSTOMERS_BY_IDS = `#graphql
  query CustomersByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Customer {
        id
        defaultEmailAddress {
          emailAddress
        }
      }
    }
  }
`;
