// POST /flow/actions/award-points — Shopify Flow's "Award loyalty points" action
// (extensions/flow-award-points, docs/flow.md). Signed, validated, idempotent per action run or
// (customer, event key).
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { awardPointsFromFlow } from "~/services/flow-award-points.server";
import { inSqlTransaction, installedShop } from "~/services/process-handles.server";
import { flowCustomerId, flowProblem, readFlowAction } from "~/shopify/flow-action-request.server";
import { postOnly } from "~/http/problem";

const properties = z.object({
  customer_id: flowCustomerId,
  points: z.coerce.number().int("a whole number").min(1).max(1_000_000),
  reason: z.string().trim().min(1).max(200),
  event_key: z
    .string()
    .trim()
    .max(200)
    .optional()
    .nullable()
    .transform((value) => value || null),
});

export async function action({ request }: ActionFunctionArgs) {
  const read = await readFlowAction(request, properties);
  if (!read.ok) return read.response;
  const { shopify_domain: domain, action_run_id: actionRunId, properties: award } = read.body;
  const shop = await installedShop(domain);
  if (!shop)
    return flowProblem(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");

  const outcome = await inSqlTransaction(awardPointsFromFlow)(
    shop,
    {
      shopifyCustomerId: award.customer_id,
      points: award.points,
      reason: award.reason,
      actionRunId,
      eventKey: award.event_key,
    },
    new Date(),
  );
  if (outcome.status === "conflict") {
    return flowProblem(
      409,
      "IDEMPOTENCY_KEY_REUSED",
      `This event key already awarded ${outcome.points} points to this customer; a different amount is not applied.`,
    );
  }
  return json({ status: outcome.status, points: outcome.points });
}

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
