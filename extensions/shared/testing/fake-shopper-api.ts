// A fake of the app's shopper API behind `fetch`: answers per "METHOD /path" and records each request.
import { vi } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, "" when none (routes match on the path alone). */
  query: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export function fakeShopperApi(origin: string) {
  const requests: RecordedRequest[] = [];
  const handlers = new Map<string, Handler[]>();

  const fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    if (url.origin !== origin) throw new TypeError(`unexpected origin ${url.origin}`);
    const request: RecordedRequest = {
      method: init.method ?? "GET",
      path: url.pathname,
      query: url.search,
      // Lower-cased by hand: happy-dom's Headers keeps the caller's casing.
      headers: Object.fromEntries(
        [...new Headers(init.headers).entries()].map(([k, v]) => [k.toLowerCase(), v]),
      ),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const queue = handlers.get(`${request.method} ${request.path}`);
    const handler = queue && (queue.length > 1 ? queue.shift()! : queue[0]);
    if (!handler) return json(404, { error: { code: "NOT_FOUND", message: "no fake route" } });
    return handler(request);
  });

  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    requests,
    /** Answers `method path` with each handler in turn; the last one keeps answering. */
    on(route: string, ...answers: Handler[]) {
      handlers.set(route, answers);
    },
  };
}

/** A fetch failure as the browser reports it (offline, DNS, CORS). */
export const networkDown: Handler = () => {
  throw new TypeError("Failed to fetch");
};
