// Code discounts: discountCodeBasicCreate, discountCodeFreeShippingCreate, discountCodeDeactivate, and the
// codeDiscountNodeByCode lookup.
// Enforces what a loyalty app can get wrong: codes unique per shop (case-insensitive), required title,
// code and start date, end after start, positive usage limit, one way of choosing customers.
import { formatDecimal, parseDecimal } from "../decimal";
import {
  connection,
  isBlank,
  money,
  userError,
  type ResolverContext,
  type StandinUserError,
} from "../resolver-kit";
import type { ShopState, StoredDiscount, StoredDiscountItems, StoredDiscountValue } from "../state";

// Loosely typed: the schema has already validated shapes; only business rules are checked here.
interface CodeDiscountInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  context?: {
    all?: string;
    customers?: { add?: string[] | null };
    customerSegments?: unknown;
    markets?: unknown;
  } | null;
  customerSelection?: { all?: boolean | null; customers?: { add?: string[] | null } | null } | null;
  combinesWith?: {
    orderDiscounts?: boolean | null;
    productDiscounts?: boolean | null;
    shippingDiscounts?: boolean | null;
  } | null;
  minimumRequirement?: {
    subtotal?: { greaterThanOrEqualToSubtotal?: string | number | null } | null;
    quantity?: { greaterThanOrEqualToQuantity?: string | null } | null;
  } | null;
  customerGets?: {
    value?: {
      percentage?: number | null;
      discountAmount?: {
        amount?: string | number | null;
        appliesOnEachItem?: boolean | null;
      } | null;
      discountOnQuantity?: unknown;
    } | null;
    items?: {
      all?: boolean | null;
      products?: { productsToAdd?: string[] | null; productVariantsToAdd?: string[] | null } | null;
      collections?: { add?: string[] | null } | null;
    } | null;
  } | null;
  maximumShippingPrice?: string | number | null;
}

type Kind = { type: StoredDiscount["type"]; argument: string };
const BASIC: Kind = { type: "DiscountCodeBasic", argument: "basicCodeDiscount" };
const FREE_SHIPPING: Kind = {
  type: "DiscountCodeFreeShipping",
  argument: "freeShippingCodeDiscount",
};

export function discountCodeBasicCreate(
  args: { basicCodeDiscount: CodeDiscountInput },
  context: ResolverContext,
) {
  return createCodeDiscount(BASIC, args.basicCodeDiscount, context);
}

export function discountCodeFreeShippingCreate(
  args: { freeShippingCodeDiscount: CodeDiscountInput },
  context: ResolverContext,
) {
  return createCodeDiscount(FREE_SHIPPING, args.freeShippingCodeDiscount, context);
}

/** Codes are matched case-insensitively, as Shopify does; an unknown code is null, not an error. */
export function codeDiscountNodeByCode(args: { code: string }, { shop, now }: ResolverContext) {
  const discount = shop.discountByCode(args.code);
  return discount ? codeDiscountNodeView(discount, now, shop.settings.currencyCode) : null;
}

export function discountCodeDeactivate(args: { id: string }, { shop, now }: ResolverContext) {
  const discount = shop.discounts.get(args.id);
  if (!discount) {
    return {
      codeDiscountNode: null,
      userErrors: [userError(["id"], "Discount does not exist", "INVALID")],
    };
  }
  const nowIso = now.toISOString();
  if (discount.endsAt === null || Date.parse(discount.endsAt) > now.getTime())
    discount.endsAt = nowIso;
  discount.updatedAt = nowIso;
  return {
    codeDiscountNode: codeDiscountNodeView(discount, now, shop.settings.currencyCode),
    userErrors: [],
  };
}

function createCodeDiscount(
  kind: Kind,
  input: CodeDiscountInput,
  { shop, state, now }: ResolverContext,
) {
  const errors = validate(kind, input, shop);
  if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };

  const nowIso = now.toISOString();
  const discount: StoredDiscount = {
    id: state.nextGid("DiscountCodeNode"),
    type: kind.type,
    code: input.code!.trim(),
    title: input.title!,
    customerIds: input.context?.customers?.add ?? input.customerSelection?.customers?.add ?? [],
    usageLimit: input.usageLimit ?? null,
    appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
    startsAt: new Date(input.startsAt!).toISOString(),
    endsAt: input.endsAt ? new Date(input.endsAt).toISOString() : null,
    value:
      kind === BASIC
        ? basicValue(input)
        : { kind: "freeShipping", maximumShippingPrice: decimalText(input.maximumShippingPrice) },
    items: kind === BASIC ? basicItems(input) : null,
    combinesWith: {
      orderDiscounts: input.combinesWith?.orderDiscounts ?? false,
      productDiscounts: input.combinesWith?.productDiscounts ?? false,
      shippingDiscounts: input.combinesWith?.shippingDiscounts ?? false,
    },
    minimumSubtotal: decimalText(input.minimumRequirement?.subtotal?.greaterThanOrEqualToSubtotal),
    minimumQuantity: input.minimumRequirement?.quantity?.greaterThanOrEqualToQuantity ?? null,
    usageCount: 0,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  shop.discounts.set(discount.id, discount);
  return {
    codeDiscountNode: codeDiscountNodeView(discount, now, shop.settings.currencyCode),
    userErrors: [],
  };
}

function validate(kind: Kind, input: CodeDiscountInput, shop: ShopState): StandinUserError[] {
  const at = (path: string[], message: string, code: string) =>
    userError([kind.argument, ...path], message, code);
  const errors: StandinUserError[] = [];
  if (isBlank(input.title)) errors.push(at(["title"], "Title can't be blank", "BLANK"));
  if (isBlank(input.code)) errors.push(at(["code"], "Code can't be blank", "BLANK"));
  else if (input.code!.length > 255)
    errors.push(at(["code"], "Code is too long (maximum is 255 characters)", "TOO_LONG"));
  else if (/[\r\n]/.test(input.code!))
    errors.push(at(["code"], "Code cannot contain newline characters.", "INVALID"));
  else if (shop.discountByCode(input.code!.trim())) {
    errors.push(at(["code"], "Code must be unique. Please try a different code.", "TAKEN"));
  }
  if (isBlank(input.startsAt)) errors.push(at(["startsAt"], "Starts at can't be blank", "BLANK"));
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
    errors.push(
      at(["endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE"),
    );
  }
  if (input.usageLimit != null && input.usageLimit <= 0) {
    errors.push(at(["usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN"));
  }
  if (input.context && input.customerSelection) {
    errors.push(
      at(["context"], "Only one of context or customerSelection can be provided.", "INVALID"),
    );
  }
  if (input.minimumRequirement?.subtotal && input.minimumRequirement?.quantity) {
    errors.push(
      at(
        ["minimumRequirement"],
        "Minimum subtotal and quantity range can't both be present.",
        "MINIMUM_SUBTOTAL_AND_QUANTITY_RANGE_BOTH_PRESENT",
      ),
    );
  }
  if (kind === BASIC) errors.push(...validateCustomerGets(input, at));
  return errors;
}

function validateCustomerGets(
  input: CodeDiscountInput,
  at: (path: string[], message: string, code: string) => StandinUserError,
): StandinUserError[] {
  const gets = input.customerGets;
  if (!gets) return [at(["customerGets"], "Customer gets can't be blank", "BLANK")];
  const errors: StandinUserError[] = [];
  const value = gets.value;
  if (!value || (value.percentage == null && !value.discountAmount)) {
    errors.push(at(["customerGets", "value"], "Value can't be blank", "BLANK"));
  } else if (value.discountOnQuantity) {
    errors.push(
      at(
        ["customerGets", "value"],
        "Discount on quantity is only supported on buy X get Y discounts",
        "INVALID",
      ),
    );
  } else if (value.percentage != null && (value.percentage <= 0 || value.percentage > 1)) {
    errors.push(
      at(
        ["customerGets", "value", "percentage"],
        "Value must be between 0.0 and 1.0",
        "VALUE_OUTSIDE_RANGE",
      ),
    );
  } else if (value.discountAmount) {
    const amount = parseDecimal(value.discountAmount.amount);
    if (amount === undefined || amount <= 0n) {
      errors.push(
        at(
          ["customerGets", "value", "discountAmount", "amount"],
          "Value must be greater than 0",
          "GREATER_THAN",
        ),
      );
    }
  }
  const items = gets.items;
  const appliesToSomething =
    items?.all === true ||
    (items?.products?.productsToAdd?.length ?? 0) +
      (items?.products?.productVariantsToAdd?.length ?? 0) >
      0 ||
    (items?.collections?.add?.length ?? 0) > 0;
  if (!appliesToSomething) {
    errors.push(
      at(
        ["customerGets", "items"],
        "Items in 'customer get' must be specified.",
        "APPLIES_ON_NOTHING",
      ),
    );
  }
  return errors;
}

function basicValue(input: CodeDiscountInput): StoredDiscountValue {
  const value = input.customerGets!.value!;
  if (value.percentage != null) return { kind: "percentage", percentage: value.percentage };
  return {
    kind: "fixedAmount",
    amount: decimalText(value.discountAmount!.amount)!,
    appliesOnEachItem: value.discountAmount!.appliesOnEachItem ?? false,
  };
}

function basicItems(input: CodeDiscountInput): StoredDiscountItems {
  const items = input.customerGets!.items!;
  if (items.all) return { kind: "all" };
  if (items.collections?.add?.length)
    return { kind: "collections", collectionIds: items.collections.add };
  return {
    kind: "products",
    productIds: items.products?.productsToAdd ?? [],
    variantIds: items.products?.productVariantsToAdd ?? [],
  };
}

/** Decimal inputs are echoed the way Shopify prints them ("5.00" → "5.0"). */
function decimalText(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const parsed = parseDecimal(value);
  return parsed === undefined ? String(value) : formatDecimal(parsed);
}

function statusAt(discount: StoredDiscount, now: Date): "ACTIVE" | "EXPIRED" | "SCHEDULED" {
  if (now.getTime() < Date.parse(discount.startsAt)) return "SCHEDULED";
  if (discount.endsAt !== null && now.getTime() >= Date.parse(discount.endsAt)) return "EXPIRED";
  return "ACTIVE";
}

/** `currency` is the shop's: the stand-in does not model markets. */
export function codeDiscountNodeView(discount: StoredDiscount, now: Date, currency: string) {
  return {
    __typename: "DiscountCodeNode",
    id: discount.id,
    codeDiscount: codeDiscountView(discount, now, currency),
  };
}

function codeDiscountView(discount: StoredDiscount, now: Date, currency: string) {
  const customers = discount.customerIds.map((id) => ({ __typename: "Customer", id }));
  const minimum =
    discount.minimumSubtotal !== null
      ? {
          __typename: "DiscountMinimumSubtotal",
          greaterThanOrEqualToSubtotal: money(discount.minimumSubtotal, currency),
        }
      : discount.minimumQuantity !== null
        ? {
            __typename: "DiscountMinimumQuantity",
            greaterThanOrEqualToQuantity: discount.minimumQuantity,
          }
        : null;
  const common = {
    __typename: discount.type,
    title: discount.title,
    status: statusAt(discount, now),
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    usageLimit: discount.usageLimit,
    appliesOncePerCustomer: discount.appliesOncePerCustomer,
    asyncUsageCount: discount.usageCount,
    createdAt: discount.createdAt,
    updatedAt: discount.updatedAt,
    combinesWith: { ...discount.combinesWith, productDiscountsWithTagsOnSameCartLine: null },
    context: customers.length
      ? { __typename: "DiscountCustomers", customers }
      : { __typename: "DiscountBuyerSelectionAll", all: "ALL" },
    codes: connection([
      {
        __typename: "DiscountRedeemCode",
        id: `${discount.id}/code`,
        code: discount.code,
        asyncUsageCount: discount.usageCount,
      },
    ]),
    codesCount: { count: 1, precision: "EXACT" },
    minimumRequirement: minimum,
    recurringCycleLimit: discount.type === "DiscountCodeBasic" ? 0 : null,
    hasTimelineComment: false,
    tags: [],
    totalSales: null,
    shareableUrls: [],
    summary: discount.title,
    shortSummary: discount.title,
  };
  if (discount.value.kind === "freeShipping") {
    return {
      ...common,
      discountClasses: ["SHIPPING"],
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      destinationSelection: { __typename: "DiscountCountryAll", allCountries: true },
      maximumShippingPrice:
        discount.value.maximumShippingPrice === null
          ? null
          : money(discount.value.maximumShippingPrice, currency),
    };
  }
  const value =
    discount.value.kind === "percentage"
      ? { __typename: "DiscountPercentage", percentage: discount.value.percentage }
      : {
          __typename: "DiscountAmount",
          amount: money(discount.value.amount, currency),
          appliesOnEachItem: discount.value.appliesOnEachItem,
        };
  return {
    ...common,
    discountClasses: [discount.items?.kind === "all" ? "ORDER" : "PRODUCT"],
    customerGets: {
      value,
      items: itemsView(discount.items),
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
    },
  };
}

function itemsView(items: StoredDiscountItems | null) {
  if (!items || items.kind === "all") return { __typename: "AllDiscountItems", allItems: true };
  if (items.kind === "collections") {
    return {
      __typename: "DiscountCollections",
      collections: connection(items.collectionIds.map((id) => ({ id }))),
    };
  }
  return {
    __typename: "DiscountProducts",
    products: connection(items.productIds.map((id) => ({ id }))),
    productVariants: connection(items.variantIds.map((id) => ({ id }))),
  };
}
