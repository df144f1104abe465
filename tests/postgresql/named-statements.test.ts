// Named prepared statements (docs/decisions/060), PostgreSQL only: crediting orders, a refund, a
// redemption and the shopper's loyalty read give the same results whichever statements are named
// (TALLY_PG_NAMED_STATEMENTS none, plan-stable, all); by default only the statements marked
// planStable() are named prepared statements on the connections, with "all" every cached one.
import { afterEach, expect, it, vi } from "vitest";
import { getDb, getSql } from "~/db.server";
import { isPlanStable } from "~/db/sql.server";
import { namedStatementsSetting } from "~/db/sql-postgres.server";
import { installShop } from "../factories/shop";
import { lineIdFor, orderPayload, refundPayload } from "../factories/webhook-payloads";
import { resetDatabase } from "../support/reset-database";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, redeem } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "named-statements.myshopify.com";
const alice = 5101;
/** openPostgres's default pool size: the probe below holds every connection at once. */
const POOL_SIZE = 10;

/** Reopens the process-wide SQL port with the setting as given: it is read when the port opens. */
async function reopenSql(setting: string | undefined) {
  await globalThis.__tallySql?.close();
  globalThis.__tallySql = undefined;
  vi.unstubAllEnvs();
  if (setting !== undefined) vi.stubEnv("TALLY_PG_NAMED_STATEMENTS", setting);
}

afterEach(async () => {
  await reopenSql(undefined);
  vi.unstubAllEnvs();
});

/**
 * The statements prepared on any of the pool's connections (pg_prepared_statements is per session):
 * every connection is held at once, so each answers for itself. Texts as the app wrote them (`?`).
 */
async function preparedOnEveryConnection(): Promise<string[]> {
  let arrived = 0;
  let everyoneHere!: () => void;
  const allHeld = new Promise<void>((resolve) => (everyoneHere = resolve));
  const lists = await Promise.all(
    Array.from({ length: POOL_SIZE }, () =>
      getSql().transaction(async (tx) => {
        if (++arrived === POOL_SIZE) everyoneHere();
        await allHeld;
        return tx.rows<{ statement: string }>("SELECT statement FROM pg_prepared_statements");
      }),
    ),
  );
  const texts = lists.flat().map(({ statement }) => statement.replace(/\$\d+/g, "?"));
  return [...new Set(texts)];
}

const omit = (row: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(row).filter(([name]) => name !== key));

/** Credit two orders, refund part of one, redeem, read the loyalty: what is stored and answered. */
async function representativeRun() {
  await resetDatabase();
  await installShop(getDb(), shop);
  const first = { id: 1, customer: { id: alice }, lines: [{ price: 40000 }, { price: 20000 }] };
  expect((await deliver("orders/paid", orderPayload(first), { shop })).status).toBe(200);
  const second = { id: 2, customer: { id: alice }, lines: [{ price: 15000 }] };
  expect((await deliver("orders/paid", orderPayload(second), { shop })).status).toBe(200);
  const refund = {
    id: 11,
    orderId: 1,
    lines: [{ lineId: lineIdFor(first, 1), quantity: 1, subtotal: 20000 }],
  };
  expect((await deliver("refunds/create", refundPayload(refund), { shop })).status).toBe(200);
  const token = await shopperToken({ shop, customerId: alice });
  const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
  const redeemed = await redeem(token, reward.id);
  expect(redeemed.status).toBe(201);
  const { balance: balanceAfterRedeeming } = (await redeemed.json()) as { balance: number };
  const loyalty = (await (await getLoyalty(token)).json()) as Record<string, unknown>;
  const customer = await getDb().customer.findFirstOrThrow({ where: { shop } });
  const ledger = await getDb().ledgerEntry.findMany({
    where: { shop },
    orderBy: [{ createdAt: "asc" }, { kind: "asc" }],
    select: { kind: true, points: true, reason: true },
  });
  const redemptions = await getDb().redemption.findMany({
    where: { shop },
    select: { status: true, points: true, balanceAfter: true },
  });
  return {
    balanceAfterRedeeming,
    member: {
      balance: customer.balance,
      pending: customer.pending,
      lifetimeEarned: customer.lifetimeEarned,
      orderCount: customer.orderCount,
      lifetimeSpend: String(customer.lifetimeSpend),
      tier: customer.tierName,
    },
    ledger,
    redemptions,
    // Ids and times differ from run to run; everything else must not.
    loyalty: {
      ...loyalty,
      rewards: (loyalty.rewards as Record<string, unknown>[]).map((reward) => omit(reward, "id")),
      history: (loyalty.history as Record<string, unknown>[]).map((entry) => omit(entry, "at")),
    },
  };
}

it("gives the same results whichever statements are named, and names only the plan-stable ones by default", async () => {
  await reopenSql("none");
  const unnamed = await representativeRun();
  await getSql().rows("SELECT 1 AS probe");
  expect(await preparedOnEveryConnection()).toEqual([]);

  await reopenSql(undefined);
  const planStableNamed = await representativeRun();
  await getSql().rows("SELECT 1 AS probe");
  expect(planStableNamed).toEqual(unnamed);
  const stable = await preparedOnEveryConnection();
  expect(stable.filter((text) => !isPlanStable(text))).toEqual([]);
  // The crediting path's key probes and inserts, and the redemption's, are named…
  const named = (start: string) => stable.some((text) => text.startsWith(start));
  expect(named(`INSERT INTO "WebhookDelivery"`)).toBe(true);
  expect(named(`SELECT EXISTS (SELECT 1 FROM "WebhookDelivery"`)).toBe(true);
  expect(named(`INSERT INTO "LedgerEntry"`)).toBe(true);
  expect(named(`INSERT INTO "Redemption"`)).toBe(true);
  // …lookups by (shop, shopifyCustomerId), whose generic plan can take another (shop, …) index, are not.
  expect(stable.filter((text) => text.includes(`"shopifyCustomerId" = ?`))).toEqual([]);

  await reopenSql("all");
  const allNamed = await representativeRun();
  await getSql().rows("SELECT 1 AS probe");
  expect(allNamed).toEqual(unnamed);
  const every = await preparedOnEveryConnection();
  expect(every).toContain("SELECT 1 AS probe");
  expect(every.some((text) => text.includes(`"shopifyCustomerId" = ?`))).toBe(true);
  expect(every.length).toBeGreaterThan(stable.length);
  // The crediting and redemption paths ran.
  expect(unnamed.ledger.map(({ kind }) => kind)).toEqual(
    expect.arrayContaining(["earn", "redeem"]),
  );
});

it("reads TALLY_PG_NAMED_STATEMENTS: plan-stable by default, 0/none and 1/all as before", () => {
  expect(namedStatementsSetting(undefined)).toBe("plan-stable");
  expect(namedStatementsSetting("plan-stable")).toBe("plan-stable");
  expect(namedStatementsSetting("0")).toBe("none");
  expect(namedStatementsSetting("none")).toBe("none");
  expect(namedStatementsSetting("1")).toBe("all");
  expect(namedStatementsSetting("all")).toBe("all");
  expect(() => namedStatementsSetting("yes")).toThrow(/TALLY_PG_NAMED_STATEMENTS/);
});
