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
  if (typeof body?.query !== "string") return { ok: false, problem: "request", messages: ["Request body has no `query` string."] };
  const requestedName = typeof body.operationName === "string" ? body.operationName : undefined;

  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { ok: false, problem: "syntax", messages: [(error as Error).message], operationName: requestedName };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    const operationName = requestedName ?? firstOperation(document)?.name?.value;
    return { ok: false, problem: "validation", messages: validationErrors.map(describeError), operationName };
  }
  const operation = getOperationAST(document, requestedName);
  if (!operation) {
    const messages = ["Document must contain exactly one operation, or name one with operationName."];
    return { ok: false, problem: "validation", messages };
  }
  const operationName = operation.name?.value ?? requestedName ?? "(anonymous)";
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], (body.variables ?? {}) as Record<string, unknown>);
  if (coerced.errors) return { ok: false, problem: "variables", messages: coerced.errors.map(describeError), operationName };

  const fragments = fragmentsOf(document);
  const rootFields = rootFieldNames(operation.selectionSet, fragments);
  const missing = rootFields.filter((field) => !isImplemented(operation.operation, field));
  if (missing.length > 0) {
    const rootType = operation.operation === "mutation" ? "Mutation" : "QueryRoot";
    const messages = missing.map(
      (field) => `Admin API stand-in cannot answer operation "${operationName}": ${rootType}.${field} is not implemented.`,
    );
    return { ok: false, problem: "unimplemented", messages, operationName };
  }
  return { ok: true, document, operation, operationName, fragments, rootFields, variables: coerced.coerced };
}

export function describeError(error: GraphQLError): string {
  const location = error.locations?.[0];
  return location ? `${error.message} (line ${location.line}, column ${location.column})` : error.message;
}

function firstOperation(document: DocumentNode): OperationDefinitionNode | undefined {
  return document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as
    | OperationDefinitionNode
    | undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Root field names, looking through fragments; `__typename` needs no resolver. */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): string[] {
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
