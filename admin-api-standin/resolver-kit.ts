// Shared pieces of the stand-in's resolvers. graphql-js's default resolver reads plain properties
// and calls functions with (args, context), so resolvers return plain objects; `__typename` tells it
// the concrete type wherever the schema has an interface or union.
import { formatDecimal } from "./decimal";
import type { ShopState, StandinState } from "./state";

export interface ResolverContext {
  state: StandinState;
  shop: ShopState;
  now: Date;
}

// Arguments arrive already coerced and validated against the schema, hence the loose type here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RootResolver = (args: any, context: ResolverContext) => unknown;

export interface StandinUserError {
  field: string[] | null;
  message: string;
  code?: string;
  [extra: string]: unknown;
}

export function userError(
  field: Array<string | number> | null,
  message: string,
  code?: string,
  extra: Record<string, unknown> = {},
): StandinUserError {
  return { field: field ? field.map(String) : null, message, ...(code ? { code } : {}), ...extra };
}

export function money(amount: bigint | string, currencyCode: string) {
  return { amount: typeof amount === "bigint" ? formatDecimal(amount) : amount, currencyCode };
}

/** A Relay connection over an in-memory list, honouring `first`/`last`. */
export function connection<T>(nodes: T[]) {
  return (args: { first?: number | null; last?: number | null } = {}) => {
    const start =
      args.first == null && args.last != null ? Math.max(0, nodes.length - args.last) : 0;
    const end = args.first != null ? Math.min(nodes.length, args.first) : nodes.length;
    return connectionPage(nodes.slice(start, end), start, nodes.length);
  };
}

/** One page of a Relay connection: `page` holds the items from `offset` of `total`; cursors are offsets. */
export function connectionPage<T>(page: T[], offset: number, total: number) {
  const edges = page.map((node, index) => ({ node, cursor: String(offset + index) }));
  return {
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: offset + page.length < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export function isBlank(value: unknown): boolean {
  return value == null || (typeof value === "string" && value.trim() === "");
}
