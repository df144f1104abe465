// Fresh members who can afford a few rewards each, and their redemption requests with a shopper's
// session token, for the in-process redemption benches (in-process.ts, route-ab.ts). App modules are
// imported on first use: they validate the environment, which the bench sets up first.
import type { demoEnv } from "../../scripts/demo/demo-env";
import { shopperToken } from "../../tests/support/session-tokens";

export function redeemingShoppers(options: {
  shop: string;
  rewardId: string;
  rewardCost: number;
  env: ReturnType<typeof demoEnv>;
  /** How many rewards each member's points pay for. */
  rewardsEach: number;
}) {
  const { shop, env, rewardsEach } = options;
  let nextCustomer = 1;
  const tokens = new Map<number, string>();

  /** `n` redemptions' Shopify customer ids: fresh members, each repeated `rewardsEach` times. */
  async function members(n: number): Promise<number[]> {
    const { getSql } = await import("../../app/db.server");
    const { upsertMember } = await import("../../app/models/customer.server");
    const { appendLedgerEntry } = await import("../../app/models/ledger.server");
    const ids: number[] = [];
    for (let i = 0; i < Math.ceil(n / rewardsEach); i++) {
      const shopifyId = nextCustomer++;
      const member = await upsertMember(
        getSql(),
        shop,
        { shopifyCustomerId: String(shopifyId), email: null, firstName: null, lastName: null },
        new Date(),
      );
      await getSql().transaction((tx) =>
        appendLedgerEntry(
          tx,
          {
            shop,
            customerId: member.id,
            kind: "adjust",
            points: options.rewardCost * rewardsEach,
            idempotencyKey: `bench:${shopifyId}`,
            reason: "bench",
          },
          new Date(),
        ),
      );
      ids.push(shopifyId);
    }
    return Array.from({ length: n }, (_, index) => ids[Math.floor(index / rewardsEach)]);
  }

  async function tokenOf(customer: number): Promise<string> {
    let token = tokens.get(customer);
    if (!token) {
      token = await shopperToken({
        shop,
        customerId: customer,
        audience: env.SHOPIFY_API_KEY,
        secret: env.SHOPIFY_API_SECRET,
        expiresInSeconds: 3600,
      });
      tokens.set(customer, token);
    }
    return token;
  }

  /** POST /api/loyalty/redemptions for the customer, with a fresh Idempotency-Key. */
  async function redeemRequest(customer: number): Promise<Request> {
    return new Request(`${env.SHOPIFY_APP_URL}/api/loyalty/redemptions`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${await tokenOf(customer)}`,
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
        "User-Agent": "Mozilla/5.0 Chrome/156",
      },
      body: JSON.stringify({ rewardId: options.rewardId }),
    });
  }

  return { members, redeemRequest };
}
