import type { Db, Tx } from "../db.server";
import type { CustomerIdentity } from "../shopify/webhooks/order-delivery";

export type CustomerRow = NonNullable<Awaited<ReturnType<Tx["customer"]["findUnique"]>>>;

/** Finds or enrols the customer; known personal fields are refreshed, absent ones left alone. */
export async function upsertCustomer(db: Db | Tx, shop: string, identity: CustomerIdentity, now: Date): Promise<CustomerRow> {
  const personal = {
    ...(identity.email != null ? { email: identity.email } : {}),
    ...(identity.firstName != null ? { firstName: identity.firstName } : {}),
    ...(identity.lastName != null ? { lastName: identity.lastName } : {}),
  };
  return db.customer.upsert({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: identity.shopifyCustomerId } },
    create: { shop, shopifyCustomerId: identity.shopifyCustomerId, enrolledAt: now, ...personal },
    update: personal,
  });
}

export async function findCustomer(db: Db | Tx, shop: string, shopifyCustomerId: string): Promise<CustomerRow | null> {
  return db.customer.findUnique({ where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } } });
}
