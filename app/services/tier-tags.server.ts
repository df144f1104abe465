// The member's tier as a customer tag ("Tally Gold"), so merchants can build customer segments and
// Flow conditions on it (metafields of type json are not filterable there). Pushed by the outbox
// worker with the metafields, never on the webhook path. Entry-tier members carry no tag: tagging
// every member would cost one Admin API call per customer for a segment that is "everyone else".
import type { Db } from "../db.server";
import type { Tier } from "../loyalty/types";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { CUSTOMER_TAGS_ADD, CUSTOMER_TAGS_REMOVE } from "../shopify/documents/customers";

export interface TierTagChange {
  customerId: string;
  gid: string;
  from: string | null;
  to: string | null;
}

/** The tag a member of `tier` carries, or null for the entry tier. */
export function tierTag(tiers: Tier[], tier: Tier, prefix: string): string | null {
  if (tier.threshold === 0 || tier.name === tiers[0]?.name) return null;
  return `${prefix}${tier.name}`;
}

/** Swaps the member's tier tag, then remembers it; throws (and is retried) when Shopify refuses. */
export async function pushTierTag(
  db: Db,
  client: AdminGraphqlClient,
  change: TierTagChange,
): Promise<void> {
  if (change.from) {
    const { tagsRemove } = await runAdminOperation(client, CUSTOMER_TAGS_REMOVE, {
      id: change.gid,
      tags: [change.from],
    });
    if (tagsRemove?.userErrors.length)
      throw new Error(tagsRemove.userErrors.map((error) => error.message).join("; "));
  }
  if (change.to) {
    const { tagsAdd } = await runAdminOperation(client, CUSTOMER_TAGS_ADD, {
      id: change.gid,
      tags: [change.to],
    });
    if (tagsAdd?.userErrors.length)
      throw new Error(tagsAdd.userErrors.map((error) => error.message).join("; "));
  }
  // Only if no other push changed it meanwhile.
  await db.customer.updateMany({
    where: { id: change.customerId, tierTag: change.from },
    data: { tierTag: change.to },
  });
}
