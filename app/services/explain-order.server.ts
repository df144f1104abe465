// "Why did this order earn N points" — or why nothing — for the admin (design §6.3).
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { computeOrderEarning } from "../loyalty/earn";
import { describeFiring, describeNotEarned } from "../loyalty/explain";
import type { EarnContext, OrderEarning, OrderLine } from "../loyalty/types";
import { shopCollections } from "../models/collection-membership.server";
import { orderFacts } from "../models/order.server";
import { currentProgramVersion, programVersionById } from "../models/program.server";
import { currentTier } from "./tiers.server";

export interface OrderExplanation {
  shopifyOrderId: string;
  name: string | null;
  placedAt: Date;
  status: "paid" | "not_paid" | "cancelled";
  currencyCode: string;
  earnBase: number;
  points: number;
  programVersion: number | null;
  reasons: string[];
  firings: OrderEarning["firings"];
  history: { at: Date; points: number; kind: string; cause: string | null }[];
}

export async function explainOrder(
  db: Db,
  sql: Sql,
  shop: string,
  shopifyOrderId: string,
): Promise<OrderExplanation | null> {
  const order = await db.order.findUnique({
    where: { shop_shopifyOrderId: { shop, shopifyOrderId } },
    include: { customer: true },
  });
  if (!order) return null;
  return db.$transaction(async (tx) => {
    const facts = await orderFacts(
      sql,
      { ...order, lines: order.lines as unknown as OrderLine[] },
      order.customer?.shopifyCustomerId ?? null,
    );
    const frozen = order.earnContext as unknown as
      (EarnContext & { programVersionId: string }) | null;
    // Orders that never earned are explained with today's program and the customer's tier.
    const version = frozen
      ? await programVersionById(tx, frozen.programVersionId)
      : await currentProgramVersion(tx, shop);
    const context: EarnContext = frozen ?? {
      tier: currentTier(version.program, order.customer?.tierName ?? null),
      orderOrdinal: (order.customer?.orderCount ?? 0) + 1,
      lifetimeSpendBefore: Number(order.customer?.lifetimeSpend ?? 0),
    };
    const earning = computeOrderEarning(facts, version.program, context);
    const entries = await tx.ledgerEntry.findMany({
      where: { orderId: order.id },
      orderBy: { createdAt: "asc" },
    });
    const shopRow = await tx.shop.findUniqueOrThrow({ where: { shop } });
    const titles = Object.fromEntries(
      (await shopCollections(sql, shop)).map((row) => [row.collectionId, row.title]),
    );
    return {
      shopifyOrderId,
      name: order.name,
      placedAt: order.placedAt,
      status: order.cancelled ? "cancelled" : order.paid ? "paid" : "not_paid",
      currencyCode: shopRow.currencyCode,
      earnBase: earning.earnBase,
      points: order.pointsCredited,
      programVersion: frozen ? version.version : null,
      reasons: [
        ...earning.firings.map((firing) => describeFiring(firing, shopRow.currencyCode, titles)),
        ...earning.notEarned.map(describeNotEarned),
      ],
      firings: earning.firings,
      history: entries.map((entry) => ({
        at: entry.createdAt,
        points: entry.points,
        kind: entry.kind,
        cause: entry.reason,
      })),
    };
  });
}
