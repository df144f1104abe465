// collections/* and products/* (docs/decisions/059): their payloads do not say which products a
// collection holds, so a create or update queues a refresh that the "collection-membership" job asks
// Shopify for (a smart collection's products change when a product does); a delete drops what Tally
// kept of it at once. No Admin API call on the webhook path.
import { forgetMembership, queueMembershipRefresh } from "../services/collection-sync.server";
import {
  catalogueObjectPayload,
  idOf,
  type CatalogueObjectPayload,
} from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

type Kind = "product" | "collection";

function queueRefresh(topic: string, kind: Kind): WebhookSpec<CatalogueObjectPayload> {
  return {
    topic,
    schema: catalogueObjectPayload,
    async handle(payload, { shop, now, shopContext, inTransaction }) {
      // Before install (or after shop/redact) there is no admin access to ask with; the install's
      // full sync reads everything anyway.
      if (!shopContext) return "shop not installed: ignored";
      const id = idOf(payload);
      return inTransaction(async (sql) => {
        await queueMembershipRefresh(sql, shop, kind, id, now);
        return `${kind} ${id}: membership refresh queued`;
      });
    },
  };
}

function forget(topic: string, kind: Kind): WebhookSpec<CatalogueObjectPayload> {
  return {
    topic,
    schema: catalogueObjectPayload,
    async handle(payload, { shop, now, inTransaction }) {
      const id = idOf(payload);
      return inTransaction(async (sql) => {
        await forgetMembership(sql, shop, kind, id, now);
        return `${kind} ${id}: removed from collection membership`;
      });
    },
  };
}

export const collectionsCreate = queueRefresh("collections/create", "collection");
export const collectionsUpdate = queueRefresh("collections/update", "collection");
export const collectionsDelete = forget("collections/delete", "collection");
export const productsCreate = queueRefresh("products/create", "product");
export const productsUpdate = queueRefresh("products/update", "product");
export const productsDelete = forget("products/delete", "product");
