// GDPR/CCPA compliance webhooks (mandatory for every Shopify app).
import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { findCustomer } from "../models/customer.server";
import { deadLettersConcerning, eraseCustomerDeadLetters } from "../models/dead-letter.server";
import { eraseProgramTotals } from "../models/program-totals.server";

/** What a compliance webhook says about the customer besides the id (Shopify's current contact details). */
export interface ComplianceContact {
  email?: string | null;
  phone?: string | null;
}

const jsonSafe = (_key: string, value: unknown) =>
  typeof value === "bigint" ? String(value) : value;

/** A CSV row's fields, as the import reads them (quoted fields unquoted), for an exact-field match. */
const csvFields = (raw: string) =>
  raw.split(",").map((field) =>
    field
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim()
      .toLowerCase(),
  );

/**
 * Rows of the shop's CSV import error reports that name the customer: the raw row (or the message)
 * holds their email or phone, or a field that is their Shopify id (plain or as a GID).
 */
async function importErrorsNaming(
  tx: Tx,
  shop: string,
  shopifyCustomerId: string,
  contact: ComplianceContact,
) {
  const needles = [contact.email, contact.phone, shopifyCustomerId].filter(
    (needle): needle is string => Boolean(needle),
  );
  const candidates = await tx.dataImportError.findMany({
    where: {
      dataImport: { shop },
      OR: needles.flatMap((needle) => [
        { raw: { contains: needle } },
        { message: { contains: needle } },
      ]),
    },
    orderBy: [{ importId: "asc" }, { row: "asc" }],
  });
  const ids = new Set([shopifyCustomerId, `gid://shopify/customer/${shopifyCustomerId}`]);
  const email = contact.email?.toLowerCase();
  return candidates.filter((row) => {
    const text = `${row.raw ?? ""}\n${row.message}`;
    if (
      (email && text.toLowerCase().includes(email)) ||
      (contact.phone && text.includes(contact.phone))
    )
      return true;
    return csvFields(row.raw ?? "").some((field) => ids.has(field));
  });
}

/**
 * customers/data_request: everything Tally holds on the customer, kept for the merchant to hand over —
 * every row of every table that belongs to the member, and the import error rows that name them.
 */
export async function exportCustomerData(
  tx: Tx,
  shop: string,
  shopifyCustomerId: string,
  now: Date,
  contact: ComplianceContact = {},
  ordersRequested: readonly string[] = [],
): Promise<string> {
  const customer = await findCustomer(tx, shop, shopifyCustomerId);
  const email = contact.email ?? customer?.email ?? null;
  const [importErrors, deadLetters, held] = await Promise.all([
    importErrorsNaming(tx, shop, shopifyCustomerId, { email, phone: contact.phone }),
    deadLettersConcerning(tx, shop, shopifyCustomerId, ordersRequested, email),
    customer
      ? Promise.all([
          tx.ledgerEntry.findMany({
            where: { customerId: customer.id },
            orderBy: { createdAt: "asc" },
          }),
          tx.order.findMany({
            where: { customerId: customer.id },
            orderBy: { placedAt: "asc" },
            include: { refunds: true },
          }),
          tx.tierChange.findMany({
            where: { customerId: customer.id },
            orderBy: { createdAt: "asc" },
          }),
          tx.customerBadge.findMany({
            where: { customerId: customer.id },
            orderBy: { awardedAt: "asc" },
          }),
          tx.journeyStep.findMany({
            where: { customerId: customer.id },
            orderBy: { firedAt: "asc" },
          }),
          tx.leaderboardMember.findUnique({ where: { customerId: customer.id } }),
          tx.redemption.findMany({
            where: { customerId: customer.id },
            orderBy: { createdAt: "asc" },
          }),
          tx.pendingMaturation.findMany({ where: { customerId: customer.id } }),
          tx.flowTriggerOutbox.findMany({
            where: { customerId: customer.id },
            orderBy: { createdAt: "asc" },
          }),
          tx.metafieldOutbox.findMany({ where: { customerId: customer.id } }),
          tx.analyticsCustomer.findUnique({ where: { customerId: customer.id } }),
        ])
      : null,
  ]);
  const [
    entries,
    orders,
    tierChanges,
    badges,
    journeySteps,
    leaderboard,
    redemptions,
    pendingMaturations,
    flowEvents,
    metafieldSync,
    analytics,
  ] = held ?? [[], [], [], [], [], null, [], [], [], [], null];
  const document = {
    exportedAt: now,
    customer,
    ledger: entries,
    orders,
    tierChanges,
    badges,
    journeySteps,
    leaderboard,
    redemptions,
    pendingMaturations,
    flowEvents,
    metafieldSync,
    analytics,
    importErrors,
    // Deliveries kept for attention (decision 029): what Shopify sent about the customer.
    deliveriesNeedingAttention: deadLetters,
  };
  const payload = JSON.parse(JSON.stringify(document, jsonSafe)) as Prisma.InputJsonValue;
  await tx.dataExport.create({
    data: { shop, customerId: customer?.id ?? null, shopifyCustomerId, payload, createdAt: now },
  });
  return customer
    ? `exported ${entries.length} ledger entries, ${orders.length} orders and ${redemptions.length} redemptions`
    : importErrors.length || deadLetters.length
      ? `exported ${importErrors.length} import error rows and ${deadLetters.length} kept deliveries`
      : "no data held for this customer";
}

/** The customer's identifiers in a ledger idempotency key (`customer:<id>:signup`, `flow:event:<id>:…`, `import:balance:email:<email>`), replaced by the anonymous member. */
function anonymisedKey(key: string, identifiers: Set<string>, anonymous: string): string {
  return key
    .split(":")
    .map((segment) => (identifiers.has(segment.toLowerCase()) ? anonymous : segment))
    .join(":");
}

/**
 * customers/redact: personal data is erased; the ledger stays, tied to an anonymous member, so the
 * shop's totals and liability remain right. Staff-written reasons could name the customer: cleared.
 * The anonymous member keeps one deliberate id, `redacted:<member id>` (Tally's own, not Shopify's);
 * ledger keys that carried the Shopify id or the email carry that instead.
 */
export async function redactCustomer(
  tx: Tx,
  shop: string,
  shopifyCustomerId: string,
  now: Date,
  contact: ComplianceContact = {},
  ordersToRedact: readonly string[] = [],
): Promise<string> {
  const customer = await findCustomer(tx, shop, shopifyCustomerId);
  const email = contact.email ?? customer?.email ?? null;
  // Deliveries kept for attention that concern the customer or their orders hold their data as Shopify sent it.
  const deadLetters = await eraseCustomerDeadLetters(
    tx,
    shop,
    shopifyCustomerId,
    ordersToRedact,
    email,
  );
  // CSV import error reports keep the raw rows they rejected: the customer's rows go (even when no member was made from them).
  const importErrors = await importErrorsNaming(tx, shop, shopifyCustomerId, {
    email,
    phone: contact.phone,
  });
  for (const row of importErrors)
    await tx.dataImportError.delete({
      where: { importId_row: { importId: row.importId, row: row.row } },
    });
  await tx.dataExport.deleteMany({ where: { shop, shopifyCustomerId } });
  // The CSV import's copy of the shop's customers (decision 047) holds their email.
  await tx.shopifyCustomerExportRow.deleteMany({ where: { shop, shopifyCustomerId } });
  if (!customer)
    return importErrors.length || deadLetters
      ? "import error rows and deliveries naming the customer erased"
      : "no data held for this customer";
  const anonymous = `redacted-${customer.id}`;
  await tx.customer.update({
    where: { id: customer.id },
    data: {
      shopifyCustomerId: `redacted:${customer.id}`,
      email: null,
      firstName: null,
      lastName: null,
      searchName: null,
      searchSurname: null,
      searchEmail: null,
      birthday: null,
      redactedAt: now,
    },
  });
  await tx.ledgerEntry.updateMany({
    where: { customerId: customer.id, reason: { not: null }, kind: { in: ["adjust", "import"] } },
    data: { reason: "[redacted]" },
  });
  const identifiers = new Set([shopifyCustomerId, ...(email ? [email.toLowerCase()] : [])]);
  const keyed = await tx.ledgerEntry.findMany({
    where: {
      customerId: customer.id,
      OR: [...identifiers].map((identifier) => ({ idempotencyKey: { contains: identifier } })),
    },
    select: { id: true, idempotencyKey: true },
  });
  for (const entry of keyed) {
    const key = anonymisedKey(entry.idempotencyKey, identifiers, anonymous);
    if (key !== entry.idempotencyKey)
      await tx.ledgerEntry.update({ where: { id: entry.id }, data: { idempotencyKey: key } });
  }
  await tx.dataExport.deleteMany({ where: { shop, customerId: customer.id } });
  await tx.metafieldOutbox.deleteMany({ where: { shop, customerId: customer.id } });
  // Engagement: off the leaderboard, and no Flow event naming them is sent any more.
  await tx.leaderboardMember.deleteMany({ where: { customerId: customer.id } });
  await tx.flowTriggerOutbox.deleteMany({ where: { shop, customerId: customer.id } });
  return "customer personal data erased";
}

/** shop/redact (48 h after uninstall): every row of the shop goes. */
export async function eraseShop(db: Db | Tx, shop: string): Promise<string> {
  await db.session.deleteMany({ where: { shop } });
  await db.staffLanguage.deleteMany({ where: { shop } });
  await db.webhookDelivery.deleteMany({ where: { shop } });
  await db.deadLetter.deleteMany({ where: { shop } });
  await db.metafieldOutbox.deleteMany({ where: { shop } });
  await db.flowTriggerOutbox.deleteMany({ where: { shop } });
  await db.engagementSettings.deleteMany({ where: { shop } });
  await db.dataExport.deleteMany({ where: { shop } });
  await db.orderRefund.deleteMany({ where: { shop } });
  await db.ledgerEntry.deleteMany({ where: { shop } });
  await db.tierChange.deleteMany({ where: { shop } });
  await db.pendingMaturation.deleteMany({ where: { shop } });
  await db.referral.deleteMany({ where: { shop } });
  await db.jobStatus.deleteMany({ where: { shop } });
  await db.order.deleteMany({ where: { shop } });
  await db.analyticsCustomer.deleteMany({ where: { shop } });
  await db.analyticsDay.deleteMany({ where: { shop } });
  await db.analyticsWatermark.deleteMany({ where: { shop } });
  await db.dataImport.deleteMany({ where: { shop } });
  await db.shopifyCustomerExportRow.deleteMany({ where: { shop } });
  await db.shopifyCustomerExport.deleteMany({ where: { shop } });
  await db.productCollection.deleteMany({ where: { shop } });
  await db.shopCollection.deleteMany({ where: { shop } });
  await db.collectionSync.deleteMany({ where: { shop } });
  await db.collectionRefresh.deleteMany({ where: { shop } });
  await db.customer.deleteMany({ where: { shop } });
  await eraseProgramTotals(db, shop);
  await db.programVersion.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { shop } });
  return "shop data erased";
}
