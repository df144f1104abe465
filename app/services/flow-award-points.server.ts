// The Shopify Flow action "Award points" (design §1: custom events such as surveys or reviews).
// One ledger entry per Flow action run, or per (customer, event key) when the merchant gives one:
// Flow retries a run whose answer was lost, and a key like "review-{{review.id}}" stops a second
// workflow run from paying twice. The same key with a different amount is a conflict, not applied.
import type { Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { upsertMember } from "../models/customer.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { enqueuePointsEarnedTrigger } from "./flow-triggers.server";
import { upgradeTierIfEarned } from "./tiers.server";

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
  const result = await appendLedgerEntry(
    sql,
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
  if (result.status === "applied") {
    await markMetafieldsDirty(sql, shop.shop, customer.id, now);
    await upgradeTierIfEarned(
      sql,
      await programOfVersion(sql, shop.programVersionId),
      customer,
      shop.timeZone,
      now,
      { shop, source: "flow action" },
    );
    // Fired like any credit, marked `source: "flow action"`: a workflow started by "points earned"
    // that awards points must filter on it, or each award starts it again (docs/flow.md).
    await enqueuePointsEarnedTrigger(
      sql,
      shop,
      {
        customerId: customer.id,
        ledgerKey: flowAwardKey(award),
        points: award.points,
        reason: award.reason,
        source: "flow action",
      },
      now,
    );
  }
  return { status: result.status, points: award.points, customerId: customer.id };
}
