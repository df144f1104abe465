// The reconciliation of missed webhooks (docs/decisions/030) reads the orders updated in a window
// page by page, oldest update first, with the fields the backfill's bulk query reads (so one
// converter turns both into the webhook path's delivery). Nested lists are capped to keep a page's
// requested cost under Shopify's 1,000-point single-query limit; an order with more line items or
// refund lines than a page holds reports `hasNextPage` and is read through a bulk operation instead.
export const RECONCILE_LINE_ITEMS = 10;
export const RECONCILE_REFUND_LINES = 10;
export const RECONCILE_PAGE_SIZE = 6;

export const RECONCILE_ORDERS_PAGE = `#graphql
  query ReconcileOrdersPage($query: String!, $first: Int!, $after: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        createdAt
        updatedAt
        cancelledAt
        displayFinancialStatus
        discountCodes
        totalPriceSet {
          shopMoney {
            currencyCode
          }
        }
        customer {
          id
          firstName
          lastName
          defaultEmailAddress {
            emailAddress
          }
        }
        lineItems(first: 10) {
          pageInfo {
            hasNextPage
          }
          nodes {
            id
            quantity
            currentQuantity
            isGiftCard
            product {
              id
            }
            variant {
              id
            }
            originalUnitPriceSet {
              shopMoney {
                amount
              }
            }
            discountAllocations {
              allocatedAmountSet {
                shopMoney {
                  amount
                }
              }
            }
          }
        }
        refunds {
          id
          refundLineItems(first: 10) {
            pageInfo {
              hasNextPage
            }
            nodes {
              lineItem {
                id
              }
              quantity
              subtotalSet {
                shopMoney {
                  amount
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const RECONCILE_ORDERS_COUNT = `#graphql
  query ReconcileOrdersCount($query: String!) {
    ordersCount(query: $query, limit: 10000) {
      count
      precision
    }
  }
`;

/** The search of a window: orders updated at or after `since` and before `until`. */
export function updatedWindowQuery(since: Date, until: Date): string {
  return `updated_at:>='${since.toISOString()}' AND updated_at:<'${until.toISOString()}'`;
}
