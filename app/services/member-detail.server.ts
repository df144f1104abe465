// One member for the admin: figures, tier progress, ledger and orders (each explainable).
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { adminText } from "../i18n";
import { wordStored } from "../i18n/coded-text";
import { describeLedgerEntry, describeRedemptionStatus } from "../loyalty/ledger-wording";
import { progressFromHeldTier } from "../loyalty/tiers";
import { isRecordId } from "../utils/record-id";
import { currentProgramVersion } from "../models/program.server";
import { currentTier, tierBasisValue } from "./tiers.server";

export const LEDGER_PAGE_SIZE = 50;
export const RECENT_REDEMPTIONS = 20;
export const RECENT_TIER_CHANGES = 20;

/** The customer's page in the Shopify admin (opened in the admin's own window, outside the app). */
export function shopifyCustomerUrl(shop: string, shopifyCustomerId: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/customers/${encodeURIComponent(shopifyCustomerId)}`;
}

/** Cursor of a ledger page: the last entry shown (createdAt, id). */
export function ledgerCursor(entry: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([entry.createdAt.toISOString(), entry.id])).toString(
    "base64url",
  );
}

function parseLedgerCursor(cursor: string | null): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [
      string,
      string,
    ];
    const createdAt = new Date(at);
    if (isRecordId(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // fall through
  }
  return null;
}

export async function memberDetail(
  db: Db,
  sql: Sql,
  shop: string,
  customerId: string,
  now: Date,
  ledgerBefore: string | null = null,
) {
  const before = parseLedgerCursor(ledgerBefore);
  const customer = await db.customer.findFirst({ where: { id: customerId, shop } });
  if (!customer) return null;
  const [{ program }, entries, orders, redemptions, tierChanges] = await Promise.all([
    currentProgramVersion(db, shop),
    db.ledgerEntry.findMany({
      // Keyset pages, newest first: entries strictly older than the cursor's (createdAt, id).
      where: {
        customerId,
        shop,
        ...(before
          ? {
              OR: [
                { createdAt: { lt: before.createdAt } },
                { createdAt: before.createdAt, id: { lt: before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LEDGER_PAGE_SIZE + 1,
      select: {
        id: true,
        kind: true,
        points: true,
        reason: true,
        staffId: true,
        createdAt: true,
        availableAt: true,
        order: { select: { shopifyOrderId: true, name: true } },
      },
    }),
    db.order.findMany({
      where: { customerId, shop },
      orderBy: { placedAt: "desc" },
      take: 20,
      select: {
        shopifyOrderId: true,
        name: true,
        placedAt: true,
        pointsCredited: true,
        subtotal: true,
        paid: true,
        cancelled: true,
      },
    }),
    db.redemption.findMany({
      where: { customerId, shop },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_REDEMPTIONS,
      select: {
        id: true,
        points: true,
        status: true,
        code: true,
        expiresAt: true,
        createdAt: true,
        reward: { select: { title: true } },
      },
    }),
    db.tierChange.findMany({
      where: { customerId, shop },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_TIER_CHANGES,
      select: { id: true, fromTier: true, toTier: true, reason: true, createdAt: true },
    }),
  ]);
  const held = currentTier(program, customer.tierName);
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop }, select: { timeZone: true } });
  const basisValue = await tierBasisValue(sql, program, customer.id, shopRow.timeZone, now);
  return {
    timeZone: shopRow.timeZone,
    shopifyCustomerUrl: customer.redactedAt
      ? null
      : shopifyCustomerUrl(shop, customer.shopifyCustomerId),
    member: {
      id: customer.id,
      shopifyCustomerId: customer.shopifyCustomerId,
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      balance: customer.balance,
      pending: customer.pending,
      lifetimeEarned: customer.lifetimeEarned,
      orderCount: customer.orderCount,
      enrolledAt: customer.enrolledAt,
      redacted: customer.redactedAt !== null,
      tierOverride: customer.tierOverride,
    },
    tierNames: program.tiers.map((tier) => tier.name),
    tier: progressFromHeldTier(program.tiers, held, basisValue),
    tierBasis: program.tierBasis,
    pointsName: program.pointsName,
    entries: entries.slice(0, LEDGER_PAGE_SIZE).map((entry) => ({
      ...entry,
      description: describeLedgerEntry(
        {
          kind: entry.kind,
          points: entry.points,
          reason: entry.reason,
          staffId: entry.staffId,
          orderName: entry.order ? (entry.order.name ?? `#${entry.order.shopifyOrderId}`) : null,
        },
        adminText.ledger,
      ),
    })),
    olderEntries:
      entries.length > LEDGER_PAGE_SIZE ? ledgerCursor(entries[LEDGER_PAGE_SIZE - 1]) : null,
    // Minor units are 64-bit in the database; any one order fits a JS number exactly (≤ 10^15).
    orders: orders.map((order) => ({ ...order, subtotal: Number(order.subtotal) })),
    redemptions: redemptions.map((redemption) => ({
      id: redemption.id,
      rewardTitle: redemption.reward.title,
      points: redemption.points,
      code: redemption.code,
      status: redemption.status,
      statusText: describeRedemptionStatus(redemption.status, adminText.ledger),
      expiresAt: redemption.expiresAt,
      createdAt: redemption.createdAt,
    })),
    // Reasons are stored coded (decision 053), or as English sentences before that: shown as stored.
    tierChanges: tierChanges.map((change) => ({
      ...change,
      reason: wordStored(change.reason, adminText.tierReasons),
    })),
  };
}
