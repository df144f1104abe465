// Root fields the stand-in answers. Anything else is reported as unimplemented, never as null.
import type { RootResolver } from "../resolver-kit";
import { bulkOperationRunQuery, node } from "./bulk-operations";
import { collection, product } from "./collections";
import { nodes } from "./customer-nodes";
import { customers } from "./customers";
import {
  codeDiscountNodeByCode,
  discountCodeBasicCreate,
  discountCodeDeactivate,
  discountCodeFreeShippingCreate,
} from "./discounts";
import { flowTriggerReceive } from "./flow";
import { metafieldsSet } from "./metafields";
import { orders, ordersCount } from "./orders";
import { shop } from "./shop";
import { storeCreditAccountCredit } from "./store-credit";
import { tagsAdd, tagsRemove } from "./tags";

export const QUERY_RESOLVERS: Record<string, RootResolver> = {
  shop,
  node,
  codeDiscountNodeByCode,
  customers,
  orders,
  ordersCount,
  nodes,
  collection,
  product,
};

export const MUTATION_RESOLVERS: Record<string, RootResolver> = {
  metafieldsSet,
  bulkOperationRunQuery,
  discountCodeBasicCreate,
  discountCodeFreeShippingCreate,
  discountCodeDeactivate,
  storeCreditAccountCredit,
  tagsAdd,
  tagsRemove,
  flowTriggerReceive,
};
