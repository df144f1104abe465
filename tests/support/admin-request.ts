// Requests to the embedded admin's routes as App Bridge sends them: a session token signed with
// the app secret in the Authorization header (the shop's offline session must be installed).
import { SignJWT } from "jose";
import { TEST_API_KEY, TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

export async function adminSessionToken(shop: string, staffUserId = "4242"): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: "test-session" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(TEST_API_KEY)
    .setSubject(staffUserId)
    .setIssuedAt(now - 1)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(TEST_API_SECRET));
}

export interface AdminRequestOptions {
  method?: "GET" | "POST";
  json?: unknown;
  form?: Record<string, string>;
  staffUserId?: string;
}

export async function adminRequest(
  shop: string,
  path: string,
  options: AdminRequestOptions = {},
): Promise<Request> {
  const headers = new Headers({
    Authorization: `Bearer ${await adminSessionToken(shop, options.staffUserId)}`,
  });
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = new URLSearchParams(options.form);
  }
  return new Request(new URL(path, TEST_APP_URL), {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
}

/**
 * A loader's `defer()` answer as the Response the browser ends up with: every deferred value
 * awaited (a rejected one throws, as the page's Await would show its error). Other answers as they are.
 */
export async function settledAnswer(answer: unknown): Promise<unknown> {
  if (!answer || typeof answer !== "object" || !("deferredKeys" in answer)) return answer;
  const deferred = answer as unknown as {
    resolveData(signal: AbortSignal): Promise<boolean>;
    unwrappedData: unknown;
    init?: ResponseInit;
  };
  await deferred.resolveData(new AbortController().signal);
  return Response.json(deferred.unwrappedData, deferred.init);
}

/** The body of a route's `json()` (or `defer()`) answer, whether it was returned or thrown. */
export async function routeResult<T = Record<string, unknown>>(
  run: () => Promise<unknown>,
): Promise<{ status: number; body: T }> {
  let response: unknown;
  try {
    response = await settledAnswer(await run());
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response))
    throw new Error(`expected a Response, got ${String(response)}`);
  return { status: response.status, body: (await response.json()) as T };
}
