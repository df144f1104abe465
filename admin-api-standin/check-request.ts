// The checks the stand-in runs on a GraphQL request before answering it: parse, validate against the
// schema, pick the operation, coerce variables, and make sure every root field has a resolver.
import {
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export type RequestProblem = "request" | "syntax" | "validation" | "variables" | "unimplemented";

export type CheckedRequest =
  | { ok: false; problem: RequestProblem; messages: string[]; operationName?: string }
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      operationName: string;
      fragments: Record<string, FragmentDefinitionNode>;
      rootFields: string[];
      variables: Record<string, unknown>;
    };

export function checkRequest(
  schema: GraphQLSchema,
  body: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined,
  isImplemented: (operation: OperationDefinitionNode["operation"], field: string) => boolean,
): CheckedRequest {
  if (typeof body?.query !== "string")
    return { ok: false, problem: "request", messages: ["Request body has no `query` string."] };
  const requestedName = typeof body.operationName === "string" ? body.operationName : undefined;

  const parsed = parsedDocument(schema, body.query);
  if ("syntaxError" in parsed)
    return {
      ok: false,
      problem: "syntax",
      messages: [parsed.syntaxError],
      operationName: requestedName,
    };
  const { document, validationErrors } = parsed;
  if (validationErrors.length > 0) {
    const operationName = requestedName ?? firstOperation(document)?.name?.value;
    return {
      ok: false,
      problem: "validation",
      messages: validationErrors.map(describeError),
      operationName,
    };
  }
  const operation = getOperationAST(document, requestedName);
  if (!operation) {
    const messages = [
      "Document must contain exactly one operation, or name one with operationName.",
    ];
    return { ok: false, problem: "validation", messages };
  }
  const operationName = operation.name?.value ?? requestedName ?? "(anonymous)";
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    (body.variables ?? {}) as Record<string, unknown>,
  );
  if (coerced.errors)
    return {
      ok: false,
      problem: "variables",
      messages: coerced.errors.map(describeError),
      operationName,
    };

  const fragments = fragmentsOf(document);
  const rootFields = rootFieldNames(operation.selectionSet, fragments);
  const missing = rootFields.filter((field) => !isImplemented(operation.operation, field));
  if (missing.length > 0) {
    const rootType = operation.operation === "mutation" ? "Mutation" : "QueryRoot";
    const messages = missing.map(
      (field) =>
        `Admin API stand-in cannot answer operation "${operationName}": ${rootType}.${field} is not implemented.`,
    );
    return { ok: false, problem: "unimplemented", messages, operationName };
  }
  return {
    ok: true,
    document,
    operation,
    operationName,
    fragments,
    rootFields,
    variables: coerced.coerced,
  };
}

// An app sends the same few documents over and over; parsing and validating one against the 3.7 MB
// schema costs milliseconds, and the stand-in plays Shopify, whose time is not the app's. Variables are
// still coerced and checked on every request.
const documentCache = new WeakMap<
  GraphQLSchema,
  Map<string, { document: DocumentNode; validationErrors: readonly GraphQLError[] }>
>();
const DOCUMENT_CACHE_LIMIT = 500;

function parsedDocument(
  schema: GraphQLSchema,
  query: string,
): { document: DocumentNode; validationErrors: readonly GraphQLError[] } | { syntaxError: string } {
  let cache = documentCache.get(schema);
  if (!cache) documentCache.set(schema, (cache = new Map()));
  const cached = cache.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { syntaxError: (error as Error).message };
  }
  const entry = { document, validationErrors: validate(schema, document) };
  if (cache.size >= DOCUMENT_CACHE_LIMIT) cache.clear();
  cache.set(query, entry);
  return entry;
}

export function describeError(error: GraphQLError): string {
  const location = error.locations?.[0];
  return location
    ? `${error.message} (line ${location.line}, column ${location.column})`
    : error.message;
}

function firstOperation(document: DocumentNode): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode | undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Root field names, looking through fragments; `__typename` needs no resolver. */
function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== "__typename") names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...names];
}
