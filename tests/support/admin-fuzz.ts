// Raw requests to the embedded admin's routes for fuzzing: any method, content type and body, with a
// valid session token for the shop (App Bridge's Bearer header). A route's thrown Response (Remix's
// `throw json(...)`) is returned like an answered one; anything else thrown is a 500 in production,
// so it is answered 500 here and the fuzz property fails on it.
import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { adminSessionToken, settledAnswer } from "./admin-request";
import { TEST_APP_URL } from "../setup/test-env";

type Handler = (args: ActionFunctionArgs) => Promise<unknown>;

export async function callRoute(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  let answer: unknown;
  try {
    answer = await settledAnswer(await handler({ request, params, context: {} }));
  } catch (thrown) {
    if (!(thrown instanceof Response)) {
      return new Response(JSON.stringify({ thrown: String(thrown).slice(0, 500) }), {
        status: 500,
        headers: { "Content-Type": "application/json" },
      });
    }
    answer = thrown;
  }
  if (!(answer instanceof Response)) throw new Error(`expected a Response, got ${String(answer)}`);
  return answer;
}

export interface RawAdminRequest {
  method?: string;
  contentType?: string | null;
  body?: BodyInit | null;
  headers?: Record<string, string>;
}

export async function rawAdminRequest(
  shop: string,
  path: string,
  init: RawAdminRequest = {},
): Promise<Request> {
  const headers = new Headers({
    Authorization: `Bearer ${await adminSessionToken(shop)}`,
    ...init.headers,
  });
  if (init.contentType) headers.set("Content-Type", init.contentType);
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  return new Request(new URL(path, TEST_APP_URL), {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : init.body,
    duplex: "half",
  } as RequestInit);
}

/** A form field's text: hostile values as a browser (or a script) could put them in a form. */
export const formText = (value: unknown): string =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));

/** A form document (field → text) as a urlencoded or a multipart body, or as something else entirely. */
export function formBody(
  fields: Record<string, string>,
  encoding: "urlencoded" | "multipart" | "json" | "text",
): { body: BodyInit; contentType: string | null } {
  if (encoding === "urlencoded")
    return {
      body: new URLSearchParams(fields).toString(),
      contentType: "application/x-www-form-urlencoded;charset=UTF-8",
    };
  if (encoding === "json") return { body: JSON.stringify(fields), contentType: "application/json" };
  if (encoding === "text")
    return { body: Object.values(fields).join("\n"), contentType: "text/plain" };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return { body: form, contentType: null };
}

export const formEncoding = fc.constantFrom<"urlencoded" | "multipart" | "json" | "text">(
  "urlencoded",
  "urlencoded",
  "multipart",
  "json",
  "text",
);

/** Path ids a staff member (or a script) can put in the URL: other shops' ids, hostile text. */
export const hostilePathId = fc.oneof(
  fc.constantFrom(
    "",
    "new",
    "..",
    "%00",
    "\u0000",
    "' OR 1=1 --",
    "x".repeat(5000),
    "123",
    "-1",
    "null",
    "undefined",
    "gid://shopify/Customer/1",
  ),
  fc.string({ unit: "grapheme", maxLength: 60 }),
);

/** Query-string values: anything a URL can carry. */
export const hostileQueryValue = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "%",
    "x".repeat(10_000),
    "-1",
    "1e309",
    "NaN",
    "2026-13-45",
    "9999-12-31T23:59:59Z",
    "eyJ4Ijox",
    "not-base64!!",
    "' OR 1=1 --",
    "[]",
    "{}",
  ),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String),
);
