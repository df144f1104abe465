// Redemption without lost points (design §3): reserve the points in one transaction, then create the
// code in Shopify; if Shopify fails, the reservation is released. A retried request with the same
// Idempotency-Key replays the first result and never spends twice.
import { createHash, randomUUID } from "node:crypto";
import type { Sql, SqlDatabase } from "../db/sql.server";
import {
  codeExpiry,
  rewardAvailability,
  type Reward,
  type Unavailability,
} from "../loyalty/rewards";
import { appendToLockedMember, InsufficientPointsError } from "../models/ledger.server";
import { lockedMemberById, memberById } from "../models/customer.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import {
  insertReservation,
  redemptionByKey,
  transition,
  type RedemptionRecord,
} from "../models/redemption.server";
import { rewardById } from "../models/reward.server";
import { AdminApiError } from "../shopify/admin-api-error";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import {
  deactivateRewardCode,
  issueReward,
  newRewardCode,
  RewardIssueError,
  type IssuedReward,
} from "../shopify/reward-codes.server";
import { log } from "../logger.server";
import { enqueueRewardRedeemedTrigger, wantsRewardRedeemedTrigger } from "./flow-triggers.server";
import { releaseRedemption } from "./redemption-release.server";
import { voidRedemption } from "./redemption-void.server";
import { currentTier } from "./tiers.server";

export interface RedeemRequest {
  shop: ShopContext;
  customerId: string;
  shopifyCustomerId: string;
  rewardId: string;
  /** The reward as the request already read it (null: none); undefined: read here. */
  reward?: Reward | null;
  idempotencyKey: string;
  now: Date;
  /** The staff member redeeming for the customer at POS, kept on the reservation's ledger entry. */
  staffId?: string | null;
}

export type RedeemOutcome =
  | { ok: true; replayed: boolean; redemption: RedemptionRecord; balance: number }
  | {
      ok: false;
      error:
        | "REWARD_UNAVAILABLE"
        | "INSUFFICIENT_POINTS"
        | "IDEMPOTENCY_KEY_REUSED"
        | "REDEMPTION_IN_PROGRESS"
        | "SHOPIFY_UNAVAILABLE";
      detail?: Unavailability;
    };

class RewardUnavailableError extends Error {
  constructor(readonly reason: Unavailability) {
    super(`reward unavailable: ${reason}`);
  }
}

const requestHashOf = (request: RedeemRequest) =>
  createHash("sha256")
    .update(JSON.stringify({ rewardId: request.rewardId }))
    .digest("hex");

/** `admin` is only opened once points are reserved: refusals and replays never touch Shopify's session. */
export async function redeemReward(
  db: SqlDatabase,
  admin: () => Promise<AdminGraphqlClient>,
  request: RedeemRequest,
): Promise<RedeemOutcome> {
  const requestHash = requestHashOf(request);
  // A repeated key is found by the reservation's insert below (its unique key), so a first request
  // reads nothing more for it; a reward gone since the first request still replays its answer.
  const reward =
    request.reward === undefined
      ? await rewardById(db, request.shop.shop, request.rewardId)
      : request.reward;
  if (!reward)
    return (await replayOf(db, request, requestHash)) ?? { ok: false, error: "REWARD_UNAVAILABLE" };
  const id = randomUUID();
  const code = reward.kind === "store_credit" ? null : newRewardCode();
  const expiresAt = codeExpiry(reward, request.now);

  let balanceAfter = 0;
  // Phase 1: reserve. The reservation row goes in first: its unique idempotency key makes a
  // concurrent retry of the same request wait here and then replay, instead of being judged
  // against the balance the first request already spent. The member's row is locked in the same
  // round trip (sent with the insert, run after it), so the balance read is the balance until
  // COMMIT: the spend is judged here and its writes travel with the COMMIT (decision 050).
  const reserved = await db
    .transaction(async (sql) => {
      const [inserted, member] = await Promise.all([
        insertReservation(
          sql,
          {
            id,
            shop: request.shop.shop,
            customerId: request.customerId,
            rewardId: reward.id,
            points: reward.cost,
            idempotencyKey: request.idempotencyKey,
            requestHash,
            code,
            expiresAt: code ? expiresAt : null,
          },
          request.now,
        ),
        lockedMemberById(sql, request.customerId),
      ]);
      if (!inserted) return "raced" as const;
      const program = await programOfVersion(sql, request.shop.programVersionId);
      const availability = rewardAvailability(reward, {
        balance: member.balance,
        tierName: currentTier(program, member.tierName).name,
      });
      // Thrown (not returned) so the reservation row rolls back with everything else.
      if (!availability.available) throw new RewardUnavailableError(availability.reason);
      balanceAfter = appendToLockedMember(
        sql,
        {
          shop: request.shop.shop,
          customerId: request.customerId,
          kind: "redeem",
          points: -reward.cost,
          idempotencyKey: `redemption:${id}:reserve`,
          reason: reward.title,
          staffId: request.staffId ?? null,
        },
        member,
        request.now,
        { requireBalance: true },
      ).balance;
      await markMetafieldsDirty(sql, request.shop.shop, request.customerId, request.now);
      return "reserved" as const;
    })
    .catch((error) => {
      if (error instanceof InsufficientPointsError) return "insufficient_points" as const;
      if (error instanceof RewardUnavailableError) return error.reason;
      throw error;
    });
  if (reserved === "raced")
    return (
      (await replayOf(db, request, requestHash)) ?? { ok: false, error: "REDEMPTION_IN_PROGRESS" }
    );
  if (reserved === "insufficient_points") return { ok: false, error: "INSUFFICIENT_POINTS" };
  if (reserved !== "reserved") return { ok: false, error: "REWARD_UNAVAILABLE", detail: reserved };

  // Phase 2: create the code (or credit) in Shopify. A refusal gives the points back at once; a lost
  // answer is settled by looking the code up (redemption-void), here or by the stale-reservation sweep.
  let client: AdminGraphqlClient;
  try {
    client = await admin();
  } catch (error) {
    return refused(db, request, id, error);
  }
  let issued: IssuedReward;
  try {
    issued = await issueReward(client, {
      reward,
      customerGid: `gid://shopify/Customer/${request.shopifyCustomerId}`,
      code: code ?? "",
      currencyCode: request.shop.currencyCode,
      currencyExponent: request.shop.currencyExponent,
      now: request.now,
      expiresAt,
    });
  } catch (error) {
    if (shopifyRefused(error)) return refused(db, request, id, error);
    log.warn("Shopify's answer to a reward was lost; voiding it", {
      shop: request.shop.shop,
      redemptionId: id,
      error: String(error),
    });
    const reservation = (await redemptionByKey(
      db,
      request.shop.shop,
      request.customerId,
      request.idempotencyKey,
    ))!;
    await voidRedemption(db, client, reservation, request.now).catch((voidError) =>
      log.warn("voiding deferred to the stale-reservation sweep", {
        shop: request.shop.shop,
        redemptionId: id,
        error: String(voidError),
      }),
    );
    return { ok: false, error: "SHOPIFY_UNAVAILABLE" };
  }
  const recordIssued = (sql: Sql) =>
    issued.kind === "code"
      ? transition(sql, id, ["reserved"], "issued", request.now, {
          discountId: issued.discountId,
          balanceAfter,
        })
      : transition(sql, id, ["reserved", "unresolved"], "used", request.now, { balanceAfter });
  // Without a Flow trigger to write with it, the transition is one statement and needs no
  // transaction of its own (two statements and a round trip fewer on PostgreSQL).
  const recorded = (await wantsRewardRedeemedTrigger(db, request.shop))
    ? await db.transaction(async (sql) => {
        const moved = await recordIssued(sql);
        if (moved)
          await enqueueRewardRedeemedTrigger(
            sql,
            request.shop,
            {
              customerId: request.customerId,
              redemptionId: id,
              points: reward.cost,
              reward: reward.title,
            },
            request.now,
          );
        return moved;
      })
    : await recordIssued(db);
  if (!recorded && issued.kind === "code") {
    // The sweep judged this request dead and gave the points back: the late code must not work.
    await deactivateRewardCode(client, issued.discountId).catch((error) =>
      log.error("a late reward code could not be deactivated", {
        shop: request.shop.shop,
        redemptionId: id,
        error: String(error),
      }),
    );
    return { ok: false, error: "SHOPIFY_UNAVAILABLE" };
  }
  // What was just stored, without reading it back (two fewer round trips on the shopper's wait).
  const redemption: RedemptionRecord = {
    id,
    shop: request.shop.shop,
    customerId: request.customerId,
    rewardId: reward.id,
    points: reward.cost,
    status: issued.kind === "code" ? "issued" : "used",
    code,
    discountId: issued.kind === "code" ? issued.discountId : null,
    expiresAt: code ? expiresAt : null,
    requestHash,
    usedByOrderId: null,
    balanceAfter,
  };
  return { ok: true, replayed: false, redemption, balance: balanceAfter };
}

/** Shopify answered and did nothing (a user error, throttling, a rejected document): safe to release. */
function shopifyRefused(error: unknown): boolean {
  if (error instanceof RewardIssueError) return true;
  return (
    error instanceof AdminApiError && (error.code === "THROTTLED" || error.code === "GRAPHQL_ERROR")
  );
}

async function refused(
  db: SqlDatabase,
  request: RedeemRequest,
  id: string,
  error: unknown,
): Promise<RedeemOutcome> {
  log.warn("reward could not be issued; points released", {
    shop: request.shop.shop,
    redemptionId: id,
    error: String(error),
  });
  await releaseRedemption(
    db,
    request.shop.shop,
    id,
    ["reserved"],
    "failed",
    request.now,
    String((error as Error).message).slice(0, 500),
  );
  return { ok: false, error: "SHOPIFY_UNAVAILABLE" };
}

async function replayOf(
  db: SqlDatabase,
  request: RedeemRequest,
  requestHash: string,
): Promise<RedeemOutcome | null> {
  const existing = await redemptionByKey(
    db,
    request.shop.shop,
    request.customerId,
    request.idempotencyKey,
  );
  if (!existing) return null;
  if (existing.requestHash !== requestHash) return { ok: false, error: "IDEMPOTENCY_KEY_REUSED" };
  if (existing.status === "reserved" || existing.status === "voiding")
    return { ok: false, error: "REDEMPTION_IN_PROGRESS" };
  if (existing.status === "failed" || existing.status === "unresolved")
    return { ok: false, error: "SHOPIFY_UNAVAILABLE" };
  return {
    ok: true,
    replayed: true,
    redemption: existing,
    // The first answer's balance: a replay answers the same body (issue 17 item 8).
    balance: existing.balanceAfter ?? (await memberById(db, request.customerId)).balance,
  };
}
