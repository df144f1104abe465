// A shop's engagement settings (app/loyalty/engagement.ts). The order path learns whether they
// changed from shopContext's one query (engagementUpdatedAt), so a shop that never set them, or
// whose parsed settings are cached, costs the webhook path no extra statement.
import type { Db } from "../db.server";
import { decode, type Sql } from "../db/sql.server";
import {
  DEFAULT_ENGAGEMENT,
  parseStoredEngagement,
  type EngagementSettings,
} from "../loyalty/engagement";
import type { ShopContext } from "./program.server";

const cache = new Map<string, { updatedAt: string; settings: EngagementSettings }>();
const MAX_CACHED = 1000;

export async function engagementOf(
  sql: Sql,
  shop: Pick<ShopContext, "shop" | "engagementUpdatedAt">,
): Promise<EngagementSettings> {
  if (shop.engagementUpdatedAt === null) return DEFAULT_ENGAGEMENT;
  const cached = cache.get(shop.shop);
  if (cached && cached.updatedAt === shop.engagementUpdatedAt) return cached.settings;
  const [row] = await sql.rows(
    `SELECT config, "updatedAt" FROM "EngagementSettings" WHERE shop = ?`,
    [shop.shop],
  );
  if (!row) return DEFAULT_ENGAGEMENT;
  const settings = parseStoredEngagement(decode.json(row.config));
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(shop.shop, { updatedAt: decode.date(row.updatedAt).toISOString(), settings });
  return settings;
}

/** For the admin page (Prisma): the stored settings or the defaults. */
export async function loadEngagement(db: Db, shop: string): Promise<EngagementSettings> {
  const row = await db.engagementSettings.findUnique({ where: { shop } });
  return row ? parseStoredEngagement(row.config) : DEFAULT_ENGAGEMENT;
}

/** Saves validated settings; the next delivery sees the new updatedAt and reloads them. */
export async function saveEngagement(
  db: Db,
  shop: string,
  settings: EngagementSettings,
): Promise<void> {
  const config = JSON.parse(JSON.stringify(settings));
  await db.engagementSettings.upsert({
    where: { shop },
    create: { shop, config },
    update: { config },
  });
}
