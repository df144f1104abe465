// An Admin GraphQL client that is one HTTP request per call: POST {query, variables} to
// `https://{shop}/admin/api/{version}/graphql.json` with the shop's access token in
// `X-Shopify-Access-Token` (the documented Admin API request). For the shopper's hot path
// (redemptions, releases): shopify-app-remix's `admin.graphql` builds a new GraphQL client per call
// and goes through fetch, about 1 ms of CPU per call against ~0.3 ms here (docs/decisions/050).
// Failed answers are returned, not thrown; runAdminOperation maps them as it maps the library's.
// Answers are read into memory as they are, not rebuilt as a fetch Response (decision 062).
import http from "node:http";
import https from "node:https";
import type { AdminAnswer, AdminGraphqlClient } from "./admin-client.server";
import { ADMIN_API_VERSION } from "./api-version";

// Connections to a shop's Admin API are kept open between calls (a TLS handshake each time would
// cost more than the call).
const agents = {
  "https:": new https.Agent({ keepAlive: true }),
  "http:": new http.Agent({ keepAlive: true }),
};

/** undici's (fetch's) default: a call that hears nothing for this long fails (a lost answer). */
const IDLE_TIMEOUT_MS = 300_000;

let endpointOf = (shop: string) => `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;

// Parsed once per shop: URL parsing was a tenth of a call's CPU.
const MAX_SHOPS = 10_000;
const endpoints = new Map<string, URL>();
function endpointUrl(shop: string): URL {
  let url = endpoints.get(shop);
  if (!url) {
    if (endpoints.size >= MAX_SHOPS) endpoints.clear();
    url = new URL(endpointOf(shop));
    endpoints.set(shop, url);
  }
  return url;
}

/**
 * Sends every shop's Admin API calls to `base` + `/{shop}/admin/api/…` (the local demo's and the
 * benchmarks' stand-in process; scripts/demo/admin-api-server.ts). Never called in production.
 */
export function routeDirectAdminApiTo(base: string): void {
  const origin = base.replace(/\/$/, "");
  endpointOf = (shop) => `${origin}/${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  endpoints.clear();
}

export function directAdminClient(shop: string, accessToken: string): AdminGraphqlClient {
  return {
    graphql: (query, { variables } = {}) =>
      post(endpointUrl(shop), accessToken, JSON.stringify({ query, variables })),
  };
}

/** An answer whose body has been read; its headers as node:http parsed them (names in lower case). */
class ReadAnswer implements AdminAnswer {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    readonly statusText: string,
    received: http.IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get(name) {
        const value = received[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

function post(target: URL, accessToken: string, body: string): Promise<AdminAnswer> {
  const transport = target.protocol === "http:" ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent: agents[target.protocol as keyof typeof agents],
        timeout: IDLE_TIMEOUT_MS,
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "Content-Length": Buffer.byteLength(body),
          "X-Shopify-Access-Token": accessToken,
          "User-Agent": "Tally",
        },
      },
      (answer) => {
        // Decoded as a stream, so a character split between two chunks stays whole.
        answer.setEncoding("utf8");
        let text = "";
        answer.on("data", (chunk: string) => (text += chunk));
        answer.on("error", reject);
        answer.on("end", () =>
          resolve(
            new ReadAnswer(
              answer.statusCode ?? 502,
              answer.statusMessage ?? "",
              answer.headers,
              text,
            ),
          ),
        );
      },
    );
    request.on("timeout", () =>
      request.destroy(new Error(`no answer from the Admin API in ${IDLE_TIMEOUT_MS} ms`)),
    );
    request.on("error", reject);
    request.end(body);
  });
}
