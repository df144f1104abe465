// Delivers a signed webhook to its route's action, as Remix would route Shopify's POST.
import type { ActionFunctionArgs } from "@remix-run/node";
import { expect } from "vitest";
import { getDb } from "~/db.server";
import * as appUninstalled from "~/routes/webhooks.app.uninstalled";
import * as collectionsCreate from "~/routes/webhooks.collections.create";
import * as collectionsDelete from "~/routes/webhooks.collections.delete";
import * as collectionsUpdate from "~/routes/webhooks.collections.update";
import * as productsCreate from "~/routes/webhooks.products.create";
import * as productsDelete from "~/routes/webhooks.products.delete";
import * as productsUpdate from "~/routes/webhooks.products.update";
import * as customersCreate from "~/routes/webhooks.customers.create";
import * as customersDataRequest from "~/routes/webhooks.customers.data_request";
import * as customersRedact from "~/routes/webhooks.customers.redact";
import * as ordersCancelled from "~/routes/webhooks.orders.cancelled";
import * as ordersCreate from "~/routes/webhooks.orders.create";
import * as ordersPaid from "~/routes/webhooks.orders.paid";
import * as ordersUpdated from "~/routes/webhooks.orders.updated";
import * as refundsCreate from "~/routes/webhooks.refunds.create";
import * as shopRedact from "~/routes/webhooks.shop.redact";
import { webhookRequest, type DeliveryOptions } from "../factories/webhook-request";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

const routes: Record<string, (args: ActionFunctionArgs) => Promise<Response>> = {
  "orders/create": ordersCreate.action,
  "orders/paid": ordersPaid.action,
  "orders/updated": ordersUpdated.action,
  "orders/cancelled": ordersCancelled.action,
  "refunds/create": refundsCreate.action,
  "customers/create": customersCreate.action,
  "app/uninstalled": appUninstalled.action,
  "customers/data_request": customersDataRequest.action,
  "customers/redact": customersRedact.action,
  "shop/redact": shopRedact.action,
  "collections/create": collectionsCreate.action,
  "collections/update": collectionsUpdate.action,
  "collections/delete": collectionsDelete.action,
  "products/create": productsCreate.action,
  "products/update": productsUpdate.action,
  "products/delete": productsDelete.action,
};

export type Topic = keyof typeof routes;

export async function deliver(
  topic: string,
  payload: unknown,
  options: Partial<DeliveryOptions> & { shop: string },
): Promise<Response> {
  const route = routes[topic];
  if (!route) throw new Error(`No route for ${topic}`);
  const request = webhookRequest(TEST_APP_URL, payload, {
    topic,
    secret: TEST_API_SECRET,
    ...options,
  });
  return route({ request, params: {}, context: {} });
}

export async function deliverRequest(topic: string, request: Request): Promise<Response> {
  return routes[topic]({ request, params: {}, context: {} });
}

/**
 * An authentic delivery Tally could not apply: answered 200 (Shopify stops retrying) and kept as an
 * open dead letter with its reason (docs/decisions/029). Returns the stored letter.
 */
export async function expectKeptAsDeadLetter(response: Response, context = "delivery") {
  expect(response.status, `${context}: status`).toBe(200);
  const body = (await response.json()) as { deadLetter?: { code: string; message: string } };
  expect(body.deadLetter, `${context}: kept as a dead letter`).toEqual({
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
  });
  const letters = await getDb().deadLetter.findMany({
    where: { reasonCode: body.deadLetter!.code, status: "open" },
    orderBy: { lastAttemptAt: "desc" },
  });
  expect(letters.length, `${context}: a stored letter`).toBeGreaterThan(0);
  return letters[0];
}
