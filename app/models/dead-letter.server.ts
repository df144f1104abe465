// Dead letters: authentic deliveries Tally kept because it could not apply them (docs/decisions/029).
// One row per (shop, webhookId): a repeat of the same delivery, or a replay that fails again, updates
// its reason and attempt count instead of adding a row.
import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { deliverySubject } from "../shopify/webhooks/delivery-subject";

export interface DeadLetterReason {
  /** INVALID_JSON, INVALID_PAYLOAD, WRONG_TOPIC, REFUSED, CURRENCY_MISMATCH, HANDLER_ERROR, … */
  code: string;
  message: string;
}

export interface DeadDelivery {
  shop: string;
  webhookId: string;
  topic: string;
  apiVersion: string | null;
  /** The X-Shopify-* headers as Shopify sent them. */
  headers: Record<string, string>;
  /** The raw body exactly as received. */
  body: string;
}

export type DeadLetterStatus = "open" | "replayed" | "dismissed";

const MESSAGE_LIMIT = 1000;

export async function upsertDeadLetter(
  db: Db,
  delivery: DeadDelivery,
  reason: DeadLetterReason,
  now: Date,
): Promise<void> {
  const subject = deliverySubject(delivery.topic, delivery.body);
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const reasonMessage = reason.message.slice(0, MESSAGE_LIMIT);
  const write = () =>
    db.deadLetter.upsert({
      where: { shop_webhookId: { shop: delivery.shop, webhookId: delivery.webhookId } },
      create: {
        shop: delivery.shop,
        webhookId: delivery.webhookId,
        topic: delivery.topic,
        apiVersion: delivery.apiVersion,
        headers: headers as Prisma.InputJsonValue,
        body: delivery.body,
        reasonCode: reason.code,
        reasonMessage,
        ...subject,
        receivedAt: now,
        lastAttemptAt: now,
      },
      update: {
        reasonCode: reason.code,
        reasonMessage,
        attempts: { increment: 1 },
        lastAttemptAt: now,
      },
    });
  try {
    await write();
  } catch (error) {
    // Two copies of one delivery at once: the second insert lost the race; update the winner's row.
    if ((error as { code?: string }).code !== "P2002") throw error;
    await write();
  }
}

const listed = {
  id: true,
  topic: true,
  webhookId: true,
  reasonCode: true,
  reasonMessage: true,
  shopifyOrderId: true,
  shopifyCustomerId: true,
  attempts: true,
  receivedAt: true,
  lastAttemptAt: true,
} satisfies Prisma.DeadLetterSelect;

export type DeadLetterSummary = Prisma.DeadLetterGetPayload<{ select: typeof listed }>;

export function openDeadLetters(db: Db, shop: string, limit: number) {
  return db.deadLetter.findMany({
    where: { shop, status: "open" },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: listed,
  });
}

export function countOpenDeadLetters(db: Db, shop: string): Promise<number> {
  return db.deadLetter.count({ where: { shop, status: "open" } });
}

export function findDeadLetter(db: Db, shop: string, id: string) {
  return db.deadLetter.findFirst({ where: { shop, id } });
}

/** Closes an open letter (replayed or dismissed); false when it was not open any more. */
export async function closeDeadLetter(
  db: Db,
  shop: string,
  id: string,
  close: { status: Exclude<DeadLetterStatus, "open">; by: string; at: Date; reason?: string },
): Promise<boolean> {
  const { count } = await db.deadLetter.updateMany({
    where: { shop, id, status: "open" },
    data: {
      status: close.status,
      resolvedBy: close.by,
      resolvedAt: close.at,
      dismissReason: close.reason ?? null,
    },
  });
  return count === 1;
}

/** Open letters of one reason, oldest first (the currency check replays them). */
export function openDeadLettersWithReason(db: Db, shop: string, reasonCode: string) {
  return db.deadLetter.findMany({
    where: { shop, status: "open", reasonCode },
    orderBy: { receivedAt: "asc" },
    select: { id: true, lastAttemptAt: true },
  });
}

export async function shopsWithOpenDeadLetters(db: Db, reasonCode: string): Promise<string[]> {
  const rows = await db.deadLetter.findMany({
    where: { status: "open", reasonCode },
    distinct: ["shop"],
    select: { shop: true },
  });
  return rows.map((row) => row.shop);
}

/**
 * The letters that concern a customer: their id, one of their orders (`orders_to_redact` /
 * `orders_requested`), or their email anywhere in a body Tally could not read.
 */
function concerning(
  shop: string,
  shopifyCustomerId: string,
  orderIds: readonly string[],
  email: string | null,
): Prisma.DeadLetterWhereInput {
  return {
    shop,
    OR: [
      { shopifyCustomerId },
      ...(orderIds.length ? [{ shopifyOrderId: { in: [...orderIds] } }] : []),
      ...(email
        ? [{ body: { contains: email } }, { body: { contains: email.toLowerCase() } }]
        : []),
    ],
  };
}

/** customers/data_request: what Tally keeps of the deliveries that concern the customer. */
export function deadLettersConcerning(
  tx: Tx,
  shop: string,
  shopifyCustomerId: string,
  orderIds: readonly string[],
  email: string | null,
) {
  return tx.deadLetter.findMany({
    where: concerning(shop, shopifyCustomerId, orderIds, email),
    orderBy: { receivedAt: "asc" },
  });
}

/** customers/redact: those letters go, whatever their status. */
export async function eraseCustomerDeadLetters(
  tx: Tx,
  shop: string,
  shopifyCustomerId: string,
  ordersToRedact: readonly string[],
  email: string | null,
): Promise<number> {
  const { count } = await tx.deadLetter.deleteMany({
    where: concerning(shop, shopifyCustomerId, ordersToRedact, email),
  });
  return count;
}
