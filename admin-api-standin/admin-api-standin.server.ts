// A schema-validating stand-in for the Shopify Admin GraphQL API, served through msw in tests.
//
// Every request is checked the way the real API would check it, and more loudly: the URL's API
// version must be the pinned one, the document must validate against the committed schema, the
// variables must coerce to the operation's variable types. Anything that fails is answered with
// HTTP 400 AND recorded in `invalidDocuments`, so a test setup can fail the test even when the app
// swallows the error. Valid operations are executed with graphql-js against in-memory `state`, so
// the response has exactly the shape the document selected.
//
//   const standin = createAdminApiStandin();
//   const server = setupServer(...standin.handlers);
//   afterEach(() => expect(standin.invalidDocuments).toEqual([]));
import { execute, NoDeprecatedCustomRule, validate, type GraphQLError } from "graphql";
import { http, HttpResponse, type HttpHandler } from "msw";
import { loadAdminSchema, SCHEMA_API_VERSION } from "../app/shopify/schema/admin-schema.server";
import { checkRequest, describeError } from "./check-request";
import { estimateQueryCost, LeakyBucket, type CostExtension } from "./cost";
import type { ResolverContext, RootResolver } from "./resolver-kit";
import { MUTATION_RESOLVERS, QUERY_RESOLVERS } from "./resolvers";
import { BULK_RESULT_URL } from "./resolvers/bulk-operations";
import {
  injectedUserErrorPayload,
  INTERNAL_ERROR_BODY,
  INVALID_TOKEN_BODY,
  rejectionBody,
  throttledBody,
} from "./responses";
import { createStandinState, type StandinState, type StandinStateOptions } from "./state";

export const ADMIN_GRAPHQL_URL_PATTERN = "https://:shop/admin/api/:version/graphql.json";

// LOST_RESPONSE: the operation takes effect, then the answer is lost (a 502 from a proxy, a timeout):
// the caller cannot know whether it happened, the case two-phase redemption must survive.
export type StandinFailureKind = "THROTTLED" | "USER_ERROR" | "HTTP_500" | "LOST_RESPONSE";

export interface StandinCall {
  shop: string;
  apiVersion: string;
  operationName: string;
  variables: Record<string, unknown>;
  query: string;
  status: number;
  outcome: "ok" | "rejected" | "unauthorized" | StandinFailureKind;
}

export type InvalidDocumentKind =
  | "version" // URL version is not the pinned one
  | "request" // body is not a GraphQL request
  | "syntax" // document does not parse
  | "validation" // document does not validate against the schema
  | "variables" // variables do not coerce to the declared types
  | "unimplemented" // valid, but uses a root field the stand-in cannot answer
  | "execution"; // valid, but the stand-in's data could not fill the selection

export interface InvalidDocument {
  kind: InvalidDocumentKind;
  shop: string;
  apiVersion: string;
  operationName?: string;
  query?: string;
  messages: string[];
}

export interface DeprecatedUsage {
  operationName: string;
  messages: string[];
}

export interface AdminApiStandinOptions extends StandinStateOptions {
  /** API version requests must use; defaults to the version of the committed schema. */
  apiVersion?: string;
  /** Clock for discount status, timestamps and the rate-limit bucket. */
  now?: () => Date;
  /** Answer 401 without an X-Shopify-Access-Token header, like Shopify (default true). */
  requireAccessToken?: boolean;
  /** Enforce a per-shop leaky bucket (off by default; cost is always reported). */
  rateLimit?: { maximumAvailable?: number; restoreRate?: number } | false;
  /** Extra root fields for tests that need more of the API; these win over the built-in ones. */
  resolvers?: { query?: Record<string, RootResolver>; mutation?: Record<string, RootResolver> };
}

export interface AdminApiStandin {
  handlers: HttpHandler[];
  state: StandinState;
  calls: StandinCall[];
  invalidDocuments: InvalidDocument[];
  /** Uses of deprecated fields, arguments or enum values (reported, not failed). */
  deprecatedUsages: DeprecatedUsage[];
  /**
   * The next `times` requests of `operationName` (or "*" for any) fail with `kind`: THROTTLED is
   * HTTP 200 with Shopify's THROTTLED error and cost extension, HTTP_500 a server error, USER_ERROR a
   * mutation payload holding one user error and no writes (ignored for queries).
   */
  failNext(operationName: string, kind: StandinFailureKind, times?: number): void;
  /** Clears state, records, pending failures and rate-limit buckets. */
  reset(): void;
}

// Documents are cached by text (check-request), so a document's deprecation check is done once.
const deprecationsOf = new WeakMap<object, readonly GraphQLError[]>();

const DEFAULT_BUCKET = { maximumAvailable: 2000, restoreRate: 100 };

export function createAdminApiStandin(options: AdminApiStandinOptions = {}): AdminApiStandin {
  const apiVersion = options.apiVersion ?? SCHEMA_API_VERSION;
  const now = options.now ?? (() => new Date());
  const requireAccessToken = options.requireAccessToken ?? true;
  const bucketLimits = { ...DEFAULT_BUCKET, ...(options.rateLimit || {}) };
  const queryResolvers = { ...QUERY_RESOLVERS, ...options.resolvers?.query };
  const mutationResolvers = { ...MUTATION_RESOLVERS, ...options.resolvers?.mutation };

  const state = createStandinState(options);
  const calls: StandinCall[] = [];
  const invalidDocuments: InvalidDocument[] = [];
  const deprecatedUsages: DeprecatedUsage[] = [];
  const pendingFailures = new Map<string, StandinFailureKind[]>();
  const buckets = new Map<string, LeakyBucket>();
  let requestCounter = 0;

  const takeFailure = (operationName: string): StandinFailureKind | undefined => {
    for (const key of [operationName, "*"]) {
      const queue = pendingFailures.get(key);
      if (queue?.length) return queue.shift();
    }
    return undefined;
  };

  const meterCost = (
    shop: string,
    requested: number,
  ): { allowed: boolean; cost: CostExtension } => {
    const clock = now().getTime();
    let bucket = buckets.get(shop);
    if (!bucket) {
      bucket = new LeakyBucket(bucketLimits.maximumAvailable, bucketLimits.restoreRate, clock);
      buckets.set(shop, bucket);
    }
    // Without enforcement the bucket is reported full, so retry maths in callers still see real shapes.
    const { allowed, status } = options.rateLimit
      ? bucket.take(requested, clock)
      : {
          allowed: true,
          status: {
            ...bucketLimits,
            currentlyAvailable: bucketLimits.maximumAvailable - requested,
          },
        };
    return {
      allowed,
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: allowed ? requested : null,
        throttleStatus: status,
      },
    };
  };

  const handler = http.post(ADMIN_GRAPHQL_URL_PATTERN, async ({ request, params }) => {
    const shop = String(params.shop);
    const version = String(params.version);
    const headers = {
      "X-Request-Id": `standin-${++requestCounter}`,
      "X-Shopify-API-Version": version,
    };
    const record = (call: Omit<StandinCall, "shop" | "apiVersion">) =>
      calls.push({ shop, apiVersion: version, ...call });
    type RejectDetails = {
      operationName?: string;
      query?: string;
      variables?: Record<string, unknown>;
    };
    const reject = (kind: InvalidDocumentKind, messages: string[], extra: RejectDetails = {}) => {
      const { operationName, query } = extra;
      invalidDocuments.push({ kind, shop, apiVersion: version, operationName, query, messages });
      record({
        operationName: extra.operationName ?? "(unknown)",
        variables: extra.variables ?? {},
        query: extra.query ?? "",
        status: 400,
        outcome: "rejected",
      });
      return HttpResponse.json(rejectionBody(`STANDIN_INVALID_${kind.toUpperCase()}`, messages), {
        status: 400,
        headers,
      });
    };

    if (version !== apiVersion) {
      return reject("version", [
        `API version ${version} requested; this app is pinned to ${apiVersion}.`,
      ]);
    }
    if (requireAccessToken && !request.headers.get("X-Shopify-Access-Token")) {
      record({
        operationName: "(unknown)",
        variables: {},
        query: "",
        status: 401,
        outcome: "unauthorized",
      });
      return HttpResponse.json(INVALID_TOKEN_BODY, { status: 401, headers });
    }

    let body: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    try {
      body = (await request.json()) as typeof body;
    } catch {
      return reject("request", ["Request body is not JSON."]);
    }
    const query = typeof body?.query === "string" ? body.query : undefined;
    const variables = (body?.variables ?? {}) as Record<string, unknown>;
    const schema = loadAdminSchema();
    const checked = checkRequest(schema, body, (type, field) =>
      Boolean(
        type === "mutation" ? mutationResolvers[field] : type === "query" && queryResolvers[field],
      ),
    );
    if (!checked.ok)
      return reject(checked.problem, checked.messages, {
        operationName: checked.operationName,
        query,
        variables,
      });
    const { document, operation, operationName, fragments, rootFields } = checked;

    let deprecated = deprecationsOf.get(document);
    if (!deprecated)
      deprecationsOf.set(
        document,
        (deprecated = validate(schema, document, [NoDeprecatedCustomRule])),
      );
    if (deprecated.length > 0)
      deprecatedUsages.push({ operationName, messages: deprecated.map(describeError) });

    const requestedCost = estimateQueryCost(schema, operation, fragments, checked.variables);
    const failure = takeFailure(operationName);
    const call = { operationName, variables, query: query! };
    if (failure === "HTTP_500") {
      record({ ...call, status: 500, outcome: "HTTP_500" });
      return HttpResponse.json(INTERNAL_ERROR_BODY, { status: 500, headers });
    }
    if (failure === "THROTTLED") {
      record({ ...call, status: 200, outcome: "THROTTLED" });
      const throttleStatus = { ...bucketLimits, currentlyAvailable: 0 };
      return HttpResponse.json(
        throttledBody({ requestedQueryCost: requestedCost, actualQueryCost: null, throttleStatus }),
        {
          headers,
        },
      );
    }
    const metered = meterCost(shop, requestedCost);
    if (!metered.allowed) {
      record({ ...call, status: 200, outcome: "THROTTLED" });
      return HttpResponse.json(throttledBody(metered.cost), { headers });
    }
    const injectUserError = failure === "USER_ERROR" && operation.operation === "mutation";

    const resolvers = operation.operation === "mutation" ? mutationResolvers : queryResolvers;
    const rootValue: Record<string, RootResolver> = {};
    for (const field of rootFields) {
      rootValue[field] = injectUserError
        ? () => injectedUserErrorPayload(schema, field)
        : resolvers[field]!;
    }
    const context: ResolverContext = { state, shop: state.shop(shop), now: now() };
    const result = await execute({
      schema,
      document,
      operationName: operation.name?.value,
      rootValue,
      contextValue: context,
      variableValues: variables,
    });
    if (result.errors?.length) {
      // The document is valid, so an execution error means the stand-in's data could not fill it.
      const messages = result.errors.map(describeError);
      invalidDocuments.push({
        kind: "execution",
        shop,
        apiVersion: version,
        operationName,
        query,
        messages,
      });
    }
    if (failure === "LOST_RESPONSE") {
      record({ ...call, status: 502, outcome: "LOST_RESPONSE" });
      return HttpResponse.json(INTERNAL_ERROR_BODY, { status: 502, headers });
    }
    record({ ...call, status: 200, outcome: injectUserError ? "USER_ERROR" : "ok" });
    return HttpResponse.json({ ...result, extensions: { cost: metered.cost } }, { headers });
  });

  // The bulk operation result file, as Shopify's storage would serve it (no access token needed).
  const bulkResult = http.get(BULK_RESULT_URL, ({ params }) => {
    const operation = [
      ...(state.shops.get(String(params.shop))?.bulkOperations.values() ?? []),
    ].find((candidate) => candidate.id.endsWith(`/${String(params.id)}`));
    if (!operation?.jsonl) return new HttpResponse("NoSuchKey", { status: 404 });
    return new HttpResponse(operation.jsonl, { headers: { "Content-Type": "application/jsonl" } });
  });

  return {
    handlers: [handler, bulkResult],
    state,
    calls,
    invalidDocuments,
    deprecatedUsages,
    failNext(operationName, kind, times = 1) {
      const queue = pendingFailures.get(operationName) ?? [];
      for (let i = 0; i < times; i++) queue.push(kind);
      pendingFailures.set(operationName, queue);
    },
    reset() {
      state.reset();
      calls.length = 0;
      invalidDocuments.length = 0;
      deprecatedUsages.length = 0;
      pendingFailures.clear();
      buckets.clear();
    },
  };
}
