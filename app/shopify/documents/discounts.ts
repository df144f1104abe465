// Reward codes (design §3). The documents pin what every reward code must have: customers through
// `context.customers` (2026-10 deprecates `customerSelection`), an explicit usage limit and an end
// date so unused codes can be released. Required variables have no defaults on purpose: a forgotten
// usage limit must be a type error, not an unlimited code.

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation DiscountCodeBasicCreate(
    $title: String!
    $code: String!
    $customerIds: [ID!]!
    $value: DiscountCustomerGetsValueInput!
    $items: DiscountItemsInput!
    $startsAt: DateTime!
    $endsAt: DateTime!
    $usageLimit: Int!
    $appliesOncePerCustomer: Boolean!
    $combinesWith: DiscountCombinesWithInput
    $minimumRequirement: DiscountMinimumRequirementInput
  ) {
    discountCodeBasicCreate(
      basicCodeDiscount: {
        title: $title
        code: $code
        context: { customers: { add: $customerIds } }
        customerGets: { value: $value, items: $items }
        startsAt: $startsAt
        endsAt: $endsAt
        usageLimit: $usageLimit
        appliesOncePerCustomer: $appliesOncePerCustomer
        combinesWith: $combinesWith
        minimumRequirement: $minimumRequirement
      }
    ) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            title
            status
            endsAt
            usageLimit
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const DISCOUNT_CODE_FREE_SHIPPING_CREATE = `#graphql
  mutation DiscountCodeFreeShippingCreate(
    $title: String!
    $code: String!
    $customerIds: [ID!]!
    $startsAt: DateTime!
    $endsAt: DateTime!
    $usageLimit: Int!
    $appliesOncePerCustomer: Boolean!
    $combinesWith: DiscountCombinesWithInput
    $minimumRequirement: DiscountMinimumRequirementInput
    $maximumShippingPrice: Decimal
  ) {
    discountCodeFreeShippingCreate(
      freeShippingCodeDiscount: {
        title: $title
        code: $code
        context: { customers: { add: $customerIds } }
        destination: { all: true }
        startsAt: $startsAt
        endsAt: $endsAt
        usageLimit: $usageLimit
        appliesOncePerCustomer: $appliesOncePerCustomer
        combinesWith: $combinesWith
        minimumRequirement: $minimumRequirement
        maximumShippingPrice: $maximumShippingPrice
      }
    ) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeFreeShipping {
            title
            status
            endsAt
            usageLimit
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

// Ends a code now (the reward was cancelled or its points released); history stays in Shopify.
// The answer carries how often the code was used, read after it stopped working: points come back
// only for a code that is both deactivated and unused (design §7). The count is updated
// asynchronously, so a use it has not counted yet is caught when its order arrives.
export const DISCOUNT_CODE_DEACTIVATE = `#graphql
  mutation DiscountCodeDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            status
            endsAt
            asyncUsageCount
          }
          ... on DiscountCodeFreeShipping {
            status
            endsAt
            asyncUsageCount
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

// Finds a reward code whatever became of the request that created it (design §3: a reservation whose
// outcome is unknown is settled by looking the code up, never by guessing).
export const CODE_DISCOUNT_NODE_BY_CODE = `#graphql
  query CodeDiscountNodeByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
    }
  }
`;

// A referred friend's code (decision 036): the friend is not known when the link is opened, so the
// code is open to all buyers but usable once (`usageLimit: 1`, once per customer) and ends.
export const REFERRAL_CODE_CREATE = `#graphql
  mutation ReferralCodeCreate(
    $title: String!
    $code: String!
    $value: DiscountCustomerGetsValueInput!
    $startsAt: DateTime!
    $endsAt: DateTime!
    $usageLimit: Int!
    $appliesOncePerCustomer: Boolean!
  ) {
    discountCodeBasicCreate(
      basicCodeDiscount: {
        title: $title
        code: $code
        context: { all: ALL }
        customerGets: { value: $value, items: { all: true } }
        startsAt: $startsAt
        endsAt: $endsAt
        usageLimit: $usageLimit
        appliesOncePerCustomer: $appliesOncePerCustomer
      }
    ) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
