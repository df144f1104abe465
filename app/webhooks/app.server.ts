import { z } from "zod";
import { getDb } from "../db.server";
import type { WebhookSpec } from "./receive.server";

/** Sessions go at once (the token is dead); the program's data stays until shop/redact, 48 h later. */
export const appUninstalled: WebhookSpec<unknown> = {
  topic: "app/uninstalled",
  schema: z.unknown(),
  async handle(_payload, { shop, now }) {
    await getDb().$transaction([
      getDb().session.deleteMany({ where: { shop } }),
      getDb().shop.updateMany({ where: { shop }, data: { uninstalledAt: now } }),
    ]);
    return "sessions removed; data kept until shop/redact";
  },
};
