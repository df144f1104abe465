// POST /flow/actions/award-points — Shopify Flow's "Award points" action (extensions/flow-award-points).
// The HMAC is checked before anything else (a forged request gets 401 and nothing is read or
// written); the body is validated; the award is idempotent per action run or event key.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getSql } from "~/db.server";
import { shopContext } from "~/models/program.server";
import { awardPointsFromFlow } from "~/services/flow-award-points.server";
import { verifyFlowRequest } from "~/shopify/webhook-verification.server";

const MAX_BODY_BYTES = 64_000;

const customerId = z.union([z.string(), z.number().int()]).transform((value) => String(value).replace(/^gid:\/\/shopify\/Customer\//, "")).pipe(z.string().regex(/^\d{1,20}$/, "a Shopify customer id"));

const flowActionBody = z.object({
  shopify_domain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "a myshopify.com domain"),
  action_run_id: z.string().min(1).max(200),
  handle: z.string().optional(),
  properties: z.object({
    customer_id: customerId,
    points: z.coerce.number().int("a whole number").min(1).max(1_000_000),
    reason: z.string().trim().min(1).max(200),
    event_key: z.string().trim().max(200).optional().nullable().transform((value) => value || null),
  }),
});

const problem = (status: number, code: string, message: string) => json({ error: { code, message } }, { status });

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", "Use POST");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return problem(413, "PAYLOAD_TOO_LARGE", `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return problem(413, "PAYLOAD_TOO_LARGE", `Bodies are limited to ${MAX_BODY_BYTES} bytes`);
  if (!(await verifyFlowRequest(request, raw))) return problem(401, "INVALID_HMAC", "The request signature is missing or invalid.");

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return problem(422, "VALIDATION_FAILED", "The body is not JSON.");
  }
  const parsed = flowActionBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return problem(422, "VALIDATION_FAILED", `${issue.path.join(".")}: ${issue.message}`);
  }
  const { shopify_domain: domain, action_run_id: actionRunId, properties } = parsed.data;
  const sql = getSql();
  const shop = await shopContext(sql, domain);
  if (!shop) return problem(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");

  const outcome = await sql.transaction((tx) =>
    awardPointsFromFlow(tx, shop, { shopifyCustomerId: properties.customer_id, points: properties.points, reason: properties.reason, actionRunId, eventKey: properties.event_key }, new Date()),
  );
  if (outcome.status === "conflict") {
    return problem(409, "IDEMPOTENCY_KEY_REUSED", `This event key already awarded ${outcome.points} points to this customer; a different amount is not applied.`);
  }
  return json({ status: outcome.status, points: outcome.points });
}
