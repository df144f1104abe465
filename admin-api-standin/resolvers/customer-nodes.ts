// `nodes(ids:)` for customers (the CSV import checks customer ids before writing): each id is the
// shop's customer, or null when the shop has none with that id, as Shopify answers. Other node
// types are refused loudly rather than answered wrongly.
import type { ResolverContext } from "../resolver-kit";
import { customerNode } from "./customers";

const MAX_IDS = 250;

export function nodes(args: { ids: string[] }, { shop }: ResolverContext) {
  if (args.ids.length > MAX_IDS) throw new Error(`nodes takes at most ${MAX_IDS} ids`);
  return args.ids.map((id) => {
    if (!id.startsWith("gid://shopify/Customer/"))
      throw new Error(`The stand-in answers nodes(ids:) for customers only, not ${id}`);
    const customer = shop.customers.find((candidate) => candidate.id === id);
    return customer ? customerNode(customer) : null;
  });
}
