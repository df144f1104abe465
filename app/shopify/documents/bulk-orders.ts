// The order backfill (docs/decisions/013): a bulk query of the orders placed in a time range, and
// the polls of its progress. The inner query is sent as a string, so the codegen cannot see it; the
// stand-in validates it against the schema and Shopify's bulk limits (≤ 5 connections, 2 deep).
// `groupObjects: true` puts each order's line items and refund lines right after the order, so the
// file can be read as a stream one order at a time.
//
// The reconciliation of missed webhooks (docs/decisions/030) asks the same of the orders *updated* in
// a window: `by: "updated_at"`.
export function bulkOrdersQuery(
  since: Date,
  until: Date,
  by: "created_at" | "updated_at" = "created_at",
): string {
  const sortKey = by === "created_at" ? "CREATED_AT" : "UPDATED_AT";
  return `{
  orders(query: "${by}:>='${since.toISOString()}' AND ${by}:<'${until.toISOString()}'", sortKey: ${sortKey}) {
    edges {
      node {
        id
        name
        createdAt
        updatedAt
        cancelledAt
        displayFinancialStatus
        discountCodes
        totalPriceSet { shopMoney { currencyCode } }
        customer { id createdAt firstName lastName defaultEmailAddress { emailAddress } }
        lineItems {
          edges {
            node {
              id
              quantity
              currentQuantity
              isGiftCard
              product { id }
              variant { id }
              originalUnitPriceSet { shopMoney { amount } }
              discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            }
          }
        }
        refunds {
          id
          refundLineItems {
            edges {
              node {
                lineItem { id }
                quantity
                subtotalSet { shopMoney { amount } }
              }
            }
          }
        }
      }
    }
  }
}`;
}

export const BULK_OPERATION_RUN_QUERY = `#graphql
  mutation BackfillBulkOperationRun($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
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

export const BULK_OPERATION_STATUS = `#graphql
  query BackfillBulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        rootObjectCount
        url
        partialDataUrl
      }
    }
  }
`;
