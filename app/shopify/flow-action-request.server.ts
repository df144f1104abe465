// The shared front of Tally's Shopify Flow action endpoints: POST only, a size limit, the HMAC
// (checked before the body is parsed, so a forged request reads and writes nothing), JSON, and
// Flow's standard envelope validated with the action's own `properties` schema.
import { z } from "zod";
import { verifyFlowRequest } from "./webhook-verification.server";
import { problem } from "../http/problem";
import { readLimited } from "../http/read-limited.server";
import { parseLosslessJson } from "./webhooks/lossless-json";

const MAX_BODY_BYTES = 64_000;

export const flowProblem = problem;

/** A Shopify customer id as Flow sends a customer_reference: numeric (text or number) or a GID. */
export const flowCustomerId = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value).replace(/^gid:\/\/shopify\/Customer\//, ""))
  .pipe(z.string().regex(/^\d{1,20}$/, "a Shopify customer id"));

export function flowActionEnvelope<P extends z.ZodType>(properties: P) {
  return z.object({
    shopify_domain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "a myshopify.com domain"),
    action_run_id: z.string().min(1).max(200),
    handle: z.string().optional(),
    properties,
  });
}

export type FlowActionRead<T> = { ok: true; body: T } | { ok: false; response: Response };

export async function readFlowAction<P extends z.ZodType>(
  request: Request,
  properties: P,
): Promise<FlowActionRead<z.infer<ReturnType<typeof flowActionEnvelope<P>>>>> {
  if (request.method !== "POST")
    return { ok: false, response: flowProblem(405, "METHOD_NOT_ALLOWED", "Use POST") };
  const tooLarge = {
    ok: false as const,
    response: flowProblem(
      413,
      "PAYLOAD_TOO_LARGE",
      `Bodies are limited to ${MAX_BODY_BYTES} bytes`,
    ),
  };
  // Read within the limit whether or not a Content-Length was sent (a chunked body is never buffered whole).
  const raw = await readLimited(request, MAX_BODY_BYTES);
  if (raw === null) return tooLarge;
  if (!(await verifyFlowRequest(request, raw)))
    return {
      ok: false,
      response: flowProblem(401, "INVALID_HMAC", "The request signature is missing or invalid."),
    };
  let body: unknown;
  try {
    // Customer ids above 2^53 keep every digit (docs/decisions/028).
    body = parseLosslessJson(raw);
  } catch {
    return { ok: false, response: flowProblem(422, "VALIDATION_FAILED", "The body is not JSON.") };
  }
  const parsed = flowActionEnvelope(properties).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      response: flowProblem(422, "VALIDATION_FAILED", `${issue.path.join(".")}: ${issue.message}`),
    };
  }
  return { ok: true, body: parsed.data };
}
