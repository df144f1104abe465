// In-memory Shopify data of the Admin API stand-in, one ShopState per shop domain. Tests read it to
// assert what the app wrote, and may edit it (e.g. settings) to set up a scenario.

export interface StandinShopSettings {
  name: string;
  myshopifyDomain: string;
  /** ISO 4217 code, also the only currency store credit accepts unless storeCreditCurrencies says more. */
  currencyCode: string;
  ianaTimezone: string;
  storeCreditCurrencies?: string[];
}

export interface StoredMetafield {
  id: string;
  ownerId: string;
  /** Resolved namespace: `$app:loyalty` is stored as `app--{appId}--loyalty`, as Shopify does. */
  namespace: string;
  key: string;
  type: string;
  value: string;
  compareDigest: string;
  createdAt: string;
  updatedAt: string;
}

export type StoredDiscountValue =
  | { kind: "percentage"; percentage: number }
  | { kind: "fixedAmount"; amount: string; appliesOnEachItem: boolean }
  | { kind: "freeShipping"; maximumShippingPrice: string | null };

export type StoredDiscountItems =
  | { kind: "all" }
  | { kind: "products"; productIds: string[]; variantIds: string[] }
  | { kind: "collections"; collectionIds: string[] };

export interface StoredDiscount {
  id: string;
  type: "DiscountCodeBasic" | "DiscountCodeFreeShipping";
  code: string;
  title: string;
  /** Empty when the code is open to all buyers. */
  customerIds: string[];
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  startsAt: string;
  endsAt: string | null;
  value: StoredDiscountValue;
  items: StoredDiscountItems | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  minimumSubtotal: string | null;
  minimumQuantity: string | null;
  /**
   * Orders that used the code, read back as `asyncUsageCount`. Tests raise it to play an order that
   * used the code in Shopify before (or without) its webhook reaching the app.
   */
  usageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredCreditTransaction {
  id: string;
  amount: string;
  balanceAfter: string;
  expiresAt: string | null;
  notify: boolean;
  createdAt: string;
}

export interface StoredCreditAccount {
  id: string;
  ownerId: string;
  currencyCode: string;
  balance: string;
  transactions: StoredCreditTransaction[];
}

export interface StoredBulkOperation {
  id: string;
  query: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  createdAt: string;
  completedAt: string | null;
  /** Status polls left before it completes, so callers are seen to poll. */
  pollsLeft: number;
  /** The result file, built when the operation completes. */
  jsonl: string | null;
  objectCount: number;
  rootObjectCount: number;
}

/** A collection and its products (custom or smart: the stand-in keeps the resulting membership). */
export interface StoredCollection {
  /** `gid://shopify/Collection/…` */
  id: string;
  title: string;
  /** `gid://shopify/Product/…`, in the collection's order. */
  productIds: string[];
}

/** A customer as the `customers` query reads it (only what Tally asks for). */
export interface StoredCustomer {
  /** `gid://shopify/Customer/…` */
  id: string;
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export interface ShopState {
  readonly domain: string;
  settings: StandinShopSettings;
  /** Keyed by metafieldKey(ownerId, resolved namespace, key). */
  metafields: Map<string, StoredMetafield>;
  /** Keyed by DiscountCodeNode GID. */
  discounts: Map<string, StoredDiscount>;
  /** Keyed by StoreCreditAccount GID. */
  storeCreditAccounts: Map<string, StoredCreditAccount>;
  /** Keyed by resource GID (customers, orders, …). */
  tags: Map<string, Set<string>>;
  /** Flow trigger events received by flowTriggerReceive, oldest first. */
  flowTriggers: { handle: string; payload: Record<string, unknown>; receivedAt: string }[];
  /** Orders in Admin GraphQL shape (nested connections as `connection(...)`), read by bulk queries. */
  orders: Record<string, unknown>[];
  /** Keyed by BulkOperation GID. */
  bulkOperations: Map<string, StoredBulkOperation>;
  /** The shop's customers, in id order, read by the `customers` query. */
  customers: StoredCustomer[];
  /** The shop's collections, read by `collection`, `product { collections }` and bulk queries. */
  collections: StoredCollection[];
  /** Reads a metafield by the namespace the app uses (`$app:…` is resolved). */
  metafield(ownerId: string, namespace: string, key: string): StoredMetafield | undefined;
  discountByCode(code: string): StoredDiscount | undefined;
  storeCreditBalance(ownerId: string, currencyCode?: string): string | undefined;
}

export interface StandinState {
  readonly appId: string;
  /**
   * Where bulk operation result files are served from: Shopify's storage stand-in (answered by msw)
   * by default; the stand-in server (scripts/demo/admin-api-server.ts) sets its own address.
   */
  bulkResultOrigin: string;
  shops: Map<string, ShopState>;
  /** The shop's state, created with default settings on first use. */
  shop(domain: string): ShopState;
  /** A fresh GID such as `gid://shopify/DiscountCodeNode/1001`. */
  nextGid(type: string): string;
  resolveNamespace(namespace: string | null | undefined): string;
  reset(): void;
}

export interface StandinStateOptions {
  /** Settings for every shop; USD and UTC unless given. */
  defaultSettings?: Partial<StandinShopSettings>;
  /** Per-domain overrides, e.g. `{ "euro.myshopify.com": { currencyCode: "EUR" } }`. */
  shops?: Record<string, Partial<StandinShopSettings>>;
  /** The app's numeric id, used to resolve `$app` namespaces. */
  appId?: string;
}

export function metafieldKey(ownerId: string, namespace: string, key: string): string {
  return `${ownerId}|${namespace}|${key}`;
}

export function createStandinState(options: StandinStateOptions = {}): StandinState {
  const appId = options.appId ?? "4242";
  let counter = 1000;

  const resolveNamespace = (namespace: string | null | undefined): string => {
    // An omitted namespace is the app-reserved one, as in Shopify.
    if (namespace == null || namespace === "$app") return `app--${appId}`;
    return namespace.startsWith("$app:") ? `app--${appId}--${namespace.slice(5)}` : namespace;
  };

  const createShop = (domain: string): ShopState => {
    const label = domain.split(".")[0] ?? domain;
    const settings: StandinShopSettings = {
      name: label.charAt(0).toUpperCase() + label.slice(1),
      myshopifyDomain: domain,
      currencyCode: "USD",
      ianaTimezone: "UTC",
      ...options.defaultSettings,
      ...options.shops?.[domain],
    };
    const shop: ShopState = {
      domain,
      settings,
      metafields: new Map(),
      discounts: new Map(),
      storeCreditAccounts: new Map(),
      tags: new Map(),
      flowTriggers: [],
      orders: [],
      bulkOperations: new Map(),
      customers: [],
      collections: [],
      metafield: (ownerId, namespace, key) =>
        shop.metafields.get(metafieldKey(ownerId, resolveNamespace(namespace), key)),
      discountByCode: (code) =>
        [...shop.discounts.values()].find(
          (discount) => discount.code.toLowerCase() === code.toLowerCase(),
        ),
      storeCreditBalance: (ownerId, currencyCode = shop.settings.currencyCode) =>
        [...shop.storeCreditAccounts.values()].find(
          (account) => account.ownerId === ownerId && account.currencyCode === currencyCode,
        )?.balance,
    };
    return shop;
  };

  const state: StandinState = {
    appId,
    bulkResultOrigin: "https://standin-storage.shopify.test",
    shops: new Map(),
    shop(domain) {
      let shop = state.shops.get(domain);
      if (!shop) {
        shop = createShop(domain);
        state.shops.set(domain, shop);
      }
      return shop;
    },
    nextGid: (type) => `gid://shopify/${type}/${++counter}`,
    resolveNamespace,
    reset() {
      state.shops.clear();
      counter = 1000;
    },
  };
  return state;
}

/** `gid://shopify/Customer/1` → "Customer"; undefined for anything that is not a Shopify GID. */
export function gidType(id: unknown): string | undefined {
  return typeof id === "string"
    ? /^gid:\/\/shopify\/([A-Za-z]+)\/[0-9A-Za-z-]+$/.exec(id)?.[1]
    : undefined;
}
