// Replays the last 90 days of orders under a draft program before it goes live (design §6.9):
// points that would have been issued, the change in liability, members whose tier would move.
import type { Db } from "../db.server";
import { LIFETIME_ENTRY_CONDITION } from "../models/ledger.server";
import { decode, type Sql } from "../db/sql.server";
import {
  simulateProgramChange,
  type SimulatedMember,
  type SimulatedOrder,
  type SimulationResult,
} from "../loyalty/simulation";
import { tierWindowStart } from "../loyalty/tiers";
import type { EarnContext, OrderLine, Program } from "../loyalty/types";
import { collectionsOfProducts } from "../models/collection-membership.server";
import { orderFacts } from "../models/order.server";
import { currentProgramVersion, programVersionById } from "../models/program.server";

export const SIMULATION_DAYS = 90;
/** Newest orders replayed at most; the result says when the window held more. */
export const SIMULATION_MAX_ORDERS = 20_000;

export interface ProgramSimulation extends SimulationResult {
  since: Date;
  truncated: boolean;
  /** Money value of pointsDelta at the catalogue's most generous points-to-money rate; null without such a reward. */
  liabilityDelta: number | null;
}

export async function simulateProgramDraft(
  db: Db,
  sql: Sql,
  shop: string,
  draft: Program,
  now: Date,
): Promise<ProgramSimulation> {
  const since = new Date(now.getTime() - SIMULATION_DAYS * 86_400_000);
  const [current, shopRow, rows] = await Promise.all([
    currentProgramVersion(db, shop),
    db.shop.findUniqueOrThrow({ where: { shop } }),
    db.order.findMany({
      where: {
        shop,
        placedAt: { gte: since },
        customerId: { not: null },
        programVersionId: { not: null },
      },
      include: { customer: { select: { shopifyCustomerId: true } } },
      orderBy: { placedAt: "desc" },
      take: SIMULATION_MAX_ORDERS + 1,
    }),
  ]);
  const truncated = rows.length > SIMULATION_MAX_ORDERS;
  const programs = new Map<string, Program>();
  const orders: SimulatedOrder[] = [];
  for (const row of rows.slice(0, SIMULATION_MAX_ORDERS)) {
    const versionId = row.programVersionId!;
    if (!programs.has(versionId))
      programs.set(versionId, (await programVersionById(db, versionId)).program);
    const facts = await orderFacts(
      sql,
      { ...row, lines: row.lines as unknown as OrderLine[] },
      row.customer?.shopifyCustomerId ?? null,
    );
    orders.push({
      facts,
      context: row.earnContext as unknown as EarnContext,
      program: programs.get(versionId)!,
      customerId: row.customerId!,
    });
  }
  await addDraftCollections(sql, shop, draft, orders);
  const members = await membersToReevaluate(sql, shop, draft, shopRow.timeZone, now);
  const result = simulateProgramChange(draft, current.program, orders, members);
  return {
    ...result,
    since,
    truncated,
    liabilityDelta: await liabilityOf(sql, shop, result.pointsDelta),
  };
}

/**
 * The draft's collection multipliers apply to past orders by today's membership of their products
 * (decision 059), added to what each order froze for its own program's collections.
 */
async function addDraftCollections(
  sql: Sql,
  shop: string,
  draft: Program,
  orders: SimulatedOrder[],
): Promise<void> {
  const collections = draft.purchase.collectionMultipliers.map((m) => m.collectionId);
  if (!collections.length) return;
  const products = [
    ...new Set(orders.flatMap((order) => order.facts.lines.map((line) => line.productId ?? ""))),
  ].filter(Boolean);
  const today = await collectionsOfProducts(sql, shop, products, collections);
  for (const order of orders) {
    const frozen = order.context.productCollections ?? {};
    const merged: Record<string, string[]> = { ...frozen };
    for (const line of order.facts.lines) {
      const id = line.productId;
      if (id && today[id]) merged[id] = [...new Set([...(frozen[id] ?? []), ...today[id]])];
    }
    order.context = { ...order.context, productCollections: merged };
  }
}

/**
 * Members whose tier could move: those holding a tier above the entry tier, and those with
 * activity in the draft's tier window. Everyone else measures 0 and stays in the entry tier.
 */
async function membersToReevaluate(
  sql: Sql,
  shop: string,
  draft: Program,
  timeZone: string,
  now: Date,
): Promise<SimulatedMember[]> {
  const windowStart = tierWindowStart(draft.tierPeriod, now, timeZone) ?? new Date(0);
  const activity =
    draft.tierBasis === "amount_spent"
      ? `SELECT "customerId", SUM(subtotal) AS value FROM "Order" WHERE shop = ? AND paid = TRUE AND cancelled = FALSE AND "customerId" IS NOT NULL AND "placedAt" >= ? GROUP BY "customerId"`
      : `SELECT "customerId", SUM(points) AS value FROM "LedgerEntry" WHERE shop = ? AND "createdAt" >= ? AND ${LIFETIME_ENTRY_CONDITION} GROUP BY "customerId"`;
  const rows = await sql.rows(
    `SELECT c.id, c."tierName", COALESCE(a.value, 0) AS value FROM "Customer" c LEFT JOIN (${activity}) a ON a."customerId" = c.id
     WHERE c.shop = ? AND (a."customerId" IS NOT NULL OR c."tierName" IS NOT NULL)`,
    [shop, windowStart, shop],
  );
  return rows.map((row) => ({
    customerId: String(row.id),
    tierName: (row.tierName as string | null) ?? null,
    basisValue: decode.int(row.value),
  }));
}

async function liabilityOf(sql: Sql, shop: string, points: number): Promise<number | null> {
  const [best] = await sql.rows(
    `SELECT value, cost FROM "Reward" WHERE shop = ? AND enabled = TRUE AND kind IN ('fixed_amount', 'store_credit') AND value IS NOT NULL ORDER BY CAST(value AS REAL) / cost DESC LIMIT 1`,
    [shop],
  );
  if (!best) return null;
  // Truncated towards zero: a liability is never overstated by rounding.
  return Math.trunc((points * decode.int(best.value)) / decode.int(best.cost));
}
