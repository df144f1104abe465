// CSV import of many customers new to Tally (decision 047): the shop's customers, id and email only,
// exported once by a bulk query instead of one lookup per customer (1M ids through `nodes(ids:)`
// cost ≈ 2M points: hours of a standard shop's bucket). No nested connection, so the lines need no
// grouping (`groupObjects: false`, which Shopify says is the cheaper and safer way). Progress is
// polled with BULK_OPERATION_STATUS (documents/bulk-orders.ts).
export const CUSTOMER_EXPORT_QUERY = `{
  customers {
    edges {
      node {
        id
        defaultEmailAddress { emailAddress }
      }
    }
  }
}`;

export const CUSTOMER_EXPORT_RUN = `#graphql
  mutation CustomerExportBulkOperationRun($query: String!) {
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
