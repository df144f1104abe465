// TALLY_PG_NAMED_STATEMENTS=1 (docs/decisions/051), PostgreSQL only: crediting orders, a refund, a
// redemption and the shopper's loyalty read give the same results with the switch on as off, and
// with it on the port's statements really are named prepared statements on the connection.
import { afterEach, expect, it, vi } from "vitest";
import { getDb, getSql } from "~/db.server";
import { installShop } from "../factories/shop";
import { lineIdFor, orderPayload, refundPayload } from "../factories/webhook-payloads";
import { resetDatabase } from "../support/reset-database";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, redeem } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "named-statements.myshopify.com";
const alice = 5101;

/** Reopens the process-wide SQL port with the switch as given: it is read when the port opens. */
async function reopenSql(switchValue: "0" | "1") {
  await globalThis.__tallySql?.close();
  globalThis.__tallySql = undefined;
  vi.stubEnv("TALLY_PG_NAMED_STATEMENTS", switchValue);
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await reopenSql("0");
  vi.unstubAllEnvs();
});

/** The named statements prepared on the connection that runs this probe. */
const preparedHere = () =>
  getSql().transaction(async (tx) => {
    await tx.rows("SELECT 1 AS probe");
    return tx.rows<{ name: string; statement: string }>(
      "SELECT name, statement FROM pg_prepared_statements ORDER BY name",
    );
  });

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

it("gives the same results with named statements, and names them on the connection", async () => {
  await reopenSql("0");
  const unnamed = await representativeRun();
  expect(await preparedHere()).toEqual([]);

  await reopenSql("1");
  const named = await representativeRun();
  expect(named).toEqual(unnamed);
  const prepared = await preparedHere();
  expect(prepared.every(({ name }) => /^tally_\d+$/.test(name))).toBe(true);
  expect(prepared.map(({ statement }) => statement)).toContain("SELECT 1 AS probe");
  // The crediting and redemption paths ran through the same named statements.
  expect(unnamed.ledger.map(({ kind }) => kind)).toEqual(
    expect.arrayContaining(["earn", "redeem"]),
  );
});
