// Tier progress from the ledger and orders; the thresholds and maths live in app/loyalty/tiers.
import type { Tx } from "../db.server";
import { tierFor, tierWindowStart } from "../loyalty/tiers";
import type { Program, Tier } from "../loyalty/types";
import type { CustomerRow } from "../models/customer.server";

export function currentTier(program: Program, tierName: string | null): Tier {
  return program.tiers.find((tier) => tier.name === tierName) ?? program.tiers[0];
}

/** The number the program's tiers are measured on, over the program's tier period. */
export async function tierBasisValue(tx: Tx, program: Program, customerId: string, timeZone: string, now: Date): Promise<number> {
  const since = tierWindowStart(program.tierPeriod, now, timeZone) ?? new Date(0);
  if (program.tierBasis === "amount_spent") {
    const spent = await tx.order.aggregate({ where: { customerId, paid: true, cancelled: false, placedAt: { gte: since } }, _sum: { subtotal: true } });
    return spent._sum.subtotal ?? 0;
  }
  const earned = await tx.ledgerEntry.aggregate({
    where: { customerId, createdAt: { gte: since }, OR: [{ kind: { in: ["earn", "import", "reverse"] } }, { kind: "adjust", points: { gt: 0 } }] },
    _sum: { points: true },
  });
  return earned._sum.points ?? 0;
}

/** Upgrades apply at once (design §1); downgrades wait for the periodic re-evaluation. */
export async function upgradeTierIfEarned(tx: Tx, program: Program, customer: CustomerRow, timeZone: string, now: Date): Promise<string | null> {
  const current = currentTier(program, customer.tierName);
  const earned = tierFor(program.tiers, await tierBasisValue(tx, program, customer.id, timeZone, now));
  if (earned.threshold <= current.threshold) return null;
  await tx.customer.update({ where: { id: customer.id }, data: { tierName: earned.name, tierSince: now } });
  await tx.tierChange.create({
    data: { shop: customer.shop, customerId: customer.id, fromTier: customer.tierName ?? current.name, toTier: earned.name, reason: `reached ${earned.threshold} (${program.tierBasis}, ${program.tierPeriod})`, createdAt: now },
  });
  return earned.name;
}
