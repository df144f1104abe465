// Bulk query operations: bulkOperationRunQuery validates the inner query against the schema (and the
// bulk limits: at most 5 connections, nested 2 deep), `node(id)` reports progress and, after a poll,
// completion with a URL; BULK_RESULT_URL serves the JSONL (connections flattened into lines with
// `__parentId`, children right after their parent as with groupObjects). The root connection is
// `orders`, filtered by `created_at` / `updated_at` terms (resolvers/orders.ts), `customers`
// (all of the shop's: the CSV import's export) or `collections` (all, with their products: the
// collection membership sync). The query is executed against the schema a page of
// roots at a time, so a shop of a million customers is never one result tree. As Shopify does, an
// operation that found nothing completes with `url: null` (there is no file to download).
import { execute, Kind, parse, validate, type DocumentNode, type SelectionSetNode } from "graphql";
import { loadAdminSchema } from "../../app/shopify/schema/admin-schema.server";
import { connection, userError, type ResolverContext } from "../resolver-kit";
import type { ShopState, StandinState, StoredBulkOperation } from "../state";
import { collectionNode } from "./collections";
import { customerNode } from "./customers";
import { ordersSorted } from "./orders";

/** Root objects per execution of the inner query. */
const ROOTS_PER_PAGE = 10_000;

export const BULK_RESULT_ORIGIN = "https://standin-storage.shopify.test";
export const BULK_RESULT_URL = `${BULK_RESULT_ORIGIN}/bulk/:shop/:id`;
const resultUrl = (origin: string, shop: string, id: string) =>
  `${origin}/bulk/${shop}/${id.split("/").pop()!}`;

function connectionDepths(
  selection: SelectionSetNode | undefined,
  depth: number,
  found: number[],
): void {
  for (const node of selection?.selections ?? []) {
    if (node.kind !== Kind.FIELD) continue;
    const isConnection = node.selectionSet?.selections.some(
      (child) =>
        child.kind === Kind.FIELD && (child.name.value === "edges" || child.name.value === "nodes"),
    );
    if (isConnection) found.push(depth + 1);
    connectionDepths(node.selectionSet, isConnection ? depth + 1 : depth, found);
  }
}

function bulkProblems(document: DocumentNode): string[] {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query")
    return ["The bulk query must be a query."];
  const depths: number[] = [];
  connectionDepths(operation.selectionSet, 0, depths);
  const problems: string[] = [];
  if (depths.length === 0) problems.push("Bulk queries must contain at least one connection.");
  if (depths.length > 5) problems.push("Bulk queries cannot contain more than 5 connections.");
  if (Math.max(0, ...depths) > 2)
    problems.push("Bulk queries cannot contain connections with a nesting depth greater than 2.");
  const roots = operation.selectionSet.selections.map((node) =>
    node.kind === Kind.FIELD ? node.name.value : "?",
  );
  if (roots.length !== 1 || !["orders", "customers", "collections"].includes(roots[0]))
    problems.push(
      `The stand-in runs bulk queries over one root, orders, customers or collections, not ${roots.join(", ")}.`,
    );
  return problems;
}

type Json = Record<string, unknown>;
const isConnectionValue = (value: unknown): value is { edges?: { node: Json }[]; nodes?: Json[] } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  (Array.isArray((value as Json).edges) || Array.isArray((value as Json).nodes));

/** Copies `value` without its connections, collecting their nodes with the id of the object owning them. */
function strip(
  value: unknown,
  ownerId: string | null,
  children: { parentId: string | null; node: Json }[],
): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, ownerId, children));
  if (typeof value !== "object" || value === null) return value;
  const object = value as Json;
  const id = typeof object.id === "string" ? object.id : ownerId;
  const copy: Json = {};
  for (const [key, field] of Object.entries(object)) {
    if (isConnectionValue(field)) {
      for (const node of field.edges?.map((edge) => edge.node) ?? field.nodes ?? [])
        children.push({ parentId: id, node });
    } else copy[key] = strip(field, id, children);
  }
  return copy;
}

function flatten(node: Json, parentId: string | null, lines: string[]): void {
  const children: { parentId: string | null; node: Json }[] = [];
  const own = strip(node, null, children) as Json;
  lines.push(JSON.stringify(parentId ? { ...own, __parentId: parentId } : own));
  for (const child of children) flatten(child.node, child.parentId, lines);
}

/** The root connection's objects, in the order Shopify's file would list them. */
function rootObjects(document: DocumentNode, shop: ShopState): { field: string; all: Json[] } {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  const field = root?.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error("no root field");
  const args = Object.fromEntries(
    (field.arguments ?? []).map((argument) => [
      argument.name.value,
      argument.value.kind === Kind.STRING || argument.value.kind === Kind.ENUM
        ? argument.value.value
        : null,
    ]),
  );
  if (field.name.value === "customers") {
    if (args.query)
      throw new Error("The stand-in exports all of a shop's customers; it reads no query.");
    return { field: "customers", all: shop.customers.map(customerNode) };
  }
  if (field.name.value === "collections") {
    if (args.query)
      throw new Error("The stand-in exports all of a shop's collections; it reads no query.");
    return {
      field: "collections",
      all: shop.collections.map((collection) => collectionNode(shop, collection)),
    };
  }
  return {
    field: "orders",
    all: ordersSorted(shop, args.query, args.sortKey) as unknown as Json[],
  };
}

async function complete(
  operation: StoredBulkOperation,
  { shop }: ResolverContext,
  now: Date,
): Promise<void> {
  const schema = loadAdminSchema();
  const document = parse(operation.query);
  const lines: string[] = [];
  let roots = 0;
  let failed = false;
  try {
    const { field, all } = rootObjects(document, shop);
    for (let start = 0; start < all.length || start === 0; start += ROOTS_PER_PAGE) {
      const page = all.slice(start, start + ROOTS_PER_PAGE);
      const result = await execute({
        schema,
        document,
        rootValue: { [field]: () => connection(page)({}) },
      });
      if (result.errors?.length) {
        failed = true;
        break;
      }
      const nodes = (
        (result.data?.[field] as { edges?: { node: Json }[] } | undefined)?.edges ?? []
      ).map((edge) => edge.node);
      for (const node of nodes) flatten(node, null, lines);
      roots += nodes.length;
      if (!page.length) break;
    }
  } catch {
    failed = true;
  }
  if (failed) {
    Object.assign(operation, { status: "FAILED", completedAt: now.toISOString() });
    return;
  }
  Object.assign(operation, {
    status: "COMPLETED",
    completedAt: now.toISOString(),
    jsonl: lines.map((line) => `${line}\n`).join(""),
    objectCount: lines.length,
    rootObjectCount: roots,
  });
}

function view(operation: StoredBulkOperation, shop: ShopState, state: StandinState) {
  return {
    __typename: "BulkOperation",
    id: operation.id,
    status: operation.status,
    errorCode: operation.status === "FAILED" ? "INTERNAL_SERVER_ERROR" : null,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.jsonl ? String(Buffer.byteLength(operation.jsonl)) : null,
    // Shopify gives no file (url null) when the query found nothing.
    url:
      operation.status === "COMPLETED" && operation.jsonl
        ? resultUrl(state.bulkResultOrigin, shop.domain, operation.id)
        : null,
    partialDataUrl: null,
    query: operation.query,
    type: "QUERY",
  };
}

export function bulkOperationRunQuery(
  args: { query: string; groupObjects: boolean },
  context: ResolverContext,
) {
  const { shop, state, now } = context;
  const fail = (message: string, code: string) => ({
    bulkOperation: null,
    userErrors: [userError(["query"], message, code)],
  });
  if (
    [...shop.bulkOperations.values()].some(
      (operation) => operation.status === "CREATED" || operation.status === "RUNNING",
    )
  ) {
    return fail(
      "A bulk query operation for this app and shop is already in progress.",
      "OPERATION_IN_PROGRESS",
    );
  }
  let document: DocumentNode;
  try {
    document = parse(args.query);
  } catch (error) {
    return fail(`Invalid bulk query: ${(error as Error).message}`, "INVALID");
  }
  const problems = [
    ...validate(loadAdminSchema(), document).map((error) => error.message),
    ...bulkProblems(document),
  ];
  if (problems.length) return fail(`Invalid bulk query: ${problems.join(" ")}`, "INVALID");
  const operation: StoredBulkOperation = {
    id: state.nextGid("BulkOperation"),
    query: args.query,
    status: "RUNNING",
    createdAt: now.toISOString(),
    completedAt: null,
    pollsLeft: 1,
    jsonl: null,
    objectCount: 0,
    rootObjectCount: 0,
  };
  shop.bulkOperations.set(operation.id, operation);
  return { bulkOperation: view(operation, shop, state), userErrors: [] };
}

/** `node(id:)` for bulk operations (the only node type the stand-in serves). */
export async function node(args: { id: string }, context: ResolverContext) {
  const operation = context.shop.bulkOperations.get(args.id);
  if (!operation) return null;
  if (operation.status === "RUNNING") {
    if (operation.pollsLeft > 0) operation.pollsLeft -= 1;
    else await complete(operation, context, context.now);
  }
  return view(operation, context.shop, context.state);
}
