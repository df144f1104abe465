import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../db.server";
import { decode, planStable, type Sql } from "../db/sql.server";
import { programSchema } from "../loyalty/program";
import type { Program } from "../loyalty/types";

export interface ProgramVersionRecord {
  id: string;
  version: number;
  program: Program;
}

export function serializeProgram(program: Program): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(program)) as Prisma.InputJsonValue;
}

/** Stored configs were validated when saved; parsing again restores Dates and guards old rows. */
export function deserializeProgram(config: unknown): Program {
  return programSchema.parse(config) as Program;
}

// Versions are immutable, so a parsed program can be kept for the life of the process.
const parsedById = new Map<string, Program>();
const MAX_CACHED = 1000;

function parsedProgram(row: { id: string; config: unknown }): Program {
  let program = parsedById.get(row.id);
  if (!program) {
    program = deserializeProgram(row.config);
    if (parsedById.size >= MAX_CACHED) parsedById.clear();
    parsedById.set(row.id, program);
  }
  return program;
}

/** A version's program if this process has parsed it already (undefined: it would need a read). */
export const parsedProgramOfVersion = (id: string): Program | undefined => parsedById.get(id);

export async function currentProgramVersion(
  db: Db | Tx,
  shop: string,
): Promise<ProgramVersionRecord> {
  const row = await db.programVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (!row) throw new Error(`Shop ${shop} has no program; it must be installed first`);
  return { id: row.id, version: row.version, program: parsedProgram(row) };
}

export async function programVersionById(db: Db | Tx, id: string): Promise<ProgramVersionRecord> {
  const row = await db.programVersion.findUniqueOrThrow({ where: { id } });
  return { id: row.id, version: row.version, program: parsedProgram(row) };
}

/** Saves a new version; earlier orders keep the version they earned under. */
export async function saveProgramVersion(
  db: Db | Tx,
  shop: string,
  program: Program,
  createdBy: string,
): Promise<ProgramVersionRecord> {
  const latest = await db.programVersion.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const row = await db.programVersion.create({
    data: {
      shop,
      version: (latest?.version ?? 0) + 1,
      config: serializeProgram(program),
      createdBy,
    },
  });
  return { id: row.id, version: row.version, program: parsedProgram(row) };
}

export interface ShopContext {
  shop: string;
  timeZone: string;
  currencyCode: string;
  currencyExponent: number;
  programEnabled: boolean;
  /** The current program version's id. */
  programVersionId: string;
  /** When the shop's engagement settings last changed (null: never set, the defaults apply). */
  engagementUpdatedAt: string | null;
}

/** The columns shopContextOf reads, over `"Shop" s` (for reads that fold the shop's context in). */
export const SHOP_CONTEXT_COLUMNS = `s."timeZone", s."currencyCode", s."currencyExponent", s."programEnabled",
       (SELECT pv.id FROM "ProgramVersion" pv WHERE pv.shop = s.shop ORDER BY pv.version DESC LIMIT 1) AS "programVersionId",
       (SELECT e."updatedAt" FROM "EngagementSettings" e WHERE e.shop = s.shop) AS "engagementUpdatedAt"`;

export function shopContextOf(
  shop: string,
  row: Record<string, unknown> | undefined,
): ShopContext | null {
  if (!row || !row.programVersionId) return null;
  return {
    shop,
    timeZone: String(row.timeZone),
    currencyCode: String(row.currencyCode),
    currencyExponent: decode.int(row.currencyExponent),
    programEnabled: decode.bool(row.programEnabled),
    programVersionId: String(row.programVersionId),
    engagementUpdatedAt:
      row.engagementUpdatedAt == null ? null : decode.date(row.engagementUpdatedAt).toISOString(),
  };
}

/** The shop's settings and current program version in one query (the webhook path's first read). */
export async function shopContext(sql: Sql, shop: string): Promise<ShopContext | null> {
  const [row] = await sql.rows(`SELECT ${SHOP_CONTEXT_COLUMNS} FROM "Shop" s WHERE s.shop = ?`, [
    shop,
  ]);
  return shopContextOf(shop, row);
}

/**
 * A webhook delivery's first read, in one statement: whether its id was recorded already, and the
 * shop's context (null if the shop is not installed yet). Decision 044.
 */
export async function deliveryAndShopContext(
  sql: Sql,
  shop: string,
  webhookId: string,
): Promise<{ seen: boolean; context: ShopContext | null }> {
  const [row] = await sql.rows(
    planStable(`SELECT EXISTS (SELECT 1 FROM "WebhookDelivery" WHERE shop = ? AND "webhookId" = ?) AS seen, ctx.*
     FROM (SELECT 1 AS one) one LEFT JOIN (SELECT ${SHOP_CONTEXT_COLUMNS} FROM "Shop" s WHERE s.shop = ?) ctx ON TRUE`),
    [shop, webhookId, shop],
  );
  return { seen: decode.bool(row.seen), context: shopContextOf(shop, row) };
}

/** A program version by id; immutable, so read from the database once per process. */
export async function programOfVersion(sql: Sql, id: string): Promise<Program> {
  const cached = parsedById.get(id);
  if (cached) return cached;
  const [row] = await sql.rows<{ id: string; config: unknown }>(
    `SELECT id, config FROM "ProgramVersion" WHERE id = ?`,
    [id],
  );
  if (!row) throw new Error(`program version ${id} not found`);
  return parsedProgram({ id: row.id, config: decode.json(row.config) });
}
