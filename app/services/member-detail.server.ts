// One member for the admin: figures, tier progress, ledger and orders (each explainable).
import type { Db } from "../db.server";
import type { Sql } from "../db/sql.server";
import { progressFromHeldTier } from "../loyalty/tiers";
import { currentProgramVersion } from "../models/program.server";
import { currentTier, tierBasisValue } from "./tiers.server";

export const LEDGER_PAGE_SIZE = 50;

export async function memberDetail(db: Db, sql: Sql, shop: string, customerId: string, now: Date) {
  const customer = await db.customer.findFirst({ where: { id: customerId, shop } });
  if (!customer) return null;
  const [{ program }, entries, orders] = await Promise.all([
    currentProgramVersion(db, shop),
    db.ledgerEntry.findMany({
      where: { customerId, shop },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LEDGER_PAGE_SIZE,
      select: { id: true, kind: true, points: true, reason: true, staffId: true, createdAt: true, availableAt: true, order: { select: { shopifyOrderId: true, name: true } } },
    }),
    db.order.findMany({ where: { customerId, shop }, orderBy: { placedAt: "desc" }, take: 20, select: { shopifyOrderId: true, name: true, placedAt: true, pointsCredited: true, subtotal: true, paid: true, cancelled: true } }),
  ]);
  const held = currentTier(program, customer.tierName);
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop }, select: { timeZone: true } });
  const basisValue = await tierBasisValue(sql, program, customer.id, shopRow.timeZone, now);
  return {
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
    },
    tier: progressFromHeldTier(program.tiers, held, basisValue),
    tierBasis: program.tierBasis,
    pointsName: program.pointsName,
    entries,
    orders,
  };
}
