// One error type for every way an Admin API call can fail, so callers (the outbox worker, redemption)
// decide on `code` alone: THROTTLED → retry later, GRAPHQL_ERROR → a bug or missing scope, HTTP_ERROR →
// Shopify or the network is down.

export type AdminApiErrorCode = "THROTTLED" | "GRAPHQL_ERROR" | "HTTP_ERROR";

export interface AdminGraphqlErrorEntry {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: ReadonlyArray<string | number>;
}

/** The `extensions.cost` object Shopify adds to every Admin GraphQL response. */
export interface AdminQueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface AdminApiErrorDetails {
  operationName?: string;
  status?: number;
  graphQLErrors?: AdminGraphqlErrorEntry[];
  cost?: AdminQueryCost;
  /** For THROTTLED: how long until the bucket holds enough points for this query again. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class AdminApiError extends Error {
  override readonly name = "AdminApiError";
  readonly code: AdminApiErrorCode;
  readonly operationName?: string;
  readonly status?: number;
  readonly graphQLErrors: AdminGraphqlErrorEntry[];
  readonly cost?: AdminQueryCost;
  readonly retryAfterMs?: number;

  constructor(code: AdminApiErrorCode, message: string, details: AdminApiErrorDetails = {}) {
    super(details.operationName ? `${details.operationName}: ${message}` : message, {
      cause: details.cause,
    });
    this.code = code;
    this.operationName = details.operationName;
    this.status = details.status;
    this.graphQLErrors = details.graphQLErrors ?? [];
    this.cost = details.cost;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Shopify refused the app itself (token revoked or app uninstalled: 401; scope or access withdrawn:
 * 403; shop gone: 404). Waiting does not fix these, unlike throttling or Shopify being down.
 */
export function isAccessRefused(error: AdminApiError): boolean {
  return error.code === "HTTP_ERROR" && [401, 403, 404].includes(error.status ?? 0);
}

/** Seconds-to-refill estimate from Shopify's leaky-bucket numbers; undefined when they are missing. */
export function retryAfterFromCost(cost: AdminQueryCost | undefined): number | undefined {
  const status = cost?.throttleStatus;
  if (!status || !cost?.requestedQueryCost || status.restoreRate <= 0) return undefined;
  const missing = Math.max(0, cost.requestedQueryCost - status.currentlyAvailable);
  return Math.ceil((missing / status.restoreRate) * 1000);
}

/** Maps GraphQL `errors` (from a response body or a thrown client error) to an AdminApiError. */
export function errorFromGraphqlErrors(
  errors: AdminGraphqlErrorEntry[],
  details: AdminApiErrorDetails,
): AdminApiError {
  const throttled = errors.some((error) => error.extensions?.code === "THROTTLED");
  const message = errors.map((error) => error.message).join("; ") || "GraphQL request failed";
  return new AdminApiError(throttled ? "THROTTLED" : "GRAPHQL_ERROR", message, {
    ...details,
    graphQLErrors: errors,
    retryAfterMs: throttled ? retryAfterFromCost(details.cost) : undefined,
  });
}

/**
 * Normalises the shapes `errors` arrives in: a plain GraphQL array, the @shopify/admin-api-client
 * object `{ graphQLErrors: [...] }`, or a string (HTTP error bodies such as `{"errors":"Not Found"}`).
 */
export function graphqlErrorsOf(errors: unknown): AdminGraphqlErrorEntry[] {
  if (Array.isArray(errors)) return errors.map(asErrorEntry);
  if (typeof errors === "string") return [{ message: errors }];
  if (errors && typeof errors === "object") {
    const nested = (errors as { graphQLErrors?: unknown }).graphQLErrors;
    if (Array.isArray(nested) && nested.length > 0) return nested.map(asErrorEntry);
    const message = (errors as { message?: unknown }).message;
    if (typeof message === "string") return [{ message }];
  }
  return [];
}

function asErrorEntry(error: unknown): AdminGraphqlErrorEntry {
  if (
    error &&
    typeof error === "object" &&
    typeof (error as { message?: unknown }).message === "string"
  ) {
    return error as AdminGraphqlErrorEntry;
  }
  return { message: String(error) };
}
