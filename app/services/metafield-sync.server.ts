// Pushes changed members' loyalty status to their app-owned metafields (design §4): the outbox row
// is written in the ledger's transaction; this worker sends up to 25 customers per metafieldsSet,
// backs off when Shopify throttles, and deletes a row only if the customer did not change again
// while the push was in flight. Nothing here runs on the webhook path.
import { parseBirthday } from "../loyalty/birthday";
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { programMetafieldValue } from "../loyalty/storefront-earn";
import type { Program } from "../loyalty/types";
import { SHOP_OUTBOX_ROW } from "../models/outbox.server";
import { currentProgramVersion } from "../models/program.server";
import { SHOP_ID_QUERY } from "../shopify/documents/shop";
import { AdminApiError } from "../shopify/admin-api-error";
import {
  runAdminOperation,
  type AdminClientFor,
  type AdminGraphqlClient,
} from "../shopify/admin-client.server";
import { backoffMs } from "../jobs/backoff";
import { METAFIELDS_SET_MUTATION } from "../shopify/documents/metafields";
import {
  buildBirthdayMetafield,
  buildLoyaltyMetafields,
  buildProgramMetafield,
  chunkMetafields,
  METAFIELDS_SET_LIMIT,
} from "../shopify/metafields.server";
import { loyaltyStatus } from "./loyalty-status.server";
import { pushTierTag, tierTag, type TierTagChange } from "./tier-tags.server";

export interface SyncResult {
  pushed: number;
  deferred: number;
  dropped: number;
}

/** Pushes the shop's `$app:loyalty.program`; on failure backs the row off and returns false. */
async function pushProgramMetafield(
  db: Db,
  client: AdminGraphqlClient,
  row: { shop: string; changedAt: Date; attempts: number },
  shopRow: { currencyCode: string; programEnabled: boolean },
  program: Program,
  now: Date,
): Promise<boolean> {
  try {
    const { shop } = await runAdminOperation(client, SHOP_ID_QUERY, {});
    const { metafieldsSet } = await runAdminOperation(client, METAFIELDS_SET_MUTATION, {
      metafields: [
        buildProgramMetafield(
          shop.id,
          programMetafieldValue(program, shopRow.currencyCode, shopRow.programEnabled),
        ),
      ],
    });
    if (metafieldsSet?.userErrors.length)
      throw new Error(metafieldsSet.userErrors.map((error) => error.message).join("; "));
  } catch (error) {
    await db.metafieldOutbox.updateMany({
      where: { shop: row.shop, customerId: SHOP_OUTBOX_ROW, changedAt: row.changedAt },
      data: {
        attempts: { increment: 1 },
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1)),
        lastError: String((error as Error).message).slice(0, 500),
      },
    });
    if (!(error instanceof AdminApiError && error.code === "THROTTLED"))
      log.warn("shop metafield push failed; will retry", { shop: row.shop, error: String(error) });
    return false;
  }
  await db.metafieldOutbox.deleteMany({
    where: { shop: row.shop, customerId: SHOP_OUTBOX_ROW, changedAt: row.changedAt },
  });
  return true;
}

export async function pushDueMetafields(
  db: Db,
  sql: Sql,
  adminFor: AdminClientFor,
  now: Date,
  limit = 250,
): Promise<SyncResult> {
  const due = await db.metafieldOutbox.findMany({
    where: { nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  const result: SyncResult = { pushed: 0, deferred: 0, dropped: 0 };
  const byShop = Map.groupBy(due, (row) => row.shop);
  for (const [shop, rows] of byShop) {
    const client = await adminFor(shop);
    if (!client) {
      // No offline session (uninstalled): nothing can be pushed until the shop installs again.
      await db.metafieldOutbox.deleteMany({
        where: { shop, customerId: { in: rows.map((row) => row.customerId) } },
      });
      result.dropped += rows.length;
      continue;
    }
    const [shopRow, { program }] = await Promise.all([
      db.shop.findUniqueOrThrow({ where: { shop } }),
      currentProgramVersion(db, shop),
    ]);
    const shopRowDue = rows.find((row) => row.customerId === SHOP_OUTBOX_ROW);
    if (shopRowDue) {
      rows.splice(rows.indexOf(shopRowDue), 1);
      const pushed = await pushProgramMetafield(db, client, shopRowDue, shopRow, program, now);
      if (pushed) result.pushed += 1;
      else {
        result.deferred += rows.length + 1;
        continue; // the shop's API is throttled or failing: its customers wait for the next run
      }
    }
    for (let offset = 0; offset < rows.length; offset += METAFIELDS_SET_LIMIT) {
      const batch = rows.slice(offset, offset + METAFIELDS_SET_LIMIT);
      const customers = await db.customer.findMany({
        where: { id: { in: batch.map((row) => row.customerId) } },
      });
      const pushable = customers.filter((customer) => /^\d+$/.test(customer.shopifyCustomerId));
      const inputs = [];
      const tagChanges: TierTagChange[] = [];
      // Birthdays set (or imported) since their last push; most pushes carry none.
      const birthdays = pushable.filter(
        (customer) =>
          parseBirthday(customer.birthday) !== null &&
          (customer.birthdaySyncedAt === null ||
            (customer.birthdaySetAt !== null &&
              customer.birthdaySetAt > customer.birthdaySyncedAt)),
      );
      for (const customer of birthdays)
        inputs.push(
          buildBirthdayMetafield(
            `gid://shopify/Customer/${customer.shopifyCustomerId}`,
            customer.birthday as string,
          ),
        );
      for (const customer of pushable) {
        const status = await loyaltyStatus(sql, program, customer, shopRow.timeZone, now);
        const tag = tierTag(program.tiers, status.tier, shopRow.tierTagPrefix);
        if (tag !== customer.tierTag)
          tagChanges.push({
            customerId: customer.id,
            gid: `gid://shopify/Customer/${customer.shopifyCustomerId}`,
            from: customer.tierTag,
            to: tag,
          });
        inputs.push(
          ...buildLoyaltyMetafields(`gid://shopify/Customer/${customer.shopifyCustomerId}`, {
            balance: status.balance,
            pending: status.pending,
            tierName: status.tier.name,
            nextTierName: status.nextTier?.name ?? null,
            pointsToNextTier: status.nextTier?.remaining ?? null,
            earn: program.purchase.enabled
              ? {
                  perUnit:
                    (program.purchase.pointsPerUnit * status.tier.multiplier) /
                    100 /
                    program.purchase.spendUnit,
                  currency: shopRow.currencyCode,
                }
              : null,
          }),
        );
      }
      try {
        for (const chunk of chunkMetafields(inputs)) {
          const { metafieldsSet } = await runAdminOperation(client, METAFIELDS_SET_MUTATION, {
            metafields: chunk,
          });
          if (metafieldsSet?.userErrors.length)
            throw new Error(metafieldsSet.userErrors.map((error) => error.message).join("; "));
        }
        for (const change of tagChanges) await pushTierTag(db, client, change);
        if (birthdays.length)
          await db.customer.updateMany({
            where: { id: { in: birthdays.map((customer) => customer.id) } },
            data: { birthdaySyncedAt: now },
          });
      } catch (error) {
        const throttled = error instanceof AdminApiError && error.code === "THROTTLED";
        for (const row of batch) {
          await db.metafieldOutbox.updateMany({
            where: { shop, customerId: row.customerId, changedAt: row.changedAt },
            data: {
              attempts: { increment: 1 },
              nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1)),
              lastError: String((error as Error).message).slice(0, 500),
            },
          });
        }
        result.deferred += batch.length;
        if (!throttled)
          log.warn("metafield push failed; will retry", { shop, error: String(error) });
        break; // the shop's bucket is empty or its API is failing: leave its other rows for later
      }
      // Only rows unchanged since they were read: a newer change must still be pushed.
      for (const row of batch)
        await db.metafieldOutbox.deleteMany({
          where: { shop, customerId: row.customerId, changedAt: row.changedAt },
        });
      result.pushed += pushable.length;
      result.dropped += batch.length - pushable.length;
    }
  }
  return result;
}
