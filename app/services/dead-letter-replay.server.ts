// Replaying a dead letter runs it through today's code: its topic's pipeline, admit (without the
// signature check: it was verified when it arrived) then apply, as a live delivery. Handlers are
// idempotent, so replaying twice changes nothing. A failure updates the letter's reason; a database
// that is down throws (try again). The currency check replays letters held for a currency mismatch
// once Shopify confirms the shop's currency changed (docs/decisions/029).
import { adminText } from "../i18n";
import { storeCoded } from "../i18n/coded-text";
import type { Db } from "../db.server";
import {
  closeDeadLetter,
  findDeadLetter,
  openDeadLettersWithReason,
  shopsWithOpenDeadLetters,
  upsertDeadLetter,
  type DeadLetterReason,
} from "../models/dead-letter.server";
import { pipelineForTopic } from "../webhooks/topics.server";
import type { AdminClientFor } from "../shopify/admin-client.server";
import { deadLetterDetails } from "./dead-letters.server";
import { refreshShopCurrency } from "./shop-currency.server";

export type ReplayResult =
  | { ok: true; outcome: string }
  | { ok: false; status: 404 | 422; message: string; reason?: DeadLetterReason };

export async function replayDeadLetter(
  db: Db,
  shop: string,
  id: string,
  staffId: string,
  now: Date,
): Promise<ReplayResult> {
  const letter = await findDeadLetter(db, shop, id);
  if (!letter || letter.status !== "open")
    return {
      ok: false,
      status: 404,
      message: adminText.deadLetters.gone,
    };
  const stored = letter.headers as Record<string, string>;
  const delivery = {
    shop,
    webhookId: letter.webhookId,
    topic: letter.topic,
    apiVersion: letter.apiVersion,
    headers: stored,
    body: letter.body,
  };
  const failed = async (reason: DeadLetterReason): Promise<ReplayResult> => {
    await upsertDeadLetter(db, delivery, reason, now);
    return { ok: false, status: 422, message: deadLetterDetails(reason.message).text, reason };
  };
  // The letter's own shop and id win over whatever its headers say (Headers names are case-blind).
  const headers = new Headers(stored);
  if (!headers.has("x-shopify-topic")) headers.set("x-shopify-topic", letter.topic);
  // A delivery Shopify sent to another topic's address (WRONG_TOPIC) is kept under that address's
  // topic, but Shopify signed it for the topic in its header: replay it there, where it belongs.
  const topic =
    letter.reasonCode === "WRONG_TOPIC" ? headers.get("x-shopify-topic")! : letter.topic;
  const pipeline = pipelineForTopic(topic);
  if (!pipeline)
    return failed({
      code: "UNKNOWN_TOPIC",
      message: storeCoded({ code: "unknownTopic", values: { topic } }),
    });
  headers.set("x-shopify-shop-domain", shop);
  headers.set("x-shopify-webhook-id", letter.webhookId);
  const admitted = pipeline.admitVerified(headers, letter.body);
  if (admitted instanceof Response) {
    const { error } = (await admitted.json()) as { error: DeadLetterReason };
    return failed(error);
  }
  const answer = (await (await pipeline.apply(admitted)).json()) as {
    outcome: string;
    deadLetter?: DeadLetterReason;
  };
  // The pipeline kept the new reason on the letter already.
  if (answer.deadLetter)
    return {
      ok: false,
      status: 422,
      message: deadLetterDetails(answer.deadLetter.message).text,
      reason: answer.deadLetter,
    };
  await closeDeadLetter(db, shop, id, { status: "replayed", by: staffId, at: now });
  return { ok: true, outcome: answer.outcome };
}

export interface CurrencyCheckCounts {
  shops: number;
  changed: number;
  replayed: number;
  stillOpen: number;
}

/**
 * The currency-check job: for each shop with deliveries held for a currency mismatch, asks Shopify
 * for the shop's currency; when it changed, replays them (those in the new currency now apply).
 */
export async function checkHeldCurrencies(
  db: Db,
  adminFor: AdminClientFor,
  now: Date,
): Promise<CurrencyCheckCounts> {
  const counts: CurrencyCheckCounts = { shops: 0, changed: 0, replayed: 0, stillOpen: 0 };
  for (const shop of await shopsWithOpenDeadLetters(db, "CURRENCY_MISMATCH")) {
    const admin = await adminFor(shop);
    if (!admin) continue;
    counts.shops++;
    const held = await openDeadLettersWithReason(db, shop, "CURRENCY_MISMATCH");
    const changed = await refreshShopCurrency(db, shop, admin);
    if (changed) counts.changed++;
    // A sign-in may have recorded the change already (install.server): the shop's settings changed
    // since a letter's last attempt is reason enough to try it again.
    const settingsAt = (await db.shop.findUnique({ where: { shop }, select: { updatedAt: true } }))
      ?.updatedAt;
    const due = held.filter(
      (letter) => changed || (settingsAt !== undefined && letter.lastAttemptAt < settingsAt),
    );
    counts.stillOpen += held.length - due.length;
    for (const { id } of due) {
      const result = await replayDeadLetter(db, shop, id, "currency-check", now);
      if (result.ok) counts.replayed++;
      else counts.stillOpen++;
    }
  }
  return counts;
}
