// The shared path of every webhook route: size limit, HMAC (authenticate.webhook), topic check,
// payload validation, then the handler and the delivery's dedupe row in ONE transaction, so a
// delivery is either fully applied and remembered, or not at all and safe for Shopify to retry.
import { json as remixJson, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { env } from "../config/env.server";
import { getDb, type Tx } from "../db.server";
import { log } from "../logger.server";
import { inTransaction } from "../models/transaction.server";
import { authenticate } from "../shopify.server";

export interface WebhookContext {
  shop: string;
  topic: string;
  webhookId: string;
  now: Date;
}

export interface WebhookSpec<T> {
  topic: string;
  schema: z.ZodType<T>;
  /** Applies the delivery inside the transaction; returns a short outcome for the delivery log. */
  handle: (tx: Tx, payload: T, context: WebhookContext) => Promise<string>;
}

const json = (status: number, body: unknown) => remixJson(body, { status });
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

/** Reads at most `limit` bytes; null when the body is larger (rejected before it is buffered whole). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const topicHeader = (topic: string) => topic.toUpperCase().replace(/\//g, "_");

export function webhookAction<T>(spec: WebhookSpec<T>) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    if (request.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", "Webhooks are delivered with POST");
    const body = await readLimited(request, env.WEBHOOK_MAX_BODY_BYTES);
    if (body === null) return problem(413, "PAYLOAD_TOO_LARGE", `Webhook bodies are limited to ${env.WEBHOOK_MAX_BODY_BYTES} bytes`);

    let verified: Awaited<ReturnType<typeof authenticate.webhook>>;
    try {
      verified = await authenticate.webhook(new Request(request.url, { method: "POST", headers: request.headers, body }));
    } catch (error) {
      if (error instanceof Response) return error; // 401 bad HMAC, 400 missing headers: nothing written
      return problem(400, "INVALID_JSON", "The webhook body is not valid JSON");
    }
    const { shop, topic, webhookId, payload } = verified;
    if (topic !== topicHeader(spec.topic)) {
      return problem(400, "WRONG_TOPIC", `This endpoint receives ${spec.topic}, not ${topic}`);
    }
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) {
      const message = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
      log.warn("webhook payload rejected", { shop, topic: spec.topic, webhookId, message });
      return problem(422, "INVALID_PAYLOAD", message);
    }

    const context: WebhookContext = { shop, topic: spec.topic, webhookId, now: new Date() };
    const outcome = await inTransaction(getDb(), async (tx) => {
      const seen = await tx.webhookDelivery.findUnique({ where: { shop_webhookId: { shop, webhookId } } });
      if (seen) return "duplicate";
      // Inserted first: a concurrent duplicate waits on this row's unique key, then finds it.
      await tx.webhookDelivery.create({ data: { shop, webhookId, topic: spec.topic, outcome: "received", receivedAt: context.now } });
      const result = await spec.handle(tx, parsed.data, context);
      // updateMany: shop/redact erases the shop's delivery rows, this one included.
      await tx.webhookDelivery.updateMany({ where: { shop, webhookId }, data: { outcome: result.slice(0, 200) } });
      return result;
    });
    return json(200, { ok: true, outcome });
  };
}
