// POST /flow/actions/award-badge — Shopify Flow's "Award loyalty badge" action
// (extensions/flow-award-badge, docs/flow.md): awards one of the shop's custom badges, once per
// customer (the badge's unique row makes replays harmless).
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { awardCustomBadge } from "~/services/badges.server";
import { inSqlTransaction, installedShop } from "~/services/process-handles.server";
import { flowCustomerId, flowProblem, readFlowAction } from "~/shopify/flow-action-request.server";
import { postOnly } from "~/http/problem";

const properties = z.object({
  customer_id: flowCustomerId,
  badge_id: z.string().trim().min(1).max(40),
});

export async function action({ request }: ActionFunctionArgs) {
  const read = await readFlowAction(request, properties);
  if (!read.ok) return read.response;
  const { shopify_domain: domain, properties: award } = read.body;
  const shop = await installedShop(domain);
  if (!shop)
    return flowProblem(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  const outcome = await inSqlTransaction(awardCustomBadge)(
    shop,
    award.customer_id,
    award.badge_id,
    new Date(),
  );
  if (outcome.status === "unknown_badge")
    return flowProblem(
      422,
      "UNKNOWN_BADGE",
      `No switched-on custom badge has the id "${award.badge_id}".`,
    );
  return json({ status: outcome.status });
}

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
