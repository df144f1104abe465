// The `customers` query, for the terms Tally sends: `email:"…"` phrases (exact, case-insensitive)
// or bare `email:…` tokens (Shopify tokenizes the field: a bare term matches any address holding
// it), joined by OR. Any other search is refused loudly rather than answered wrongly.
import { connectionPage, type ResolverContext } from "../resolver-kit";
import type { StoredCustomer } from "../state";

interface CustomersArgs {
  first?: number | null;
  after?: string | null;
  query?: string | null;
}

const MAX_PAGE = 250;

function parseTerms(query: string): ((customer: StoredCustomer) => boolean)[] {
  const terms: ((customer: StoredCustomer) => boolean)[] = [];
  const pattern = /\s*(?:email:"((?:[^"\\]|\\.)*)"|email:([^\s"]+))\s*(OR\b|$)/y;
  let at = 0;
  while (at < query.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(query);
    if (!match)
      throw new Error(
        `The stand-in answers customers(query:) for email terms joined by OR only, not: ${query.slice(at, at + 80)}`,
      );
    const phrase = match[1]?.replace(/\\(.)/g, "$1").toLowerCase();
    const token = match[2]?.toLowerCase();
    terms.push((customer) => {
      const email = customer.email?.toLowerCase() ?? "";
      return phrase !== undefined
        ? email === phrase
        : email.split(/[@.+_-]/).includes(token!) || email === token;
    });
    at = pattern.lastIndex;
    if (!match[3]) break;
  }
  return terms;
}

export function customers(args: CustomersArgs, { shop }: ResolverContext) {
  if (args.first == null || args.first < 1 || args.first > MAX_PAGE)
    throw new Error(`customers needs first between 1 and ${MAX_PAGE}`);
  const terms = args.query ? parseTerms(args.query) : [];
  const matching = shop.customers.filter(
    (customer) => terms.length === 0 || terms.some((term) => term(customer)),
  );
  const start = args.after ? Number(args.after) + 1 : 0;
  const page = matching.slice(start, start + args.first);
  return connectionPage(page.map(customerNode), start, matching.length);
}

/** A stored customer as a `Customer` object (what Tally selects of it). */
export function customerNode(customer: StoredCustomer) {
  return {
    __typename: "Customer",
    id: customer.id,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    defaultEmailAddress: customer.email ? { emailAddress: customer.email } : null,
  };
}
