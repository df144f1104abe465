import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { explainOrder } from "~/services/explain-order.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "explain-test.myshopify.com";
const order: OrderSpec = {
  id: 4100,
  customer: { id: 61 },
  lines: [{ price: 10000 }, { price: 4650 }],
};

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("explaining an order's points", () => {
  it("names the rule and the numbers it used", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    const explanation = await explainOrder(getDb(), getSql(), shop, "4100");
    expect(explanation).toMatchObject({
      status: "paid",
      earnBase: 14650,
      points: 146,
      programVersion: 1,
    });
    expect(explanation!.reasons).toEqual([
      "Purchase: 1 point(s) per 1 USD on 146.50 USD, rounded down = 146 points.",
    ]);
    expect(explanation!.history).toEqual([
      expect.objectContaining({ points: 146, kind: "earn", cause: "orders/paid" }),
    ]);
  });

  it("says why a guest order earned nothing", async () => {
    await deliver("orders/paid", orderPayload({ ...order, id: 4101, customer: null }), { shop });
    const explanation = await explainOrder(getDb(), getSql(), shop, "4101");
    expect(explanation).toMatchObject({ points: 0, programVersion: null });
    expect(explanation!.reasons).toEqual([
      "Guest checkout: the order has no customer account to credit.",
    ]);
  });

  it("keeps explaining and reversing by the rules the order earned under after the program changes", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    const { program } = await currentProgramVersion(getDb(), shop);
    await saveProgramVersion(
      getDb(),
      shop,
      { ...program, purchase: { ...program.purchase, pointsPerUnit: 5 } },
      "staff:1",
    );
    await deliver(
      "refunds/create",
      refundPayload({
        id: 88,
        orderId: 4100,
        lines: [{ lineId: lineIdFor(order, 1), quantity: 1, subtotal: 4650 }],
      }),
      { shop },
    );
    const explanation = await explainOrder(getDb(), getSql(), shop, "4100");
    // Still 1 point per unit (version 1): 100.00 left → 100 points, a reversal of exactly 46.
    expect(explanation).toMatchObject({ points: 100, programVersion: 1, earnBase: 10000 });
    expect(explanation!.history.map((entry) => entry.points)).toEqual([146, -46]);
  });

  it("says when everything was refunded", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    await deliver(
      "refunds/create",
      refundPayload({
        id: 89,
        orderId: 4100,
        lines: [
          { lineId: lineIdFor(order, 0), quantity: 1, subtotal: 10000 },
          { lineId: lineIdFor(order, 1), quantity: 1, subtotal: 4650 },
        ],
      }),
      { shop },
    );
    const explanation = await explainOrder(getDb(), getSql(), shop, "4100");
    expect(explanation).toMatchObject({ points: 0 });
    expect(explanation!.reasons).toContain("Everything that earned points was refunded.");
  });

  it("answers null for an order Tally never saw", async () => {
    expect(await explainOrder(getDb(), getSql(), shop, "404")).toBeNull();
  });
});
