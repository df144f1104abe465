// Collections and their products: `collection(id:)` with its `products` and `product(id:)` with its
// `collections`, paged with `first`/`after` (cursors are offsets), and the objects a bulk query over
// `collections` reads. A product exists here while some collection lists it (one in none reads
// as null, which Tally treats as "in no collection"); membership is what the stored collections say
// (a smart collection's result included).
import { connectionPage, type ResolverContext } from "../resolver-kit";
import type { ShopState, StoredCollection } from "../state";

const MAX_PAGE = 250;

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function page<T>(items: T[], args: PageArgs) {
  if (args.first == null || args.first < 1 || args.first > MAX_PAGE)
    throw new Error(`connections need first between 1 and ${MAX_PAGE}`);
  const start = args.after ? Number(args.after) + 1 : 0;
  return connectionPage(items.slice(start, start + args.first), start, items.length);
}

const productNode = (shop: ShopState, id: string) => ({
  __typename: "Product",
  id,
  collections: (args: PageArgs) =>
    page(
      shop.collections
        .filter((collection) => collection.productIds.includes(id))
        .map((collection) => collectionNode(shop, collection)),
      args,
    ),
});

/** A stored collection as a `Collection` object; `products` pages (or, in a bulk query, lists all). */
export function collectionNode(shop: ShopState, collection: StoredCollection) {
  return {
    __typename: "Collection",
    id: collection.id,
    title: collection.title,
    products: (args: PageArgs) =>
      args.first == null
        ? connectionPage(
            collection.productIds.map((id) => productNode(shop, id)),
            0,
            collection.productIds.length,
          )
        : page(
            collection.productIds.map((id) => productNode(shop, id)),
            args,
          ),
  };
}

export function collection(args: { id: string }, { shop }: ResolverContext) {
  const found = shop.collections.find((candidate) => candidate.id === args.id);
  return found ? collectionNode(shop, found) : null;
}

export function product(args: { id: string }, { shop }: ResolverContext) {
  const known = shop.collections.some((candidate) => candidate.productIds.includes(args.id));
  return known ? productNode(shop, args.id) : null;
}
