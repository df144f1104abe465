// Whatever order Shopify delivers an order's events in, and however often, the member ends with the
// same points: the rules applied to the full set of facts (design §2), on the real database. The
// order's versions may name different customers (or none: a guest order) and arrive out of
// updated_at order: the points sit with the newest version's customer only (§7, decision 027).
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
    // Who each version names: 0 and 1 are two customers, 2 is none (a guest order).
    paidCustomer: fc.constantFrom(0, 0, 1, 2),
    updates: fc.array(
      fc.record({
        customer: fc.constantFrom(0, 1, 1, 2),
        topic: fc.constantFrom("orders/updated", "orders/create"),
      }),
      { maxLength: 2 },
    ),
    // updated_at of paid, the updates and the cancellation, in minutes: any of them may be newest.
    versions: fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 4, maxLength: 4 }),
    copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 9, maxLength: 9 }),
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
      fc.asyncProperty(scenario, async (s) => {
        const { lines, refunded, cancelled, copies, seed } = s;
        await installShop(getDb(), shop);
        const id = orderId++;
        const customers = [20_000 + 2 * id, 20_001 + 2 * id];
        const customerOf = (index: number) =>
          index < customers.length ? { id: customers[index] } : null;
        const at = (minutes: number) =>
          new Date(Date.parse("2026-06-01T16:00:00Z") + minutes * 60_000).toISOString();
        const spec: OrderSpec = {
          id,
          customer: customerOf(s.paidCustomer),
          lines,
          updatedAt: at(s.versions[0]),
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
        const updates = s.updates.map(
          (update, index) =>
            [
              update.topic,
              orderPayload({
                ...spec,
                customer: customerOf(update.customer),
                updatedAt: at(s.versions[index + 1]),
                financialStatus: "pending",
              }),
            ] as [string, unknown],
        );
        const cancelledCustomer = s.updates.length ? s.updates[0].customer : s.paidCustomer;
        const events: [string, unknown][] = [
          ["orders/paid", orderPayload(spec)],
          ...updates,
          ...refunds.map(
            (refund) => ["refunds/create", refundPayload(refund)] as [string, unknown],
          ),
          ...(cancelled
            ? [
                [
                  "orders/cancelled",
                  orderPayload({
                    ...spec,
                    customer: customerOf(cancelledCustomer),
                    cancelledAt: "2026-06-03T00:00:00Z",
                    updatedAt: at(s.versions[3]),
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
        const points = cancelled ? 0 : Math.floor(kept / 100);
        // The newest version that names a customer or none decides who holds the points.
        const named = [
          { version: s.versions[0], customer: s.paidCustomer },
          ...s.updates.map((update, index) => ({
            version: s.versions[index + 1],
            customer: update.customer,
          })),
          ...(cancelled ? [{ version: s.versions[3], customer: cancelledCustomer }] : []),
        ];
        const newest = named.reduce((a, b) => (b.version > a.version ? b : a));
        for (const [index, customerId] of customers.entries()) {
          const expected = index === newest.customer ? points : 0;
          const member = await getDb().customer.findUnique({
            where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
          });
          expect(member?.balance ?? 0).toBe(expected);
          const orderSum = member
            ? await getDb().ledgerEntry.aggregate({
                where: { customerId: member.id },
                _sum: { points: true },
              })
            : null;
          expect(orderSum?._sum.points ?? 0).toBe(expected);
        }
      }),
      { numRuns: 30 },
    );
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });
});
