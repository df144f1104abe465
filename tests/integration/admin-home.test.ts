import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { action, loader } from "~/routes/app._index";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminRequest, routeResult } from "../support/admin-request";
import { deliver } from "../support/webhooks";

const shop = "admin-home.myshopify.com";
type Checklist = {
  programOn: boolean;
  firstOrderSeen: boolean;
  checkoutPlaced: boolean;
  accountsPlaced: boolean;
  links: { checkoutEditor: string; accountsEditor: string };
};

async function checklist() {
  const { body } = await routeResult<{ checklist: Checklist }>(async () =>
    loader({ request: await adminRequest(shop, "/app"), params: {}, context: {} }),
  );
  return body.checklist;
}

async function mark(form: Record<string, string>) {
  return routeResult(async () =>
    action({ request: await adminRequest(shop, "/app", { form }), params: {}, context: {} }),
  );
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("first-run checklist", () => {
  it("detects the program switch and a first paid order, and remembers the order once seen", async () => {
    expect(await checklist()).toMatchObject({
      programOn: true,
      firstOrderSeen: false,
      checkoutPlaced: false,
      accountsPlaced: false,
    });
    await deliver(
      "orders/paid",
      orderPayload({ id: 7001, customer: { id: 5 }, lines: [{ price: 1000 }] }),
      { shop },
    );
    expect((await checklist()).firstOrderSeen).toBe(true);
    await getDb().order.deleteMany({ where: { shop } });
    expect((await checklist()).firstOrderSeen).toBe(true);
    await getDb().shop.update({ where: { shop }, data: { programEnabled: false } });
    expect((await checklist()).programOn).toBe(false);
  });

  it("links to the shop's checkout and accounts editor and keeps the merchant's placement marks", async () => {
    expect((await checklist()).links).toEqual({
      checkoutEditor: `https://${shop}/admin/settings/checkout/editor`,
      accountsEditor: `https://${shop}/admin/settings/checkout/editor?page=profile`,
    });
    expect((await mark({ placement: "checkout", done: "1" })).status).toBe(200);
    expect(await checklist()).toMatchObject({ checkoutPlaced: true, accountsPlaced: false });
    await mark({ placement: "checkout", done: "0" });
    expect((await checklist()).checkoutPlaced).toBe(false);
    expect((await mark({ placement: "theme", done: "1" })).status).toBe(422);
  });
});
