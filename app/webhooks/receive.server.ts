// The shared path of every webhook route: size limit, HMAC (verifyWebhook), topic check,
// payload validation, duplicate check, then the topic's handler, which applies the delivery in one
// transaction that also records the delivery id. Handlers are idempotent (a replay changes nothing):
// the recorded id answers repeats quickly, it is not what keeps them safe.
import { json as remixJson, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { env } from "../config/env.server";
import { getSql } from "../db.server";
import { readLimited } from "../http/read-limited.server";
import type { Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { verifyWebhook, type HeaderReader } from "../shopify/webhook-verification.server";
import { parseLosslessJson } from "../shopify/webhooks/lossless-json";
import { problem } from "../http/problem";

export interface WebhookContext {
  shop: string;
  topic: string;
  webhookId: string;
  now: Date;
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

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const topicHeader = (topic: string) => topic.toUpperCase().replace(/\//g, "_");

/** A delivery that passed every check that needs no database, with its validated payload. */
export interface AdmittedDelivery<T = unknown> {
  shop: string;
  webhookId: string;
  payload: T;
}

/**
 * A webhook route in two stages. `admit` is CPU only (signature, headers, topic, JSON, schema), so
 * the production server runs it on the thread that read the HTTP request; `apply` is the database
 * work (duplicate check, the handler's transaction), which on SQLite runs on the thread that holds
 * the writer (scripts/serve.mjs, docs/decisions/023). What `admit` returns is structured-cloneable.
 */
export interface WebhookPipeline<T = unknown> {
  admit(headers: HeaderReader, body: string): Response | AdmittedDelivery<T>;
  apply(delivery: AdmittedDelivery<T>): Promise<Response>;
}

export type WebhookRouteAction = ((args: ActionFunctionArgs) => Promise<Response>) & {
  webhook: WebhookPipeline;
};

export function webhookPipeline<T>(spec: WebhookSpec<T>): WebhookPipeline<T> {
  return {
    admit(headers, body) {
      const verified = verifyWebhook(headers, body);
      if (!verified.ok)
        return problem(
          verified.status,
          verified.status === 401 ? "INVALID_HMAC" : "INVALID_HEADERS",
          `Webhook rejected: ${verified.reason}`,
        );
      const { shop, topic, webhookId } = verified;
      // Shopify always names the shop by its permanent myshopify.com domain; anything else would create
      // a shop that can never install.
      if (!SHOP_DOMAIN.test(shop))
        return problem(
          400,
          "INVALID_SHOP_DOMAIN",
          "X-Shopify-Shop-Domain must be a myshopify.com domain",
        );
      if (topic !== spec.topic && topic !== topicHeader(spec.topic)) {
        return problem(400, "WRONG_TOPIC", `This endpoint receives ${spec.topic}, not ${topic}`);
      }
      let payload: unknown;
      try {
        // Ids above 2^53 keep every digit (docs/decisions/028); still one parse of the body.
        payload = parseLosslessJson(body);
      } catch {
        return problem(400, "INVALID_JSON", "The webhook body is not valid JSON");
      }
      const parsed = spec.schema.safeParse(payload);
      if (!parsed.success) {
        const message = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
          .join("; ");
        log.warn("webhook payload rejected", { shop, topic: spec.topic, webhookId, message });
        return problem(422, "INVALID_PAYLOAD", message);
      }
      return { shop, webhookId, payload: parsed.data };
    },

    async apply({ shop, webhookId, payload }) {
      const sql = getSql();
      const now = new Date();
      const seen = await sql.rows(
        `SELECT 1 AS seen FROM "WebhookDelivery" WHERE shop = ? AND "webhookId" = ?`,
        [shop, webhookId],
      );
      if (seen.length) return json(200, { ok: true, outcome: "duplicate" });
      const remember = (db: Sql, outcome: string) =>
        db.run(
          `INSERT INTO "WebhookDelivery" (shop, "webhookId", topic, outcome, "receivedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT (shop, "webhookId") DO NOTHING`,
          [shop, webhookId, spec.topic, outcome.slice(0, 200), now],
        );
      let remembered = spec.remember === false;
      const inTransaction = (work: (tx: Sql) => Promise<string>) =>
        sql.transaction(async (tx) => {
          const outcome = await work(tx);
          if (!remembered) await remember(tx, outcome);
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
          inTransaction,
        });
      } catch (error) {
        // The domain refuses amounts it cannot represent exactly with a RangeError (app/loyalty/money.ts),
        // e.g. a refund in another currency than the shop's: the payload is wrong, not the server, and
        // the transaction rolled back.
        if (!(error instanceof RangeError)) throw error;
        log.warn("webhook payload rejected", {
          shop,
          topic: spec.topic,
          webhookId,
          message: error.message,
        });
        return problem(422, "INVALID_PAYLOAD", error.message);
      }
      if (!remembered) await remember(sql, outcome);
      return json(200, { ok: true, outcome });
    },
  };
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
