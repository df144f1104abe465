// Shopify Flow triggers (design §1): each change a merchant can automate on is written to the Flow
// outbox in the transaction of the change, with the payload the trigger extension declares
// (extensions/flow-*/shopify.extension.toml, documented in docs/flow.md). The background push
// (pushDueFlowTriggers) sends it with flowTriggerReceive; nothing here runs on the webhook path
// except one INSERT, and only for triggers the merchant switched on.
import { decode, type Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { FLOW_TRIGGERS, type FlowTriggerKind } from "../loyalty/engagement";
import { engagementOf } from "../models/engagement.server";
import {
  claimFlowEvent,
  deferFlowEvent,
  deleteFlowEvent,
  deleteShopFlowEvents,
  dueFlowEvents,
  insertFlowEvents,
} from "../models/flow-outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { AdminApiError } from "../shopify/admin-api-error";
import { runAdminOperation, type AdminClientFor } from "../shopify/admin-client.server";
import { backoffMs } from "../jobs/backoff";
import { FLOW_TRIGGER_RECEIVE_MUTATION } from "../shopify/documents/flow";

/** Fields each trigger's payload carries besides customer_id, balance and tier. */
export interface FlowTriggerFields {
  points_earned: { points: number; reason: string; source: PointsEarnedSource };
  reward_redeemed: { points: number; reward: string };
  tier_changed: {
    "previous tier": string;
    direction: "upgrade" | "downgrade" | "moved";
    source: TierChangeSource;
  };
  points_expiring: { points: number; "expires at": string };
  badge_earned: { badge: string; "badge id": string; "bonus points": number };
  journey_step: { step: string; "days since first order": number; "bonus points": number };
  /** birthday: "MM-DD"; date: the day it is celebrated in the shop (YYYY-MM-DD). */
  birthday: { birthday: string; date: string; "bonus points": number };
  /** The advocate (customer_id) was paid for a friend's first order (decision 036). */
  referral_completed: {
    "referral id": string;
    "friend customer id": number;
    "order id": string;
    "bonus points": number;
  };
}

/** What credited the points ("points earned"); a workflow filters on it (docs/flow.md). */
export type PointsEarnedSource =
  | "order"
  | "staff adjustment"
  | "flow action"
  | "badge"
  | "journey"
  | "birthday"
  | "first login"
  | "referral";
/** What moved the tier ("tier changed"): any credit's source, or a change of tiers themselves. */
export type TierChangeSource =
  PointsEarnedSource | "order backfill" | "re-evaluation" | "staff override" | "import";

export interface FlowEvent<K extends FlowTriggerKind> {
  kind: K;
  customerId: string;
  /** Unique per shop for this event, so a replayed change enqueues nothing new. */
  eventKey: string;
  fields: FlowTriggerFields[K];
  /** The tier name shown when the member has none stored yet (the program's first tier). */
  defaultTier: string;
}

/**
 * Writes the event with the member's balance and tier as they are in this transaction. Members
 * without a Shopify customer id (erased) are skipped: Flow could not resolve them.
 */
export async function enqueueFlowTrigger<K extends FlowTriggerKind>(
  sql: Sql,
  shop: string,
  event: FlowEvent<K>,
  now: Date,
): Promise<boolean> {
  return (await enqueueFlowTriggers(sql, shop, [event], now)) > 0;
}

/**
 * enqueueFlowTrigger for many events (a job's page) in two statements per 500: the members' balance
 * and tier, then the outbox rows. Returns how many events were new.
 */
export async function enqueueFlowTriggers(
  sql: Sql,
  shop: string,
  events: readonly FlowEvent<FlowTriggerKind>[],
  now: Date,
): Promise<number> {
  if (!events.length) return 0;
  const members = new Map<string, Record<string, unknown>>();
  const ids = [...new Set(events.map((event) => event.customerId))];
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await sql.rows(
      `SELECT id, "shopifyCustomerId", balance, "tierName" FROM "Customer" WHERE id IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const row of rows) members.set(String(row.id), row);
  }
  const rows = events.flatMap((event) => {
    const member = members.get(event.customerId);
    if (!member || !/^\d+$/.test(String(member.shopifyCustomerId))) return [];
    const payload = {
      customer_id: Number(member.shopifyCustomerId),
      ...event.fields,
      balance: decode.int(member.balance),
      tier: (member.tierName as string | null) ?? event.defaultTier,
    };
    return [
      {
        shop,
        customerId: event.customerId,
        handle: FLOW_TRIGGERS[event.kind],
        eventKey: `${event.kind}:${event.eventKey}`,
        payload,
      },
    ];
  });
  return insertFlowEvents(sql, rows, now);
}

/** Whether the shop's Flow trigger for redeemed rewards is on (settings cached per process). */
export async function wantsRewardRedeemedTrigger(
  sql: Sql,
  shop: Pick<ShopContext, "shop" | "engagementUpdatedAt">,
): Promise<boolean> {
  return (await engagementOf(sql, shop)).flowTriggers.reward_redeemed;
}

/** In the transaction that issues a redeemed reward (the points are spent for good then). */
export async function enqueueRewardRedeemedTrigger(
  sql: Sql,
  shop: ShopContext,
  input: { customerId: string; redemptionId: string; points: number; reward: string },
  now: Date,
): Promise<boolean> {
  if (!(await wantsRewardRedeemedTrigger(sql, shop))) return false;
  const program = await programOfVersion(sql, shop.programVersionId);
  return enqueueFlowTrigger(
    sql,
    shop.shop,
    {
      kind: "reward_redeemed",
      customerId: input.customerId,
      eventKey: input.redemptionId,
      fields: { points: input.points, reward: input.reward },
      defaultTier: program.tiers[0].name,
    },
    now,
  );
}

/**
 * In the transaction that appended a positive ledger entry (only when it was applied, not for a
 * duplicate). The event key is the entry's idempotency key: one event per credit.
 */
export async function enqueuePointsEarnedTrigger(
  sql: Sql,
  shop: ShopContext,
  input: {
    customerId: string;
    ledgerKey: string;
    points: number;
    reason: string;
    source: PointsEarnedSource;
  },
  now: Date,
): Promise<boolean> {
  if (input.points <= 0 || !(await engagementOf(sql, shop)).flowTriggers.points_earned)
    return false;
  const program = await programOfVersion(sql, shop.programVersionId);
  return enqueueFlowTrigger(
    sql,
    shop.shop,
    {
      kind: "points_earned",
      customerId: input.customerId,
      eventKey: input.ledgerKey,
      fields: { points: input.points, reason: input.reason, source: input.source },
      defaultTier: program.tiers[0].name,
    },
    now,
  );
}

export interface AppliedTierChange {
  customerId: string;
  /** The TierChange row written for the move: the event's key, so each move is reported once. */
  tierChangeId: string;
  /** The tier the member effectively held (the entry tier when none was stored). */
  from: string;
  to: string;
}

/**
 * In the transaction that moved the tiers (moveTier / moveTiers / the import), for the moves that
 * applied. A move to the tier already held (e.g. pinning the tier a member has) is not reported.
 */
export async function enqueueTierChangedTriggers(
  sql: Sql,
  shop: ShopContext,
  source: TierChangeSource,
  changes: readonly AppliedTierChange[],
  now: Date,
): Promise<number> {
  if (!changes.length || !(await engagementOf(sql, shop)).flowTriggers.tier_changed) return 0;
  const program = await programOfVersion(sql, shop.programVersionId);
  const threshold = (name: string) => program.tiers.find((tier) => tier.name === name)?.threshold;
  // "moved": the previous tier is no longer in the program (removed or renamed), so neither up nor down.
  const direction = (from: string, to: string) => {
    const [before, after] = [threshold(from), threshold(to)];
    if (before === undefined || after === undefined || before === after) return "moved" as const;
    return after > before ? ("upgrade" as const) : ("downgrade" as const);
  };
  const events = changes
    .filter((change) => change.from !== change.to)
    .map((change): FlowEvent<"tier_changed"> => ({
      kind: "tier_changed",
      customerId: change.customerId,
      eventKey: change.tierChangeId,
      fields: {
        "previous tier": change.from,
        direction: direction(change.from, change.to),
        source,
      },
      defaultTier: program.tiers[0].name,
    }));
  return enqueueFlowTriggers(sql, shop.shop, events, now);
}

/**
 * For the expiry job, in each page's transaction after it wrote the members' "expiring soon" figures,
 * so a notice and its event commit together (a crash between them would leave the members checked
 * and the event never sent): `customerIds` are the page's members whose figures may have become
 * non-zero or changed (members of `shop`: the job read them by shop; no shop condition here, so SQLite
 * looks them up by id, not by the shop index). Each member whose stored notice (expiringPoints > 0,
 * expiringAt) has not been reported yet is marked (Customer.expiryNotifiedAt = expiringAt, a
 * conditional update, so a rerun or a second runner reports it no more) and gets one event. Writes
 * nothing unless the merchant switched the trigger on. Event key
 * `points_expiring:{customerId}:{expiresAt ISO}`: one per member and expiry instant (each lot, or
 * each inactivity deadline); fewer points at the same instant (some were spent) are not reported again.
 */
export async function enqueueExpiringSoonTriggers(
  tx: Sql,
  shop: ShopContext,
  customerIds: readonly string[],
  now: Date,
): Promise<number> {
  if (!customerIds.length || !(await engagementOf(tx, shop)).flowTriggers.points_expiring) return 0;
  const program = await programOfVersion(tx, shop.programVersionId);
  let enqueued = 0;
  // 500 ids per statement: well inside every database's limit on bound parameters.
  for (let start = 0; start < customerIds.length; start += 500) {
    const chunk = customerIds.slice(start, start + 500);
    const due = await tx.rows(
      `UPDATE "Customer" SET "expiryNotifiedAt" = "expiringAt"
       WHERE id IN (${chunk.map(() => "?").join(", ")}) AND "expiringPoints" > 0 AND "expiringAt" IS NOT NULL
         AND ("expiryNotifiedAt" IS NULL OR "expiryNotifiedAt" <> "expiringAt")
       RETURNING id, "expiringPoints", "expiringAt"`,
      chunk,
    );
    const events = due.map((row): FlowEvent<"points_expiring"> => {
      const expiresAt = decode.date(row.expiringAt).toISOString();
      const customerId = String(row.id);
      return {
        kind: "points_expiring",
        customerId,
        eventKey: `${customerId}:${expiresAt}`,
        fields: { points: decode.int(row.expiringPoints), "expires at": expiresAt },
        defaultTier: program.tiers[0].name,
      };
    });
    enqueued += await enqueueFlowTriggers(tx, shop.shop, events, now);
  }
  return enqueued;
}

export interface FlowPushResult {
  sent: number;
  deferred: number;
  dropped: number;
}

/** Attempts after which an event that keeps failing is given up (logged). About a day of backoff. */
const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;

/**
 * Sends due events oldest first. An event is deleted once Shopify accepted it, or when Shopify
 * refuses it (userErrors: retrying cannot help); throttling or an outage backs the shop off.
 */
export async function pushDueFlowTriggers(
  sql: Sql,
  adminFor: AdminClientFor,
  now: Date,
  limit = 100,
): Promise<FlowPushResult> {
  const result: FlowPushResult = { sent: 0, deferred: 0, dropped: 0 };
  const due = await dueFlowEvents(sql, now, limit);
  for (const [shop, events] of Map.groupBy(due, (event) => event.shop)) {
    const client = await adminFor(shop);
    if (!client) {
      // Uninstalled: no workflow can run any more.
      result.dropped += await deleteShopFlowEvents(sql, shop);
      continue;
    }
    for (const event of events) {
      if (!(await claimFlowEvent(sql, event.id, now, LEASE_MS))) continue; // another instance has it
      try {
        const { flowTriggerReceive } = await runAdminOperation(
          client,
          FLOW_TRIGGER_RECEIVE_MUTATION,
          { handle: event.handle, payload: event.payload },
        );
        if (flowTriggerReceive?.userErrors.length) {
          log.warn("Flow refused a trigger event; dropped", {
            shop,
            handle: event.handle,
            eventKey: event.eventKey,
            errors: flowTriggerReceive.userErrors.map((error) => error.message).join("; "),
          });
          result.dropped += 1;
        } else {
          result.sent += 1;
        }
        await deleteFlowEvent(sql, event.id);
      } catch (error) {
        const message = String((error as Error).message);
        if (event.attempts + 1 >= MAX_ATTEMPTS) {
          log.warn("Flow trigger event failed too often; dropped", {
            shop,
            handle: event.handle,
            eventKey: event.eventKey,
            error: message,
          });
          await deleteFlowEvent(sql, event.id);
          result.dropped += 1;
          continue;
        }
        // Back off this event; the shop's others stay due and are tried next round.
        await deferFlowEvent(
          sql,
          event.id,
          new Date(now.getTime() + backoffMs(event.attempts + 1)),
          message,
        );
        result.deferred += 1;
        if (!(error instanceof AdminApiError && error.code === "THROTTLED"))
          log.warn("Flow trigger push failed; will retry", { shop, error: message });
        break;
      }
    }
  }
  return result;
}
