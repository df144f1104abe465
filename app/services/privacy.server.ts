// GDPR/CCPA compliance webhooks (mandatory for every Shopify app).
import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { findCustomer } from "../models/customer.server";

/** customers/data_request: everything Tally holds on the customer, kept for the merchant to hand over. */
export async function exportCustomerData(tx: Tx, shop: string, shopifyCustomerId: string, now: Date): Promise<string> {
  const customer = await findCustomer(tx, shop, shopifyCustomerId);
  const [entries, orders, tierChanges, badges, journeySteps, leaderboard] = customer
    ? await Promise.all([
        tx.ledgerEntry.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: "asc" } }),
        tx.order.findMany({ where: { customerId: customer.id }, orderBy: { placedAt: "asc" }, include: { refunds: true } }),
        tx.tierChange.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: "asc" } }),
        tx.customerBadge.findMany({ where: { customerId: customer.id }, orderBy: { awardedAt: "asc" } }),
        tx.journeyStep.findMany({ where: { customerId: customer.id }, orderBy: { firedAt: "asc" } }),
        tx.leaderboardMember.findUnique({ where: { customerId: customer.id } }),
      ])
    : [[], [], [], [], [], null];
  const payload = JSON.parse(JSON.stringify({ exportedAt: now, customer, ledger: entries, orders, tierChanges, badges, journeySteps, leaderboard })) as Prisma.InputJsonValue;
  await tx.dataExport.create({ data: { shop, customerId: customer?.id ?? null, shopifyCustomerId, payload, createdAt: now } });
  return customer ? `exported ${entries.length} ledger entries and ${orders.length} orders` : "no data held for this customer";
}

/**
 * customers/redact: personal data is erased; the ledger stays, tied to an anonymous member, so the
 * shop's totals and liability remain right. Staff-written reasons could name the customer: cleared.
 */
export async function redactCustomer(tx: Tx, shop: string, shopifyCustomerId: string, now: Date): Promise<string> {
  const customer = await findCustomer(tx, shop, shopifyCustomerId);
  if (!customer) return "no data held for this customer";
  await tx.customer.update({
    where: { id: customer.id },
    data: { shopifyCustomerId: `redacted:${customer.id}`, email: null, firstName: null, lastName: null, birthday: null, redactedAt: now },
  });
  await tx.ledgerEntry.updateMany({ where: { customerId: customer.id, reason: { not: null }, kind: { in: ["adjust", "import"] } }, data: { reason: "[redacted]" } });
  await tx.dataExport.deleteMany({ where: { shop, shopifyCustomerId } });
  await tx.metafieldOutbox.deleteMany({ where: { shop, customerId: customer.id } });
  // Engagement: off the leaderboard, and no Flow event naming them is sent any more.
  await tx.leaderboardMember.deleteMany({ where: { customerId: customer.id } });
  await tx.flowTriggerOutbox.deleteMany({ where: { shop, customerId: customer.id } });
  // CSV import error reports keep the raw rows they rejected; the customer's rows go.
  if (customer.email) {
    await tx.dataImportError.deleteMany({ where: { dataImport: { shop }, OR: [{ raw: { contains: customer.email } }, { message: { contains: customer.email } }] } });
  }
  return "customer personal data erased";
}

/** shop/redact (48 h after uninstall): every row of the shop goes. */
export async function eraseShop(db: Db | Tx, shop: string): Promise<string> {
  await db.session.deleteMany({ where: { shop } });
  await db.webhookDelivery.deleteMany({ where: { shop } });
  await db.metafieldOutbox.deleteMany({ where: { shop } });
  await db.flowTriggerOutbox.deleteMany({ where: { shop } });
  await db.engagementSettings.deleteMany({ where: { shop } });
  await db.dataExport.deleteMany({ where: { shop } });
  await db.orderRefund.deleteMany({ where: { shop } });
  await db.ledgerEntry.deleteMany({ where: { shop } });
  await db.tierChange.deleteMany({ where: { shop } });
  await db.pendingMaturation.deleteMany({ where: { shop } });
  await db.jobStatus.deleteMany({ where: { shop } });
  await db.order.deleteMany({ where: { shop } });
  await db.analyticsCustomer.deleteMany({ where: { shop } });
  await db.analyticsDay.deleteMany({ where: { shop } });
  await db.analyticsWatermark.deleteMany({ where: { shop } });
  await db.dataImport.deleteMany({ where: { shop } });
  await db.customer.deleteMany({ where: { shop } });
  await db.programVersion.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { shop } });
  return "shop data erased";
}
