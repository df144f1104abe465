// Typed Admin GraphQL calls. `admin.graphql` from @shopify/shopify-app-remix returns an untyped
// Response and throws its own error classes; runAdminOperation returns the `data` type that codegen
// derived from the document and turns every failure into one AdminApiError.
import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";
import type {} from "../types/admin.generated"; // loads codegen's augmentation of AdminQueries/AdminMutations
import {
  AdminApiError,
  errorFromGraphqlErrors,
  graphqlErrorsOf,
  type AdminQueryCost,
} from "./admin-api-error";

/**
 * What Tally reads of an Admin API answer: a fetch Response (Shopify's library, tests' stand-ins) or
 * the direct client's answer read into memory (no web streams or Headers to build per call).
 */
export interface AdminAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of `admin` (shopify-app-remix) that Tally uses; also what tests and the stand-in provide. */
export interface AdminGraphqlClient {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<AdminAnswer>;
}

/** How background jobs reach a shop's Admin API: null when the shop has no usable offline session. */
export type AdminClientFor = (shop: string) => Promise<AdminGraphqlClient | null>;

/**
 * Keys that codegen added to one of the client's operation maps (its literal keys). Any other string
 * hits the client's `any` index signature; excluding it turns "forgot to run codegen" into a compile
 * error. Queries and mutations are looked up separately: in an intersection of the two maps, one
 * map's `any` index signature would swallow the other's typed entries.
 */
type KnownDocuments<Map> = keyof {
  [K in keyof Map as K extends string ? (string extends K ? never : K) : never]: Map[K];
};

export type TypedAdminDocument = KnownDocuments<AdminQueries> | KnownDocuments<AdminMutations>;

type OperationOf<D extends TypedAdminDocument> =
  D extends KnownDocuments<AdminQueries>
    ? AdminQueries[D]
    : D extends KnownDocuments<AdminMutations>
      ? AdminMutations[D]
      : never;

export type AdminOperationData<D extends TypedAdminDocument> = OperationOf<D>["return"];
export type AdminOperationVariables<D extends TypedAdminDocument> = OperationOf<D>["variables"];

// Operations without variables may omit the argument.
type VariablesArgument<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

export async function runAdminOperation<D extends TypedAdminDocument>(
  client: AdminGraphqlClient,
  document: D,
  ...[variables]: VariablesArgument<AdminOperationVariables<D>>
): Promise<AdminOperationData<D>> {
  const operationName = operationNameOf(document);
  let response: AdminAnswer;
  try {
    response = await client.graphql(
      document,
      variables ? { variables: variables as Record<string, unknown> } : {},
    );
  } catch (thrown) {
    throw errorFromThrown(thrown, operationName);
  }
  return (await dataFromResponse(response, operationName)) as AdminOperationData<D>;
}

export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

async function dataFromResponse(
  response: AdminAnswer,
  operationName: string | undefined,
): Promise<unknown> {
  const text = await response.text();
  let body:
    { data?: unknown; errors?: unknown; extensions?: { cost?: AdminQueryCost } } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const errors = graphqlErrorsOf(body?.errors);
  const cost = body?.extensions?.cost;

  if (!response.ok) {
    const detail =
      errors.map((error) => error.message).join("; ") || text.slice(0, 200) || response.statusText;
    const code = response.status === 429 ? "THROTTLED" : "HTTP_ERROR";
    const retryAfter = Number(response.headers.get("Retry-After"));
    throw new AdminApiError(code, `HTTP ${response.status}: ${detail}`, {
      operationName,
      status: response.status,
      graphQLErrors: errors,
      cost,
      retryAfterMs: code === "THROTTLED" && retryAfter > 0 ? retryAfter * 1000 : undefined,
    });
  }
  if (!body) {
    throw new AdminApiError("HTTP_ERROR", "response body is not JSON", {
      operationName,
      status: response.status,
    });
  }
  // Partial data with errors is treated as a failure: Tally never acts on half an answer.
  if (errors.length > 0)
    throw errorFromGraphqlErrors(errors, { operationName, status: response.status, cost });
  if (body.data == null) {
    throw new AdminApiError("GRAPHQL_ERROR", "response has no data", {
      operationName,
      status: response.status,
      cost,
    });
  }
  return body.data;
}

/**
 * shopify-app-remix throws instead of returning failed responses: GraphqlQueryError (`body.errors`)
 * for GraphQL errors such as THROTTLED, HttpResponseError family (`response.code`) for HTTP failures.
 * A thrown Response is Remix's re-authentication redirect and is passed through untouched.
 */
function errorFromThrown(thrown: unknown, operationName: string | undefined): unknown {
  if (thrown instanceof Response || thrown instanceof AdminApiError) return thrown;
  const shaped = (thrown ?? {}) as {
    message?: unknown;
    body?: { errors?: unknown; extensions?: { cost?: AdminQueryCost } };
    response?: { code?: unknown; status?: unknown; retryAfter?: unknown };
  };
  const status = typeof shaped.response?.code === "number" ? shaped.response.code : undefined;
  const errors = graphqlErrorsOf(shaped.body?.errors);
  if (errors.length > 0 && (status === undefined || status === 200)) {
    return errorFromGraphqlErrors(errors, {
      operationName,
      status,
      cost: shaped.body?.extensions?.cost,
      cause: thrown,
    });
  }
  const message = typeof shaped.message === "string" ? shaped.message : String(thrown);
  if (status === 429) {
    const retryAfter =
      typeof shaped.response?.retryAfter === "number"
        ? shaped.response.retryAfter * 1000
        : undefined;
    return new AdminApiError("THROTTLED", message, {
      operationName,
      status,
      retryAfterMs: retryAfter,
      cause: thrown,
    });
  }
  return new AdminApiError("HTTP_ERROR", message, { operationName, status, cause: thrown });
}

/**
 * A stopwatch over Admin API calls: how long a request waited on Shopify, for a `Server-Timing`
 * header (operators and the redemption benchmark tell Tally's own time from Shopify's with it).
 */
export function adminStopwatch() {
  let spent = 0;
  return {
    timed(client: AdminGraphqlClient): AdminGraphqlClient {
      return {
        async graphql(query, options) {
          const started = performance.now();
          try {
            return await client.graphql(query, options);
          } finally {
            spent += performance.now() - started;
          }
        },
      };
    },
    /** `Server-Timing` for the time spent waiting on Shopify (nothing when it was not called). */
    serverTiming(): Record<string, string> {
      return spent > 0
        ? { "Server-Timing": `shopify;dur=${spent.toFixed(1)};desc="Shopify Admin API"` }
        : {};
    },
  };
}
