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
