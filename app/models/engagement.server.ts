// A shop's engagement settings (app/loyalty/engagement.ts). The order path learns whether they
// changed from shopContext's one query (engagementUpdatedAt), so a shop that never set them, or
// whose parsed settings are cached, costs the webhook path no extra statement.
import type { Db } from "../db.server";
import { decode, type Sql } from "../db/sql.server";
import type { EngagementSettings } from "../loyalty/engagement";
import { DEFAULT_ENGAGEMENT, parseStoredEngagement } from "../loyalty/engagement-schema";
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

/** The stored settings with when they were last saved (null: never), the form's version. */
export async function loadEngagementVersion(
  db: Db,
  shop: string,
): Promise<{ settings: EngagementSettings; updatedAt: Date | null }> {
  const row = await db.engagementSettings.findUnique({ where: { shop } });
  return row
    ? { settings: parseStoredEngagement(row.config), updatedAt: row.updatedAt }
    : { settings: DEFAULT_ENGAGEMENT, updatedAt: null };
}

/**
 * Saves only if the stored settings are still the ones the form was loaded from (`base`, null
 * for "never saved"): a compare-and-set on updatedAt, so two staff members cannot silently undo
 * each other. Returns the new updatedAt, or null when someone saved in between.
 */
export async function saveEngagementIfUnchanged(
  db: Db,
  shop: string,
  settings: EngagementSettings,
  base: Date | null,
  now: Date,
): Promise<Date | null> {
  const config = JSON.parse(JSON.stringify(settings));
  if (base === null) {
    try {
      await db.engagementSettings.create({ data: { shop, config, updatedAt: now } });
      return now;
    } catch (error) {
      // Someone saved the first settings in between (the shop is the key).
      if ((error as { code?: string }).code !== "P2002") throw error;
      return null;
    }
  }
  const updated = await db.engagementSettings.updateMany({
    where: { shop, updatedAt: base },
    data: { config, updatedAt: now },
  });
  return updated.count === 1 ? now : null;
}
