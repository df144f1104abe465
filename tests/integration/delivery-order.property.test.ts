// Whatever order Shopify delivers an order's events in, and however often, the member ends with the
// same points: the rules applied to the full set of facts (design §2), on the real database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "shuffle.myshopify.com";

const scenario = fc
  .record({
    lines: fc.array(
      fc.record({
        price: fc.integer({ min: 1, max: 40_000 }),
        quantity: fc.integer({ min: 1, max: 3 }),
        discount: fc.integer({ min: 0, max: 500 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    refunded: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    cancelled: fc.boolean(),
    copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
    seed: fc.integer(),
  })
  .map((s) => ({
    ...s,
    lines: s.lines.map((line) => ({
      ...line,
      discount: Math.min(line.discount, line.price * line.quantity),
    })),
  }));

let orderId = 1;

describe("delivery order and duplicates", () => {
  it("never change the end state", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ lines, refunded, cancelled, copies, seed }) => {
        await installShop(getDb(), shop);
        const id = orderId++;
        const customerId = 10_000 + id;
        const spec: OrderSpec = {
          id,
          customer: { id: customerId },
          lines,
          updatedAt: "2026-06-01T12:00:00-04:00",
        };
        const refunds = lines
          .map((line, index) => ({ line, index }))
          .filter(({ index }) => refunded[index])
          .map(({ line, index }) => ({
            id: id * 100 + index,
            orderId: id,
            lines: [
              {
                lineId: lineIdFor(spec, index),
                quantity: line.quantity,
                subtotal: line.price * line.quantity - line.discount,
              },
            ],
          }));
        const events: [string, unknown][] = [
          ["orders/paid", orderPayload(spec)],
          ...refunds.map(
            (refund) => ["refunds/create", refundPayload(refund)] as [string, unknown],
          ),
          ...(cancelled
            ? [
                [
                  "orders/cancelled",
                  orderPayload({
                    ...spec,
                    cancelledAt: "2026-06-03T00:00:00Z",
                    updatedAt: "2026-06-03T00:00:00Z",
                    financialStatus: "refunded",
                  }),
                ] as [string, unknown],
              ]
            : []),
        ];
        const deliveries = events.flatMap((event, index) =>
          Array.from({ length: copies[index] ?? 1 }, () => event),
        );
        // A deterministic shuffle from the generated seed, so a failure replays exactly.
        let state = seed >>> 0;
        for (let i = deliveries.length - 1; i > 0; i--) {
          state = (state * 1_103_515_245 + 12_345) >>> 0;
          const j = state % (i + 1);
          [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
        }
        for (const [topic, payload] of deliveries)
          expect((await deliver(topic, payload, { shop })).status).toBe(200);

        const kept = lines.reduce(
          (sum, line, index) =>
            sum + (refunded[index] ? 0 : line.price * line.quantity - line.discount),
          0,
        );
        const expected = cancelled ? 0 : Math.floor(kept / 100);
        const member = await getDb().customer.findUniqueOrThrow({
          where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
        });
        expect(member.balance).toBe(expected);
        const orderSum = await getDb().ledgerEntry.aggregate({
          where: { customerId: member.id },
          _sum: { points: true },
        });
        expect(orderSum._sum.points ?? 0).toBe(expected);
      }),
      { numRuns: 30 },
    );
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });
});
