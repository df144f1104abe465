// The `orders` query (paged, as Tally's reconciliation reads it) and `ordersCount`, over the shop's
// stored orders. Search terms: `created_at` and `updated_at` with >=, >, <=, < joined by AND (what
// Tally sends); anything else is refused loudly rather than answered wrongly. Cursors are keyset
// cursors over (sort value, id), like Shopify's opaque ones: an order updated between two pages moves
// to the end of an UPDATED_AT listing instead of shifting every later page by one.
import type { ResolverContext } from "../resolver-kit";
import type { ShopState } from "../state";

type StoredOrder = Record<string, unknown>;
const MAX_PAGE = 250;
const FIELDS: Record<string, string> = { created_at: "createdAt", updated_at: "updatedAt" };
const SORT_FIELDS: Record<string, string | null> = {
  CREATED_AT: "createdAt",
  UPDATED_AT: "updatedAt",
  PROCESSED_AT: "createdAt",
  ID: null,
};

const numericId = (order: StoredOrder) => BigInt(String(order.id).split("/").pop()!);

/** The orders a search selects (unsorted). */
export function ordersMatching(shop: ShopState, search: string | null | undefined): StoredOrder[] {
  let orders = shop.orders;
  for (const term of (search ?? "").split(/\s+AND\s+/).filter((part) => part.trim())) {
    const match = /^\s*(created_at|updated_at):(>=|>|<=|<)'?([^'\s]+)'?\s*$/.exec(term);
    if (!match) throw new Error(`The stand-in cannot filter orders by "${term}"`);
    const field = FIELDS[match[1]];
    const bound = Date.parse(match[3]);
    if (Number.isNaN(bound)) throw new Error(`"${match[3]}" is not a date`);
    const compare = match[2];
    orders = orders.filter((order) => {
      const value = Date.parse(String(order[field]));
      if (compare === ">=") return value >= bound;
      if (compare === ">") return value > bound;
      if (compare === "<=") return value <= bound;
      return value < bound;
    });
  }
  return orders;
}

function sortKeyOf(sortKey: string | null | undefined): (order: StoredOrder) => [number, bigint] {
  if (!(String(sortKey ?? "ID") in SORT_FIELDS))
    throw new Error(`The stand-in cannot sort orders by ${sortKey}`);
  const field = SORT_FIELDS[sortKey ?? "ID"];
  return (order) => [field ? Date.parse(String(order[field])) : 0, numericId(order)];
}

const compareKeys = (a: [number, bigint], b: [number, bigint]) =>
  a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** Orders of a search in the order a sort key gives them (ties by id), as Shopify lists them. */
export function ordersSorted(
  shop: ShopState,
  search: string | null | undefined,
  sortKey?: string | null,
): StoredOrder[] {
  const key = sortKeyOf(sortKey);
  return ordersMatching(shop, search)
    .map((order) => ({ order, key: key(order) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ order }) => order);
}

const encodeCursor = (key: [number, bigint]) =>
  Buffer.from(JSON.stringify([key[0], String(key[1])])).toString("base64url");

function decodeCursor(cursor: string): [number, bigint] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [number, string];
    if (typeof at !== "number") throw new Error();
    return [at, BigInt(id)];
  } catch {
    throw new Error(`Invalid cursor "${cursor}"`);
  }
}

interface OrdersArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

export function orders(args: OrdersArgs, { shop }: ResolverContext) {
  if (args.last != null || args.before != null || args.reverse)
    throw new Error("The stand-in pages orders forwards only (first/after)");
  if (args.first == null || args.first < 1 || args.first > MAX_PAGE)
    throw new Error(`orders needs first between 1 and ${MAX_PAGE}`);
  const key = sortKeyOf(args.sortKey);
  const after = args.after ? decodeCursor(args.after) : null;
  const sorted = ordersSorted(shop, args.query, args.sortKey).filter(
    (order) => !after || compareKeys(key(order), after) > 0,
  );
  const page = sorted.slice(0, args.first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(key(node)) }));
  return {
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: sorted.length > page.length,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** `ordersCount`: exact up to `limit` (Shopify's default 10,000), then AT_LEAST. */
export function ordersCount(
  args: { query?: string | null; limit?: number | null },
  { shop }: ResolverContext,
) {
  const count = ordersMatching(shop, args.query).length;
  const limit = args.limit === undefined ? 10_000 : args.limit;
  return limit !== null && count > limit
    ? { count: limit, precision: "AT_LEAST" }
    : { count, precision: "EXACT" };
}
