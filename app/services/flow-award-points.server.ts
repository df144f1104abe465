// The Shopify Flow action "Award points" (design §1: custom events such as surveys or reviews).
// One ledger entry per Flow action run, or per (customer, event key) when the merchant gives one:
// Flow retries a run whose answer was lost, and a key like "review-{{review.id}}" stops a second
// workflow run from paying twice. The same key with a different amount is a conflict, not applied.
import type { Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { upsertMember } from "../models/customer.server";
import type { ShopContext } from "../models/program.server";
import { creditPoints } from "./credit-points.server";

export interface FlowAward {
  shopifyCustomerId: string;
  points: number;
  reason: string;
  actionRunId: string;
  eventKey: string | null;
}

export type FlowAwardOutcome =
  | { status: "applied" | "duplicate"; points: number; customerId: string }
  | { status: "conflict"; points: number; customerId: string };

export function flowAwardKey(
  award: Pick<FlowAward, "shopifyCustomerId" | "actionRunId" | "eventKey">,
): string {
  return award.eventKey
    ? `flow:event:${award.shopifyCustomerId}:${award.eventKey}`
    : `flow:run:${award.actionRunId}`;
}

export async function awardPointsFromFlow(
  sql: Sql,
  shop: ShopContext,
  award: FlowAward,
  now: Date,
): Promise<FlowAwardOutcome> {
  const customer = await upsertMember(
    sql,
    shop.shop,
    { shopifyCustomerId: award.shopifyCustomerId, email: null, firstName: null, lastName: null },
    now,
  );
  // Fired like any credit, marked `source: "flow action"`: a workflow started by "points earned"
  // that awards points must filter on it, or each award starts it again (docs/flow.md).
  const result = await creditPoints(
    sql,
    shop,
    {
      shop: shop.shop,
      customerId: customer.id,
      // A positive adjustment: counts towards tiers, and its free-text reason is erased on customers/redact.
      kind: "adjust",
      points: award.points,
      idempotencyKey: flowAwardKey(award),
      reason: award.reason,
      staffId: "shopify-flow",
      snapshot: {
        rule: "flow_action",
        actionRunId: award.actionRunId,
        eventKey: award.eventKey,
        points: award.points,
      },
    },
    "flow action",
    now,
  );
  if (result.status === "conflict") {
    log.warn("Flow award conflicts with an earlier award under the same key; not applied", {
      shop: shop.shop,
      key: flowAwardKey(award),
      earlier: result.entry.points,
      asked: award.points,
    });
    return { status: "conflict", points: result.entry.points, customerId: customer.id };
  }
  return { status: result.status, points: award.points, customerId: customer.id };
}
