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
