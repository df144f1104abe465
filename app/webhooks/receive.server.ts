// The shared path of every webhook route: size limit, HMAC (verifyWebhook), topic check,
// payload validation, duplicate check, then the topic's handler, which applies the delivery in one
// transaction that also records the delivery id. Handlers are idempotent (a replay changes nothing):
// the recorded id answers repeats quickly, it is not what keeps them safe.
// An authentic delivery (valid HMAC) that cannot be applied for a reason a retry will not fix is kept
// as a dead letter and answered 200; transient failures (database unavailable, busy, locked) throw,
// so the answer is a 5xx and Shopify retries (docs/decisions/029).
import { json as remixJson, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { env } from "../config/env.server";
import { getDb, getSql } from "../db.server";
import { readLimited } from "../http/read-limited.server";
import { planStable, type Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { verifyWebhook, type HeaderReader } from "../shopify/webhook-verification.server";
import { parseLosslessJson } from "../shopify/webhooks/lossless-json";
import { problem } from "../http/problem";
import { isTransientFailure } from "../db/transient-failure";
import {
  recordDeadLetter,
  type DeadLetterDetail,
  type DeadLetterReason,
} from "../services/dead-letters.server";
import { storeCoded, wordCoded, wordStored } from "../i18n/coded-text";
import { en } from "../i18n/en";
import { deliveryAndShopContext, type ShopContext } from "../models/program.server";

export interface WebhookContext {
  shop: string;
  topic: string;
  webhookId: string;
  now: Date;
  /** The shop's context, read with the duplicate check; null when the shop is not installed yet. */
  shopContext: ShopContext | null;
  /**
   * Runs the delivery's writes in one transaction that also records the delivery id, so a delivery
   * costs one commit. Handlers whose writes are not on the SQL port skip it; the id is then recorded
   * after they return.
   */
  inTransaction(work: (sql: Sql) => Promise<string>): Promise<string>;
}

export interface WebhookSpec<T> {
  topic: string;
  schema: z.ZodType<T>;
  /** Record the delivery id for fast duplicate answers (not after shop/redact: nothing may remain). */
  remember?: boolean;
  /** Applies the delivery (atomically, idempotently); returns a short outcome for the delivery log. */
  handle: (payload: T, context: WebhookContext) => Promise<string>;
}

const json = (status: number, body: unknown) => remixJson(body, { status });
const answered = (body: WebhookAnswer["body"]): WebhookAnswer => ({ status: 200, body });

/**
 * Thrown by a handler for a delivery it must not apply and a retry will not fix (a currency that is
 * not the shop's): the delivery's transaction rolls back and it is kept as a dead letter.
 */
export class UnappliableDelivery extends Error {
  /** `message`: the dead letter's details as stored, coded when Tally words them (decision 053). */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UnappliableDelivery";
  }
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const topicHeader = (topic: string) => topic.toUpperCase().replace(/\//g, "_");
/** Whether an X-Shopify-Topic header names `topic` (Shopify writes "orders/paid" or "ORDERS_PAID"). */
export const namesTopic = (header: string, topic: string) =>
  header === topic || header === topicHeader(topic);

/** What Shopify sent, as a dead letter keeps it: the raw body and the X-Shopify-* headers. */
export interface RawDelivery {
  topic: string;
  apiVersion: string | null;
  headers: Record<string, string>;
  body: string;
}

/**
 * An authentic delivery (its signature and identifying headers checked): either with its validated
 * payload, or refused (bad JSON, schema, topic) with the reason it is kept as a dead letter.
 */
export type AdmittedDelivery<T = unknown> = {
  shop: string;
  webhookId: string;
  raw: RawDelivery;
} & ({ payload: T; refused?: undefined } | { refused: DeadLetterReason; payload?: undefined });

/** The X-Shopify-* headers of a delivery (a Headers, or node's via the server's reader). */
function shopifyHeaders(headers: HeaderReader, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
const KEPT_HEADERS = [
  "x-shopify-topic",
  "x-shopify-shop-domain",
  "x-shopify-api-version",
  "x-shopify-webhook-id",
  "x-shopify-event-id",
  "x-shopify-triggered-at",
  "x-shopify-hmac-sha256",
] as const;

/**
 * A webhook route in two stages. `admit` is CPU only (signature, headers, topic, JSON, schema), so
 * the production server runs it on the thread that read the HTTP request; `apply` is the database
 * work (duplicate check, the handler's transaction), which on SQLite runs on the thread that holds
 * the writer (scripts/serve.mjs, docs/decisions/023). What `admit` returns is structured-cloneable.
 */
export interface WebhookPipeline<T = unknown> {
  admit(headers: HeaderReader, body: string): Response | AdmittedDelivery<T>;
  /** `admit` without the signature check: for a stored dead letter, verified when it arrived. */
  admitVerified(headers: HeaderReader, body: string): Response | AdmittedDelivery<T>;
  apply(delivery: AdmittedDelivery<T>, options?: ApplyOptions): Promise<Response>;
  /**
   * `apply` without building a Response: what the SQLite server's webhook thread posts back. A Web
   * Response (undici streams, header validation) cost about as much CPU as two of the delivery's
   * statements there.
   */
  answer(delivery: AdmittedDelivery<T>, options?: ApplyOptions): Promise<WebhookAnswer>;
}

/** A webhook's answer: always a JSON body (all answers of `apply` are 200s; failures throw). */
export interface WebhookAnswer {
  status: number;
  body: { ok: true; outcome: string; deadLetter?: DeadLetterReason };
}

export interface ApplyOptions {
  /**
   * When the delivery counts as received (ledger times, pending windows, tier windows, dead
   * letters). Only trusted in-process callers set it, to replay history at its own times (the local
   * demo's seeded year); HTTP deliveries never do: they are applied at receipt, whatever the
   * payload's own dates say.
   */
  now?: Date;
}

export type WebhookRouteAction = ((args: ActionFunctionArgs) => Promise<Response>) & {
  webhook: WebhookPipeline;
};

export function webhookPipeline<T>(spec: WebhookSpec<T>): WebhookPipeline<T> {
  const pipeline: WebhookPipeline<T> = {
    admit(headers, body) {
      const verified = verifyWebhook(headers, body);
      if (!verified.ok)
        return problem(
          verified.status,
          verified.status === 401 ? "INVALID_HMAC" : "INVALID_HEADERS",
          `Webhook rejected: ${verified.reason}`,
        );
      return pipeline.admitVerified(headers, body);
    },

    admitVerified(headers, body) {
      const shop = headers.get("x-shopify-shop-domain") ?? "";
      const topic = headers.get("x-shopify-topic") ?? "";
      const webhookId = headers.get("x-shopify-webhook-id") ?? "";
      // Shopify always names the shop by its permanent myshopify.com domain; anything else would create
      // a shop that can never install (and there is no shop to show a dead letter to).
      if (!SHOP_DOMAIN.test(shop))
        return problem(
          400,
          "INVALID_SHOP_DOMAIN",
          "X-Shopify-Shop-Domain must be a myshopify.com domain",
        );
      const raw: RawDelivery = {
        topic: spec.topic,
        apiVersion: headers.get("x-shopify-api-version"),
        headers: shopifyHeaders(headers, KEPT_HEADERS),
        body,
      };
      const refuse = (code: string, detail: DeadLetterDetail): AdmittedDelivery<T> => {
        log.warn("webhook payload refused; kept as a dead letter", {
          shop,
          topic: spec.topic,
          webhookId,
          code,
          reason: wordCoded(detail, en.deadLetters.detailTexts),
        });
        return { shop, webhookId, raw, refused: { code, message: storeCoded(detail) } };
      };
      if (!namesTopic(topic, spec.topic))
        return refuse("WRONG_TOPIC", {
          code: "wrongTopic",
          values: { expected: spec.topic, received: topic },
        });
      let payload: unknown;
      try {
        // Ids above 2^53 keep every digit (docs/decisions/028); still one parse of the body.
        payload = parseLosslessJson(body);
      } catch {
        return refuse("INVALID_JSON", { code: "invalidJson" });
      }
      const parsed = spec.schema.safeParse(payload);
      if (!parsed.success) {
        const message = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
          .join("; ");
        return refuse("INVALID_PAYLOAD", { code: "invalidPayload", values: { issues: message } });
      }
      return { shop, webhookId, raw, payload: parsed.data };
    },

    async apply(delivery, options) {
      const { status, body } = await pipeline.answer(delivery, options);
      return json(status, body);
    },

    async answer(delivery, options = {}) {
      const { shop, webhookId } = delivery;
      const sql = getSql();
      const now = options.now ?? new Date();
      const keep = async (reason: DeadLetterReason) => {
        await recordDeadLetter(getDb(), { shop, webhookId, ...delivery.raw }, reason, now);
        return answered({
          ok: true,
          outcome: `kept for attention: ${reason.code}`,
          deadLetter: reason,
        });
      };
      if (delivery.refused) return keep(delivery.refused);
      const { payload } = delivery;
      // One round trip: the duplicate check and the shop's context (decision 044).
      const { seen, context: shopContext } = await deliveryAndShopContext(sql, shop, webhookId);
      if (seen) return answered({ ok: true, outcome: "duplicate" });
      const remember = planStable(
        `INSERT INTO "WebhookDelivery" (shop, "webhookId", topic, outcome, "receivedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT (shop, "webhookId") DO NOTHING`,
      );
      const rememberParams = (outcome: string) => [
        shop,
        webhookId,
        spec.topic,
        outcome.slice(0, 200),
        now,
      ];
      let remembered = spec.remember === false;
      const inTransaction = (work: (tx: Sql) => Promise<string>) =>
        sql.transaction(async (tx) => {
          const outcome = await work(tx);
          // Travels with the COMMIT.
          if (!remembered) tx.enqueue(remember, rememberParams(outcome));
          remembered = true;
          return outcome;
        });
      let outcome: string;
      try {
        outcome = await spec.handle(payload, {
          shop,
          topic: spec.topic,
          webhookId,
          now,
          shopContext,
          inTransaction,
        });
      } catch (error) {
        // The transaction rolled back. A database that is down, busy or locked is worth a retry: the
        // error goes up and Shopify gets a 5xx. Anything else would fail the same way on every retry.
        if (isTransientFailure(error)) throw error;
        if (error instanceof UnappliableDelivery) {
          log.warn("webhook delivery not applied; kept as a dead letter", {
            shop,
            topic: spec.topic,
            webhookId,
            code: error.code,
            reason: wordStored(error.message, en.deadLetters.detailTexts),
          });
          return keep({ code: error.code, message: error.message });
        }
        // The domain refuses amounts it cannot represent exactly with a RangeError (app/loyalty/money.ts).
        if (error instanceof RangeError) {
          log.warn("webhook payload refused; kept as a dead letter", {
            shop,
            topic: spec.topic,
            webhookId,
            reason: error.message,
          });
          return keep({ code: "REFUSED", message: error.message });
        }
        log.error("webhook handler failed; kept as a dead letter", {
          shop,
          topic: spec.topic,
          webhookId,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        return keep({
          code: "HANDLER_ERROR",
          message: error instanceof Error ? error.message : String(error),
        });
      }
      if (!remembered) await sql.run(remember, rememberParams(outcome));
      return answered({ ok: true, outcome });
    },
  };
  return pipeline;
}

/** The route's action: both stages on the calling thread. The pipeline rides along for the server. */
export function webhookAction<T>(spec: WebhookSpec<T>): WebhookRouteAction {
  return routeAction(webhookPipeline(spec) as WebhookPipeline);
}

export function routeAction(pipeline: WebhookPipeline): WebhookRouteAction {
  const action = async ({ request }: ActionFunctionArgs): Promise<Response> => {
    if (request.method !== "POST")
      return problem(405, "METHOD_NOT_ALLOWED", "Webhooks are delivered with POST");
    const body = await readLimited(request, env.WEBHOOK_MAX_BODY_BYTES);
    if (body === null)
      return problem(
        413,
        "PAYLOAD_TOO_LARGE",
        `Webhook bodies are limited to ${env.WEBHOOK_MAX_BODY_BYTES} bytes`,
      );
    const admitted = pipeline.admit(request.headers, body);
    return admitted instanceof Response ? admitted : pipeline.apply(admitted);
  };
  return Object.assign(action, { webhook: pipeline });
}
