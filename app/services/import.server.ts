// CSV import of members' balances and tiers, or of their points history (docs/csv-import.md,
// decisions 013 and 031). The file's encoding and separator are told from its first bytes; it is
// then decoded and parsed as a stream (csv-parse) and applied in batches. For every batch: rows are
// read (pure), every customer is resolved — Tally's members first, then Shopify (ids through
// `nodes(ids:)`, emails through a search) — before anything is written, duplicates within the
// file are refused, each row is planned against the member's figures (pure), and the batch is
// written set-based: a handful of statements whatever its size. A dry run does all of it but the
// writes, and keeps the file for the merchant to apply.
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline, Readable as ReadableStream } from "node:stream";
import { parse } from "csv-parse";
import type { DatabaseKind } from "../db/database-url";
import type { Db } from "../db.server";
import { decode, type Row, type Sql, type SqlDatabase } from "../db/sql.server";
import { timeOrderedId } from "../db/time-ordered-id";
import { inList, typed, valuesCte } from "../db/values-list";
import { refreshPlannerStatistics, StatisticsSchedule } from "../db/planner-statistics.server";
import {
  addToSummary,
  emptySummary,
  planBalance,
  sourceOf,
  SOURCE_NAMES,
  type ImportSource,
  type ImportSummary,
} from "../loyalty/import-plan";
import {
  detectLayout,
  memberPointsOverflow,
  parseImportRow,
  type ImportKind,
  type ImportLayout,
  type ImportRow,
  type MappableField,
} from "../loyalty/import-rows";
import { refreshShopAnalytics } from "../models/analytics-rollup.server";
import {
  createImport,
  finishImport,
  importErrorBatches,
  recordImportProgress,
  touchImport,
  type ImportProgress,
} from "../models/data-import.server";
import { formatBirthday } from "../loyalty/birthday";
import { storeCoded, wordStored } from "../i18n/coded-text";
import { adminText, currentAdminLocale, type AdminLocale } from "../i18n";
import { messagesFor } from "../i18n/languages.server";
import {
  ImportFailedError,
  type ImportFailure,
  type ImportProblem,
} from "../loyalty/import-problem";
import type { TierReason } from "../loyalty/tier-reevaluation";
import { importBirthday } from "../models/member-dates.server";
import { markManyMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext, type ShopContext } from "../models/program.server";
import { moveTiers, recordTierMoves } from "../models/tier-change.server";
import { log } from "../logger.server";
import { memberSearchKeys } from "../loyalty/search-key";
import { FirstRows } from "../utils/first-rows";
import { AdminApiError } from "../shopify/admin-api-error";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import {
  decodeText,
  sniffCsv,
  SNIFF_BYTES,
  type Delimiter,
  type TextEncodingName,
} from "../utils/csv-text";
import type { LookupOptions } from "./customer-lookup.server";
import {
  CustomerExportError,
  ShopifyCustomerSource,
  type BatchMatcher,
} from "./customer-export.server";
import { enqueueTierChangedTriggers } from "./flow-triggers.server";
import { forEachPage } from "./paged.server";

/**
 * Rows per batch (one transaction). Every statement of a batch is set-based, so a bigger batch
 * costs little more than a small one; SQLite commits fewer times.
 */
export const IMPORT_BATCH = 2000;
/**
 * Batches applied at once. PostgreSQL: each on its own pool connection, so one batch's round trips
 * overlap the others'; a customer is in at most one batch of a balances file (duplicates are
 * refused). SQLite has one connection and one writer: one batch at a time.
 */
const BATCHES_IN_FLIGHT: Record<DatabaseKind, number> = { sqlite: 1, postgresql: 3 };
const MAX_RAW = 500;

interface RowFailure {
  row: number;
  message: string;
  raw: string;
}

export interface ImportOptions extends LookupOptions {
  now?: () => Date;
  /**
   * Checks customers Tally does not know in Shopify; without it they are rejected. A function is
   * called for each batch that needs it (a long import outlives an access token).
   */
  admin?: AdminGraphqlClient | (() => Promise<AdminGraphqlClient | null>) | null;
  /** Read, resolve and plan every row, write nothing (the DataImport row gets the summary). */
  dryRun?: boolean;
  /** The merchant's choice; detected when absent. */
  encoding?: TextEncodingName | null;
  delimiter?: Delimiter | null;
  /** The mapping step: field → header name, for files whose headers are not recognised. */
  mapping?: Partial<Record<MappableField, string>>;
  /** The preview's export of the shop's customers, used again when it is still the shop's. */
  customerExportAt?: Date | null;
  /** Status polls of the customer export (tests shorten them). */
  exportPollMs?: number;
}

/**
 * A row's customer: a member of Tally (id, and their figures as read with them), or a Shopify
 * customer who becomes one.
 */
type Resolved =
  | { ok: true; customerId: string; shopifyCustomerId: string; figures: Figures }
  | { ok: true; customerId: null; shopifyCustomerId: string; email: string | null }
  | { ok: false; problem: ImportProblem };

type Outcome = "imported" | "skipped" | "nothing" | { rejected: ImportProblem };

interface ParsedLine {
  line: number;
  record: string[];
  row: ImportRow | null;
  outcome: Outcome | null;
}

/** The import was declared stale (failStaleImports) while this reader still ran: stop. */
class ImportAbandoned extends Error {}

const reject = (problem: ImportProblem): Outcome => ({ rejected: problem });

async function adminOf(option: ImportOptions["admin"]): Promise<AdminGraphqlClient | null> {
  if (!option) return null;
  const admin = typeof option === "function" ? await option() : option;
  if (!admin) throw new ImportFailedError({ code: "sessionGone" });
  return admin;
}

/**
 * Every row's customer, before anything is written: ids and emails of Tally's members, then the
 * rest in Shopify (per key, or in the shop's customer export when there are many: decision 047).
 * An id Shopify does not have, or an email neither knows, is a rejected row: nothing is created
 * for it.
 */
async function resolveCustomers(
  sqlDb: SqlDatabase,
  shop: string,
  rows: ImportRow[],
  shopify: BatchMatcher | null,
  lookup: LookupOptions,
): Promise<Resolved[]> {
  const ids = [
    ...new Set(rows.flatMap((row) => (row.shopifyCustomerId ? [row.shopifyCustomerId] : []))),
  ];
  const emails = [
    ...new Set(rows.flatMap((row) => (!row.shopifyCustomerId && row.email ? [row.email] : []))),
  ];
  const byId = await membersByShopifyId(sqlDb, shop, ids);
  const byEmail = new Map<string, Member | "ambiguous">();
  if (emails.length) {
    const list = inList(sqlDb.dialect, emails);
    for (const found of await sqlDb.rows(
      `SELECT id, email, "shopifyCustomerId", ${FIGURE_COLUMNS} FROM "Customer" WHERE shop = ? AND email ${list.sql}`,
      [shop, ...list.params],
    )) {
      const email = String(found.email);
      byEmail.set(email, byEmail.has(email) ? "ambiguous" : memberOf(found));
    }
  }
  const unknownIds = ids.filter((id) => !byId.has(id));
  const unknownEmails = emails.filter((email) => !byEmail.has(email));
  const asksShopify = shopify && (unknownIds.length || unknownEmails.length);
  if (!asksShopify) shopify?.pass();
  const matches = asksShopify ? await shopify.match(unknownIds, unknownEmails, lookup) : null;
  const shopifyIds = matches?.ids ?? null;
  const shopifyEmails = matches?.emails ?? null;
  // An email Tally does not hold may still belong to a member (stored without an email, or with
  // an older one): the Shopify id it resolves to names them, so their figures and earlier imports
  // count and no second member is created.
  const membersOfEmails = await membersByShopifyId(
    sqlDb,
    shop,
    [...(shopifyEmails?.values() ?? [])].filter((id): id is string => id !== "ambiguous"),
  );
  // Keys matched against an export say when it was made (a customer created since is not in it).
  const exportedAt = matches?.exportedAt?.toISOString() ?? null;
  const refused = (problem: ImportProblem): Resolved => ({ ok: false, problem });

  return rows.map((row): Resolved => {
    if (row.shopifyCustomerId) {
      const id = row.shopifyCustomerId;
      const known = byId.get(id);
      if (known)
        return { ok: true, customerId: known.id, shopifyCustomerId: id, figures: known.figures };
      if (!shopifyIds) return refused({ code: "notAskable", values: { id } });
      if (!shopifyIds.has(id))
        return refused({ code: "idNotInShopify", values: { id, exportedAt } });
      return {
        ok: true,
        customerId: null,
        shopifyCustomerId: id,
        email: row.email ?? shopifyIds.get(id) ?? null,
      };
    }
    const email = row.email!;
    const known = byEmail.get(email);
    if (known === "ambiguous") return refused({ code: "emailTwiceInTally", values: { email } });
    if (known)
      return {
        ok: true,
        customerId: known.id,
        shopifyCustomerId: known.shopifyCustomerId,
        figures: known.figures,
      };
    const inShopify = shopifyEmails?.get(email);
    if (inShopify === "ambiguous")
      return refused({ code: "emailTwiceInShopify", values: { email } });
    if (!inShopify)
      return refused(
        shopifyEmails
          ? { code: "emailNotInShopify", values: { email, exportedAt } }
          : { code: "emailUnknown", values: { email } },
      );
    const member = membersOfEmails.get(inShopify);
    if (member)
      return {
        ok: true,
        customerId: member.id,
        shopifyCustomerId: inShopify,
        figures: member.figures,
      };
    return { ok: true, customerId: null, shopifyCustomerId: inShopify, email };
  });
}

/** A member of the shop as the import finds them, with the figures a balances plan reads. */
interface Member {
  id: string;
  shopifyCustomerId: string;
  figures: Figures;
}

const memberOf = (row: Row): Member => ({
  id: String(row.id),
  shopifyCustomerId: String(row.shopifyCustomerId),
  figures: figuresFrom(row),
});

/**
 * Shopify customer id → the shop's member, for the ids that are members of the shop. Their figures
 * come with them: a batch that changes nothing (the same file again) is planned without reading
 * its members a second time (decision 063).
 */
async function membersByShopifyId(
  sqlDb: SqlDatabase,
  shop: string,
  shopifyCustomerIds: string[],
): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  if (!shopifyCustomerIds.length) return members;
  const list = inList(sqlDb.dialect, [...new Set(shopifyCustomerIds)]);
  for (const found of await sqlDb.rows(
    `SELECT id, "shopifyCustomerId", ${FIGURE_COLUMNS} FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" ${list.sql}`,
    [shop, ...list.params],
  ))
    members.set(String(found.shopifyCustomerId), memberOf(found));
  return members;
}

interface Figures {
  balance: number;
  lifetimeEarned: number;
  tierName: string | null;
  tierOverride: string | null;
  /** Stored "MM-DD", or null: only a member without one gets the file's birthday. */
  birthday: string | null;
}

const FIGURE_COLUMNS = `balance, "lifetimeEarned", "tierName", "tierOverride", birthday`;

const figuresFrom = (row: Row): Figures => ({
  balance: decode.int(row.balance),
  lifetimeEarned: decode.int(row.lifetimeEarned),
  tierName: (row.tierName as string | null) ?? null,
  tierOverride: (row.tierOverride as string | null) ?? null,
  birthday: (row.birthday as string | null) ?? null,
});

async function figuresOf(sql: Sql, customerIds: string[]): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>();
  if (!customerIds.length) return figures;
  const list = inList(sql.dialect, customerIds);
  for (const row of await sql.rows(
    `SELECT id, ${FIGURE_COLUMNS} FROM "Customer" WHERE id ${list.sql}`,
    list.params,
  ))
    figures.set(String(row.id), figuresFrom(row));
  return figures;
}

/**
 * Points each member was credited from `source` by earlier balance imports. Imports before
 * decision 031 (keys `import:balance:id:…` / `import:balance:email:…`) count for every source. One
 * query over the batch's members, not a sum per member: per member, PostgreSQL (C collation) and
 * SQLite both range-scanned the shop's import keys for the LIKEs, once per member (a re-import of
 * 20,000 rows took 406 s on SQLite; 1M known members stalled on PostgreSQL). No `shop = ?` either
 * (the members are the shop's): with it PostgreSQL ANDed a bitmap of the shop's whole ledger into
 * every batch's read, a cost growing with the shop (decision 048).
 */
async function importedFrom(
  sql: Sql,
  source: ImportSource,
  customerIds: string[],
): Promise<Map<string, number>> {
  const imported = new Map<string, number>();
  if (!customerIds.length) return imported;
  const list = inList(sql.dialect, customerIds);
  for (const row of await sql.rows(
    `SELECT "customerId", SUM(points) AS points FROM "LedgerEntry"
     WHERE "customerId" ${list.sql} AND kind = 'import'
       AND ("idempotencyKey" LIKE ? OR "idempotencyKey" LIKE 'import:balance:id:%' OR "idempotencyKey" LIKE 'import:balance:email:%')
     GROUP BY "customerId"`,
    [...list.params, `import:balance:${source}:%`],
  ))
    imported.set(String(row.customerId), decode.int(row.points));
  return imported;
}

interface Newcomer {
  shopifyCustomerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** A balances row's figures, written with the member (no second write of a new row). */
  points?: number;
  tier?: string | null;
}

/**
 * Makes members of the Shopify customers new to Tally; returns Shopify id → member id, and the
 * Shopify ids this call created (with their `points` and `tier` already in the row). A customer
 * enrolled meanwhile by someone else (a webhook) keeps their row: not in `created`.
 */
async function enrol(
  sql: Sql,
  shop: string,
  customers: Newcomer[],
  now: Date,
): Promise<{ ids: Map<string, string>; created: Set<string> }> {
  const ids = new Map<string, string>();
  const created = new Set<string>();
  if (!customers.length) return { ids, created };
  const values = valuesCte(
    sql.dialect,
    "v",
    {
      id: "text",
      shopifyCustomerId: "text",
      email: "text",
      firstName: "text",
      lastName: "text",
      searchName: "text",
      searchSurname: "text",
      searchEmail: "text",
      points: "int",
      tierName: "text",
    },
    customers.map((customer) => {
      const keys = memberSearchKeys(customer);
      return [
        timeOrderedId(),
        customer.shopifyCustomerId,
        customer.email,
        customer.firstName,
        customer.lastName,
        keys.searchName,
        keys.searchSurname,
        keys.searchEmail,
        customer.points ?? 0,
        customer.tier ?? null,
      ];
    }),
  );
  const at = typed(sql.dialect, "timestamp");
  // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join. Imports
  // count towards lifetime points, as appendEntries counts them.
  for (const row of await sql.rows<{ id: string; shopifyCustomerId: string }>(
    `WITH ${values.cte} INSERT INTO "Customer" (id, shop, "shopifyCustomerId", email, "firstName", "lastName", "searchName", "searchSurname", "searchEmail", balance, "lifetimeEarned", "tierName", "tierSince", "enrolledAt", "createdAt", "updatedAt")
     SELECT v.id, ?, v."shopifyCustomerId", v.email, v."firstName", v."lastName", v."searchName", v."searchSurname", v."searchEmail", v.points, v.points, v."tierName",
       CASE WHEN v."tierName" IS NULL THEN NULL ELSE ${at} END, ${at}, ${at}, ${at} FROM v WHERE true
     ON CONFLICT (shop, "shopifyCustomerId") DO NOTHING RETURNING id, "shopifyCustomerId"`,
    [...values.params, shop, now, now, now, now],
  )) {
    ids.set(row.shopifyCustomerId, row.id);
    created.add(row.shopifyCustomerId);
  }
  const others = customers.filter((customer) => !created.has(customer.shopifyCustomerId));
  if (!others.length) return { ids, created };
  const list = inList(
    sql.dialect,
    others.map((customer) => customer.shopifyCustomerId),
  );
  for (const row of await sql.rows<{ id: string; shopifyCustomerId: string }>(
    `SELECT id, "shopifyCustomerId" FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" ${list.sql}`,
    [shop, ...list.params],
  ))
    ids.set(row.shopifyCustomerId, row.id);
  return { ids, created };
}

interface NewEntry {
  customerId: string;
  points: number;
  key: string;
  reason: string;
  snapshot: unknown;
  createdAt: Date;
}

/**
 * Appends the entries (a repeat key is left alone) and moves the members' cached figures by what
 * was appended (but for members created with them), in two statements. Returns the keys appended.
 */
async function appendEntries(
  sql: Sql,
  shop: string,
  entries: NewEntry[],
  now: Date,
  /** Members created with these entries' points already in their figures (enrol). */
  counted: ReadonlySet<string> = new Set(),
): Promise<Set<string>> {
  if (!entries.length) return new Set();
  const values = valuesCte(
    sql.dialect,
    "e",
    {
      id: "text",
      customerId: "text",
      points: "int",
      key: "text",
      reason: "text",
      snapshot: "json",
      createdAt: "timestamp",
    },
    entries.map((entry) => [
      timeOrderedId(entry.createdAt.getTime()),
      entry.customerId,
      entry.points,
      entry.key,
      entry.reason,
      entry.snapshot,
      entry.createdAt,
    ]),
  );
  const inserted = await sql.rows<{ idempotencyKey: string }>(
    `WITH ${values.cte} INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", reason, snapshot, "createdAt")
     SELECT e.id, ?, e."customerId", 'import', e.points, e.key, e.reason, e.snapshot, e."createdAt" FROM e WHERE true
     ON CONFLICT (shop, "idempotencyKey") DO NOTHING RETURNING "idempotencyKey"`,
    [...values.params, shop],
  );
  const applied = new Set(inserted.map((row) => row.idempotencyKey));
  const change = new Map<string, number>();
  for (const entry of entries)
    if (applied.has(entry.key) && !counted.has(entry.customerId))
      change.set(entry.customerId, (change.get(entry.customerId) ?? 0) + entry.points);
  if (change.size) {
    // Imports count towards lifetime points, as appendLedgerEntry counts them (ledger.server).
    const moved = valuesCte(sql.dialect, "v", { id: "text", change: "int" }, [...change]);
    await sql.run(
      `WITH ${moved.cte} UPDATE "Customer" SET balance = balance + v.change, "lifetimeEarned" = "lifetimeEarned" + v.change, "updatedAt" = ?
       FROM v WHERE "Customer".id = v.id`,
      [...moved.params, now],
    );
  }
  return applied;
}

interface BatchContext {
  sqlDb: SqlDatabase;
  importId: string;
  context: ShopContext;
  tiers: string[];
  layout: ImportLayout;
  options: ImportOptions;
  now: () => Date;
  summary: ImportSummary;
}

/** Customers new to Tally, as members to enrol: one per Shopify id. */
function newcomersOf(
  lines: ParsedLine[],
  resolved: Map<ParsedLine, Resolved & { ok: true }>,
): Newcomer[] {
  const newcomers = new Map<string, Newcomer>();
  for (const line of lines) {
    const customer = resolved.get(line)!;
    if (customer.customerId !== null || newcomers.has(customer.shopifyCustomerId)) continue;
    newcomers.set(customer.shopifyCustomerId, {
      shopifyCustomerId: customer.shopifyCustomerId,
      email: ("email" in customer ? customer.email : null) ?? line.row!.email,
      firstName: line.row!.firstName,
      lastName: line.row!.lastName,
    });
  }
  return [...newcomers.values()];
}

const NO_FIGURES: Figures = {
  balance: 0,
  lifetimeEarned: 0,
  tierName: null,
  tierOverride: null,
  birthday: null,
};

interface BalanceChange {
  line: ParsedLine;
  points: number;
  tier: string | null;
  current: Figures;
  birthday: string | null;
}

interface BalancesPlan {
  outcomes: Map<ParsedLine, Outcome>;
  effects: Parameters<typeof addToSummary>[1][];
  changes: BalanceChange[];
  imported: Map<string, number>;
}

/**
 * Plans one batch of a balances file against its members' figures and what each was already
 * credited from the file's source (two reads, none for customers new to Tally). `figures`, when
 * given, are the members' figures as already read (outside a transaction): only the sums are read.
 */
async function planBalances(
  sql: Sql,
  batch: BatchContext,
  resolved: Map<ParsedLine, Resolved & { ok: true }>,
  known: string[],
  readFigures?: Map<string, Figures>,
): Promise<BalancesPlan> {
  const { tiers, layout } = batch;
  const source = sourceOf(layout.format);
  const [figures, imported] = await Promise.all([
    readFigures ?? figuresOf(sql, known),
    importedFrom(sql, source, known),
  ]);
  const outcomes = new Map<ParsedLine, Outcome>();
  const changes: BalanceChange[] = [];
  // The file's birthday fills a member's missing one only (decision 042): one per member per batch.
  const birthdayTaken = new Set<string>();
  for (const [line, customer] of resolved) {
    const current = (customer.customerId && figures.get(customer.customerId)) || NO_FIGURES;
    const importedBefore = (customer.customerId && imported.get(customer.customerId)) || 0;
    const plan = planBalance(
      line.row!,
      { ...current, importedFromSource: importedBefore },
      source,
      tiers,
    );
    const memberKey = customer.customerId ?? `new:${customer.shopifyCustomerId}`;
    const birthday =
      plan.outcome !== "rejected" &&
      line.row!.birthday &&
      current.birthday === null &&
      !birthdayTaken.has(memberKey)
        ? formatBirthday(line.row!.birthday)
        : null;
    if (birthday) birthdayTaken.add(memberKey);
    if (plan.outcome === "rejected") outcomes.set(line, reject(plan.problem));
    else if (plan.outcome === "change" || birthday) {
      outcomes.set(line, "imported");
      const { points, tier } = plan.outcome === "change" ? plan : { points: 0, tier: null };
      changes.push({ line, points, tier, current, birthday });
    } else outcomes.set(line, plan.outcome === "already" ? "skipped" : "nothing");
  }
  const effects = changes.map(({ line, points, tier, current, birthday }) => ({
    newMember: resolved.get(line)!.customerId === null,
    points,
    tierAfter: tier ?? current.tierName ?? tiers[0],
    tierChanged: tier !== null,
    birthdaySet: birthday !== null,
  }));
  return { outcomes, effects, changes, imported };
}

/**
 * Plans and (unless a dry run) writes one batch of a balances file. Rows are planned first (a
 * customer new to Tally has no figures yet); only customers with something to import are enrolled.
 * The plan is read outside any transaction: a batch that changes nothing (the same file again)
 * writes nothing and opens no transaction. A batch with changes plans again inside its transaction
 * (SQLite's write lock: what it writes follows from what it read there).
 */
async function balancesBatch(
  batch: BatchContext,
  resolved: Map<ParsedLine, Resolved & { ok: true }>,
): Promise<void> {
  const { context, layout, options, tiers } = batch;
  const shop = context.shop;
  const source = sourceOf(layout.format);
  const now = batch.now();
  const known = [...resolved.values()].flatMap((customer) =>
    customer.customerId ? [customer.customerId] : [],
  );
  const write = async (sql: Sql, plan: BalancesPlan) => {
    const { changes, imported } = plan;
    // One row per customer in a balances file: a newcomer's change is their only one.
    const changeOf = new Map(
      changes.map((change) => [resolved.get(change.line)!.shopifyCustomerId, change]),
    );
    const { ids: enrolled, created } = await enrol(
      sql,
      shop,
      newcomersOf(
        changes.map((change) => change.line),
        resolved,
      ).map((newcomer) => {
        const change = changeOf.get(newcomer.shopifyCustomerId)!;
        return { ...newcomer, points: change.points, tier: change.tier };
      }),
      now,
    );
    // Members created here hold their points and tier already: their entries and tier records
    // are written, their row is not written again.
    const createdMembers = new Set([...created].map((shopifyId) => enrolled.get(shopifyId)!));
    const entries: NewEntry[] = [];
    const moves: { customerId: string; from: string | null; to: string; reason: string }[] = [];
    const birthdaysSet: string[] = [];
    for (const { line, points, tier, current, birthday } of changes) {
      const customer = resolved.get(line)!;
      const memberId = customer.customerId ?? enrolled.get(customer.shopifyCustomerId)!;
      if (birthday && (await importBirthday(sql, memberId, birthday, now)))
        birthdaysSet.push(memberId);
      if (points !== 0)
        entries.push({
          customerId: memberId,
          points,
          key: `import:balance:${source}:${memberId}:${batch.importId}`,
          reason: `imported balance (${SOURCE_NAMES[source]}): ${line.row!.points}`,
          snapshot: {
            source: "csv import",
            format: layout.format,
            stated: line.row!.points,
            importedBefore: (customer.customerId && imported.get(customer.customerId)) || 0,
            balanceBefore: current.balance,
          },
          createdAt: now,
        });
      if (tier)
        moves.push({
          customerId: memberId,
          from: current.tierName,
          to: tier,
          reason: storeCoded({ code: "imported" } satisfies TierReason),
        });
    }
    const applied = await appendEntries(sql, shop, entries, now, createdMembers);
    const moved = new Map([
      ...(await moveTiers(
        sql,
        shop,
        moves.filter((move) => !createdMembers.has(move.customerId)),
        now,
      )),
      ...(await recordTierMoves(
        sql,
        shop,
        moves.filter((move) => createdMembers.has(move.customerId)),
        now,
      )),
    ]);
    await enqueueTierChangedTriggers(
      sql,
      context,
      "import",
      moves
        .filter((move) => moved.has(move.customerId))
        .map((move) => ({
          customerId: move.customerId,
          tierChangeId: moved.get(move.customerId)!,
          from: move.from ?? tiers[0],
          to: move.to,
        })),
      now,
    );
    // The tier records marked their members; the other members whose balance moved are marked here.
    await markManyMetafieldsDirty(
      sql,
      shop,
      [
        ...new Set([
          ...entries
            .filter((entry) => applied.has(entry.key) && !moved.has(entry.customerId))
            .map((entry) => entry.customerId),
          // The `$app:loyalty.birthday` metafield follows through the outbox, as the account page's.
          ...birthdaysSet.filter((customerId) => !moved.has(customerId)),
        ]),
      ],
      now,
    );
  };
  // Outside any transaction, the figures read with the members (resolveCustomers) serve the plan.
  const readFigures = new Map(
    [...resolved.values()].flatMap((customer) =>
      customer.customerId ? [[customer.customerId, customer.figures] as const] : [],
    ),
  );
  const planned = await planBalances(batch.sqlDb, batch, resolved, known, readFigures);
  // Counted after the commit: PostgreSQL may run the transaction again (a deadlock with another batch).
  const { outcomes, effects } =
    options.dryRun || !planned.changes.length
      ? planned
      : await batch.sqlDb.transaction(async (sql) => {
          // Nothing to read again for customers new to Tally.
          const plan = known.length ? await planBalances(sql, batch, resolved, known) : planned;
          if (plan.changes.length) await write(sql, plan);
          return plan;
        });
  for (const [line, outcome] of outcomes) line.outcome = outcome;
  for (const effect of effects) addToSummary(batch.summary, effect);
}

/** Plans and (unless a dry run) writes one batch of a history file. */
async function historyBatch(
  batch: BatchContext,
  resolved: Map<ParsedLine, Resolved & { ok: true }>,
): Promise<void> {
  const { context, options } = batch;
  const shop = context.shop;
  const now = batch.now();
  const work = async (sql: Sql) => {
    const outcomes = new Map<ParsedLine, Outcome>();
    const known = [
      ...new Set(
        [...resolved.values()].flatMap((customer) =>
          customer.customerId ? [customer.customerId] : [],
        ),
      ),
    ];
    const figures = await figuresOf(sql, known);
    // Entries that are this shop's own (its ledger export imported back), and earlier imports.
    const rows = [...resolved.keys()];
    const entryIds = rows.flatMap((line) => (line.row!.entryId ? [line.row!.entryId] : []));
    const ownKeys = rows.flatMap((line) =>
      line.row!.idempotencyKey ? [line.row!.idempotencyKey] : [],
    );
    const own = new Set<string>();
    if (entryIds.length) {
      const list = inList(sql.dialect, entryIds);
      for (const row of await sql.rows<{ id: string }>(
        `SELECT id FROM "LedgerEntry" WHERE id ${list.sql} AND shop = ?`,
        [...list.params, shop],
      ))
        own.add(`id:${row.id}`);
    }
    if (ownKeys.length) {
      const list = inList(sql.dialect, ownKeys);
      for (const row of await sql.rows<{ idempotencyKey: string }>(
        `SELECT "idempotencyKey" FROM "LedgerEntry" WHERE shop = ? AND "idempotencyKey" ${list.sql}`,
        [shop, ...list.params],
      ))
        own.add(`key:${row.idempotencyKey}`);
    }
    const earlier = new Map<string, { points: number; customerId: string }>();
    const keys = inList(
      sql.dialect,
      rows.map((line) => `import:${line.row!.identity!}`),
    );
    for (const row of await sql.rows(
      `SELECT "idempotencyKey", points, "customerId" FROM "LedgerEntry" WHERE shop = ? AND "idempotencyKey" ${keys.sql}`,
      [shop, ...keys.params],
    ))
      earlier.set(String(row.idempotencyKey), {
        points: decode.int(row.points),
        customerId: String(row.customerId),
      });

    // Running figures per customer (member id, or `shopify:<id>` for a newcomer).
    const running = new Map<string, Figures>();
    const planned: ParsedLine[] = [];
    for (const [line, customer] of resolved) {
      const row = line.row!;
      const key = `import:${row.identity!}`;
      if (
        (row.entryId && own.has(`id:${row.entryId}`)) ||
        (row.idempotencyKey && own.has(`key:${row.idempotencyKey}`))
      ) {
        outcomes.set(line, "skipped"); // this shop's own entry: already in its ledger
        continue;
      }
      const before = earlier.get(key);
      if (before) {
        outcomes.set(
          line,
          before.points === row.points && before.customerId === customer.customerId
            ? "skipped"
            : reject({
                code: "importedBefore",
                values: { before: before.points, points: row.points! },
              }),
        );
        continue;
      }
      if (row.points === 0) {
        outcomes.set(line, "nothing");
        continue;
      }
      const who = customer.customerId ?? `shopify:${customer.shopifyCustomerId}`;
      const current = running.get(who) ?? {
        ...((customer.customerId && figures.get(customer.customerId)) || NO_FIGURES),
      };
      const overflow = memberPointsOverflow(current, row.points!);
      if (overflow) {
        outcomes.set(line, reject(overflow.problem));
        continue;
      }
      current.balance += row.points!;
      current.lifetimeEarned += Math.max(0, row.points!);
      running.set(who, current);
      outcomes.set(line, "imported");
      planned.push(line);
    }
    const effectOf = (line: ParsedLine) => {
      const customer = resolved.get(line)!;
      return {
        newMember: customer.customerId === null,
        points: line.row!.points!,
        tierAfter:
          (customer.customerId && figures.get(customer.customerId)?.tierName) || batch.tiers[0],
        tierChanged: false,
      };
    };
    if (options.dryRun || !planned.length) return { outcomes, effects: planned.map(effectOf) };

    const { ids: enrolled } = await enrol(sql, shop, newcomersOf(planned, resolved), now);
    const entries = planned.map((line): NewEntry & { line: ParsedLine } => {
      const customer = resolved.get(line)!;
      const row = line.row!;
      return {
        line,
        customerId: customer.customerId ?? enrolled.get(customer.shopifyCustomerId)!,
        points: row.points!,
        key: `import:${row.identity!}`,
        reason: row.reason ?? "imported history",
        snapshot: { source: "csv import", entryId: row.entryId },
        createdAt: row.createdAt ?? now,
      };
    });
    const applied = await appendEntries(sql, shop, entries, now);
    // A key appended meanwhile by another import of the same file: a repeat, not an import.
    for (const entry of entries) if (!applied.has(entry.key)) outcomes.set(entry.line, "skipped");
    await markManyMetafieldsDirty(
      sql,
      shop,
      [
        ...new Set(
          entries.filter((entry) => applied.has(entry.key)).map((entry) => entry.customerId),
        ),
      ],
      now,
    );
    return {
      outcomes,
      effects: entries
        .filter((entry) => applied.has(entry.key))
        .map((entry) => effectOf(entry.line)),
    };
  };
  const { outcomes, effects } = options.dryRun
    ? await work(batch.sqlDb)
    : await batch.sqlDb.transaction(work);
  for (const [line, outcome] of outcomes) line.outcome = outcome;
  for (const effect of effects) addToSummary(batch.summary, effect);
}

/** Reads the first SNIFF_BYTES of `input`, and the whole of it again as a stream. */
async function peek(input: Readable): Promise<{ head: Buffer; all: AsyncIterable<Uint8Array> }> {
  const iterator = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    taken.push(chunk);
    size += chunk.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* taken;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  }
  return { head: Buffer.concat(taken).subarray(0, SNIFF_BYTES), all: all() };
}

/**
 * SQLite's page cache while an import runs (decision 063). An import streams through far more
 * pages than it reads twice (a 1M-row file writes ≈ 1M members, entries and export rows), so the
 * default 64 MiB filled up and stayed in the process's RSS: 55 MB of a 1M-row dry run's 305 MB, for
 * no measurable CPU (A/B at 200k rows). The process's other work shares the smaller cache meanwhile.
 */
const IMPORT_PAGE_CACHE_MIB = 8;

/**
 * Reads `input` to the end and applies it to the shop (or, for a dry run, plans it), updating the
 * DataImport row after every batch. Memory holds a few batches of rows at a time, plus one entry
 * per customer of the file (duplicates within the file are refused).
 */
export function runImport(...args: Parameters<typeof importFile>): Promise<ImportProgress> {
  const [, sqlDb] = args;
  return sqlDb.withPageCacheAtMost(IMPORT_PAGE_CACHE_MIB, () => importFile(...args));
}

async function importFile(
  db: Db,
  sqlDb: SqlDatabase,
  importId: string,
  shop: string,
  kind: ImportKind,
  input: Readable,
  options: ImportOptions = {},
): Promise<ImportProgress> {
  const now = options.now ?? (() => new Date());
  const context = await shopContext(sqlDb, shop);
  if (!context) throw new Error(`shop ${shop} is not installed`);
  const tiers = (await programOfVersion(sqlDb, context.programVersionId)).tiers.map(
    (tier) => tier.name,
  );
  const progress: ImportProgress = {
    bytesRead: 0,
    rowsRead: 0,
    rowsImported: 0,
    rowsSkipped: 0,
    rowsNothing: 0,
    rowsFailed: 0,
  };
  const summary = emptySummary();
  let layout: ImportLayout | null = null;
  let parser: ReturnType<typeof parse> | null = null;
  type Batch = { line: number; record: string[] }[];

  try {
    const { head, all } = await peek(input);
    const sniffed = sniffCsv(head, options);
    if (!sniffed.ok) throw new ImportFailedError(sniffed.failure);
    await db.dataImport.update({
      where: { id: importId },
      data: {
        encoding: sniffed.encoding,
        delimiter: sniffed.delimiter,
        dryRun: Boolean(options.dryRun),
        mapping: options.mapping ? JSON.stringify(options.mapping) : null,
      },
    });
    parser = parse({
      delimiter: sniffed.delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
    let bytes = 0;
    const text = ReadableStream.from(decodeText(all, sniffed.encoding, (read) => (bytes = read)));
    pipeline(text, parser, () => {});

    const seen = new FirstRows();
    // The members and entries this import writes, analysed as they grow (decision 054).
    const statistics = new StatisticsSchedule();
    const shopify = options.admin
      ? new ShopifyCustomerSource(sqlDb, shop, async () => (await adminOf(options.admin))!, {
          now,
          pollMs: options.exportPollMs,
          sleep: options.sleep,
          reuseExportAt: options.customerExportAt,
        })
      : null;
    // Batches resolve their customers at once, but look for duplicates in file order, so "the
    // first row" of a customer is the first in the file.
    let duplicatesTurn = Promise.resolve();
    const apply = async (batch: Batch) => {
      const previousTurn = duplicatesTurn;
      let endTurn = () => {};
      duplicatesTurn = new Promise<void>((resolve) => (endTurn = resolve));
      const matcher = shopify?.forBatch() ?? null;
      try {
        await applyBatch(batch, matcher, previousTurn, endTurn);
      } finally {
        matcher?.pass();
        endTurn();
      }
    };
    const applyBatch = async (
      batch: Batch,
      matcher: BatchMatcher | null,
      previousTurn: Promise<void>,
      endTurn: () => void,
    ) => {
      // Declared stale meanwhile (failStaleImports): apply nothing more, whatever is already read.
      if (!(await touchImport(db, importId))) throw new ImportAbandoned();
      const lines: ParsedLine[] = batch.map(({ line, record }) => {
        const parsed = parseImportRow(layout!, record);
        return {
          line,
          record,
          row: parsed.ok ? parsed.row : null,
          outcome: parsed.ok ? null : reject(parsed.problem),
        };
      });
      const valid = lines.filter((line) => line.row);
      // Shopify is asked before the transaction, so no write transaction waits on the network.
      const beforeWait = async () => {
        if (!(await touchImport(db, importId))) throw new ImportAbandoned();
      };
      const customers = await resolveCustomers(
        sqlDb,
        shop,
        valid.map((line) => line.row!),
        matcher,
        { sleep: options.sleep, beforeWait },
      );
      const resolved = new Map<ParsedLine, Resolved & { ok: true }>();
      await previousTurn;
      valid.forEach((line, index) => {
        const customer = customers[index];
        if (!customer.ok) {
          line.outcome = reject(customer.problem);
          return;
        }
        // One row per customer in a balances file, one per entry in a history file. Keyed by the
        // Shopify id: a customer enrolled by an earlier batch has a member id there, not here.
        const key =
          kind === "balances" ? `shopify:${customer.shopifyCustomerId}` : line.row!.identity!;
        const first = seen.firstOrAdd(key, line.line);
        if (first !== undefined) {
          line.outcome = reject({
            code: kind === "balances" ? "duplicateCustomer" : "duplicateEntry",
            values: { first },
          });
          return;
        }
        resolved.set(line, customer);
      });
      endTurn();
      const batchContext: BatchContext = {
        sqlDb,
        importId,
        context,
        tiers,
        layout: layout!,
        options,
        now,
        summary,
      };
      if (resolved.size)
        await (kind === "balances" ? balancesBatch : historyBatch)(batchContext, resolved);
      const failures: RowFailure[] = [];
      for (const line of lines) {
        const outcome = line.outcome ?? reject({ code: "notApplied" });
        if (outcome === "imported") progress.rowsImported++;
        else if (outcome === "skipped") progress.rowsSkipped++;
        else if (outcome === "nothing") progress.rowsNothing++;
        else
          failures.push({
            row: line.line,
            message: storeCoded(outcome.rejected),
            raw: line.record.join(sniffed.delimiter).slice(0, MAX_RAW),
          });
      }
      progress.rowsFailed += failures.length;
      progress.rowsRead += batch.length;
      progress.bytesRead = bytes;
      if (!(await recordImportProgress(db, importId, progress, failures)))
        throw new ImportAbandoned();
      if (!options.dryRun && statistics.due(progress.rowsImported))
        await refreshPlannerStatistics(sqlDb, ["Customer", "LedgerEntry"]);
    };
    // The file's rows a batch at a time (the header row first sets the layout); null at the end.
    const records = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[
      Symbol.asyncIterator
    ]();
    let first = true;
    const nextBatch = async (): Promise<Batch | null> => {
      const batch: Batch = [];
      while (batch.length < IMPORT_BATCH) {
        const next = await records.next();
        if (next.done) break;
        const { record, info } = next.value;
        if (!layout) {
          // Excel's "sep=;" line names the separator; the header follows.
          if (
            first &&
            record.length <= 2 &&
            /^sep=.?$/i.test(record.join(sniffed.delimiter).trim())
          ) {
            first = false;
            continue;
          }
          first = false;
          const detected = detectLayout(record, kind, {
            delimiter: sniffed.delimiter,
            mapping: options.mapping,
          });
          if (!detected.ok) {
            // Kept for the mapping step: the merchant says which column is which.
            await db.dataImport.update({
              where: { id: importId },
              data: { headers: JSON.stringify(record.map((name) => name.trim()).slice(0, 100)) },
            });
            throw new ImportFailedError(detected.failure);
          }
          layout = detected.layout;
          await db.dataImport.update({
            where: { id: importId },
            data: {
              format: layout.format,
              ignoredColumns: layout.ignored.length ? layout.ignored.join(", ") : null,
            },
          });
          continue;
        }
        batch.push({ line: info.lines, record });
      }
      return batch.length ? batch : null;
    };

    await forEachPage(nextBatch, apply, BATCHES_IN_FLIGHT[sqlDb.dialect]);
    if (!layout) throw new ImportFailedError({ code: "noHeader" });
    progress.bytesRead = bytes;
    // Batches applied at once may have saved their progress out of order: save the final figures.
    if (!(await recordImportProgress(db, importId, progress, []))) throw new ImportAbandoned();
    // The same file imported again minutes later reads these tables per batch: plans from
    // statistics that still predate this import would scan the shop's members for every batch.
    if (!options.dryRun && statistics.dueAtEnd(progress.rowsImported))
      await refreshPlannerStatistics(sqlDb, ["Customer", "LedgerEntry"]);
    const exported = await shopify?.exportUsed();
    await db.dataImport.update({
      where: { id: importId },
      data: { summary: JSON.stringify(summary), customersExportedAt: exported?.exportedAt ?? null },
    });
    if (progress.rowsRead === 0) throw new ImportFailedError({ code: "noRows" });
    if (progress.rowsFailed === progress.rowsRead)
      throw new ImportFailedError({
        code: "everyRowRejected",
        values: { dryRun: Boolean(options.dryRun) },
      });
    if (!options.dryRun && progress.rowsImported > 0 && kind === "history") {
      // History entries are dated in the past and change past days: rebuild the shop's rollups. A
      // balances file's entries, tier moves and members are dated now: the rollup job's next
      // incremental refresh takes them (rebuilding the shop when they are many), off the import.
      if (!(await touchImport(db, importId))) throw new ImportAbandoned();
      await refreshShopAnalytics(sqlDb, shop, now(), { full: true });
    }
    await finishImport(db, importId, options.dryRun ? "previewed" : "done", null, now());
  } catch (error) {
    parser?.destroy();
    input.destroy();
    if (error instanceof ImportAbandoned) {
      log.warn("import declared stale while running; stopped", { importId });
      return progress;
    }
    const failure: ImportFailure =
      error instanceof ImportFailedError
        ? error.failure
        : error instanceof AdminApiError
          ? { code: "shopifyDidNotAnswer", values: { detail: error.message } }
          : {
              code: "unreadable",
              values: { detail: error instanceof Error ? error.message : String(error) },
            };
    // What the file holds is the merchant's to fix; anything else is worth a look in the logs.
    if (!(error instanceof ImportFailedError) || error instanceof CustomerExportError)
      log.warn("import failed", { importId, error: String(error) });
    await finishImport(db, importId, "failed", storeCoded(failure), now());
  }
  return progress;
}

/** How far along an import is, for the progress bar: bytes read of the file's size. */
export function importPercent(row: {
  bytesRead: unknown;
  fileBytes: unknown;
  status: string;
}): number {
  if (["done", "previewed", "applied", "discarded"].includes(row.status)) return 100;
  const total = decode.int(row.fileBytes);
  return total > 0 ? Math.min(99, Math.floor((decode.int(row.bytesRead) * 100) / total)) : 0;
}

export interface StartOptions {
  dryRun?: boolean;
  encoding?: TextEncodingName | null;
  delimiter?: Delimiter | null;
  mapping?: Partial<Record<MappableField, string>>;
  customerExportAt?: Date | null;
}

/**
 * Starts importing (or, with dryRun, previewing) an uploaded file in the background and returns
 * its DataImport id at once; the page follows the row's progress. The temporary file is removed
 * when the import ends; a preview keeps it (DataImport.filePath) for applyPreview.
 */
export async function startImport(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  kind: ImportKind,
  file: { path: string; name: string; size: number },
  admin: ImportOptions["admin"],
  options: StartOptions = {},
): Promise<string> {
  const id = await createImport(db, shop, kind, file.name, file.size);
  if (options.dryRun) await db.dataImport.update({ where: { id }, data: { filePath: file.path } });
  void runImport(db, sqlDb, id, shop, kind, createReadStream(file.path), { admin, ...options })
    .catch((error) =>
      log.warn("import could not be recorded", { importId: id, error: String(error) }),
    )
    .finally(async () => {
      if (options.dryRun) {
        const row = await db.dataImport.findUnique({ where: { id } }).catch(() => null);
        // Kept until applied, mapped or discarded.
        if (row?.status === "previewed" || (row?.status === "failed" && row.headers)) return;
        await db.dataImport.updateMany({ where: { id }, data: { filePath: null } }).catch(() => {});
      }
      await rm(file.path, { force: true });
    });
  return id;
}

/**
 * Applies a previewed file: a new import of the same file, read the way the preview read it. The
 * preview gives up its file (the import removes it when it ends). Null when there is nothing to apply.
 */
export async function applyPreview(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  previewId: string,
  admin: ImportOptions["admin"],
): Promise<{ started: string } | { error: string }> {
  return restart(db, sqlDb, shop, previewId, admin, "previewed", {});
}

/**
 * Previews a file again with the merchant's column mapping (its headers were not recognised).
 */
export async function remapPreview(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  previewId: string,
  mapping: Partial<Record<MappableField, string>>,
  admin: ImportOptions["admin"],
): Promise<{ started: string } | { error: string }> {
  return restart(db, sqlDb, shop, previewId, admin, "failed", { dryRun: true, mapping });
}

/** A new import of a kept file, read the way the first read it (claimed once). */
async function restart(
  db: Db,
  sqlDb: SqlDatabase,
  shop: string,
  previewId: string,
  admin: ImportOptions["admin"],
  status: "previewed" | "failed",
  options: StartOptions,
): Promise<{ started: string } | { error: string }> {
  const preview = await db.dataImport.findFirst({ where: { id: previewId, shop } });
  if (!preview || preview.status !== status || !preview.filePath)
    return { error: adminText.import.noPreviewToApply };
  const exists = await stat(preview.filePath).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await db.dataImport.updateMany({
      where: { id: previewId, filePath: preview.filePath },
      data: { filePath: null },
    });
    return { error: adminText.import.previewFileGone };
  }
  // Claimed once: two clicks (or two instances) do not both apply it.
  const claimed = await db.dataImport.updateMany({
    where: { id: previewId, status, filePath: preview.filePath },
    // A preview applied is marked so (the import itself is a new row); a remapped one stays failed.
    data: {
      filePath: null,
      ...(status === "previewed" && !options.dryRun ? { status: "applied" } : {}),
    },
  });
  if (claimed.count === 0) return { error: adminText.import.previewBeingApplied };
  const started = await startImport(
    db,
    sqlDb,
    shop,
    preview.kind as ImportKind,
    { path: preview.filePath, name: preview.fileName, size: preview.fileBytes },
    admin,
    {
      encoding: preview.encoding as TextEncodingName | null,
      delimiter: preview.delimiter as Delimiter | null,
      mapping: preview.mapping
        ? (JSON.parse(preview.mapping) as Partial<Record<MappableField, string>>)
        : undefined,
      // The import matches customers against the export its preview used (decision 047).
      customerExportAt: preview.customersExportedAt,
      ...options,
    },
  );
  return { started };
}

/** Drops a preview's kept file (the merchant discarded it). */
export async function discardPreview(db: Db, shop: string, previewId: string): Promise<boolean> {
  const preview = await db.dataImport.findFirst({ where: { id: previewId, shop } });
  if (!preview?.filePath) return false;
  const claimed = await db.dataImport.updateMany({
    where: { id: previewId, filePath: preview.filePath },
    data: {
      filePath: null,
      ...(preview.status === "previewed" ? { status: "discarded" } : {}),
    },
  });
  if (claimed.count === 0) return false;
  await rm(preview.filePath, { force: true });
  return true;
}

/** How long a previewed (or to-be-mapped) file is kept for the merchant to apply it. */
export const PREVIEW_KEPT_MS = 24 * 60 * 60_000;

/**
 * Removes the kept files of previews nobody applied or discarded within PREVIEW_KEPT_MS (the
 * stale-imports job, any instance: each row is claimed by a conditional update). Returns how many.
 */
export async function dropAbandonedPreviews(db: Db, now: Date): Promise<number> {
  const abandoned = await db.dataImport.findMany({
    where: {
      filePath: { not: null },
      status: { in: ["previewed", "failed"] },
      updatedAt: { lt: new Date(now.getTime() - PREVIEW_KEPT_MS) },
    },
    select: { id: true, filePath: true },
    take: 100,
  });
  let dropped = 0;
  for (const { id, filePath } of abandoned) {
    const claimed = await db.dataImport.updateMany({
      where: { id, filePath },
      data: { filePath: null },
    });
    if (claimed.count === 0) continue;
    await rm(filePath!, { force: true });
    dropped++;
  }
  return dropped;
}

/**
 * An import's rejected rows in file order, a batch at a time, each reason worded in `locale` (the
 * admin's language, read when the reading starts: a download streams on after its request).
 */
export async function* rejectedRowBatches(
  db: Db,
  importId: string,
  options: { locale?: AdminLocale; batch?: number } = {},
) {
  const words = messagesFor(options.locale ?? currentAdminLocale()).importProblems;
  for await (const rows of importErrorBatches(db, importId, options.batch))
    yield rows.map((row) => ({ ...row, message: wordStored(row.message, words) }));
}

/**
 * Why an import failed, in `locale` (the admin's language): its coded failure worded, or the
 * sentence an import stored before codes, as stored.
 */
export function importFailureInWords(
  stored: string | null,
  locale: AdminLocale = currentAdminLocale(),
): string | null {
  return stored === null ? null : wordStored(stored, messagesFor(locale).importFailures);
}

/** The first rejected rows of each import (the Import page names them), in the admin's language. */
export async function firstRejectedRows(
  db: Db,
  importIds: readonly string[],
  count = 3,
): Promise<Map<string, { row: number; message: string }[]>> {
  const first = new Map<string, { row: number; message: string }[]>();
  for (const importId of importIds) {
    const batch = await rejectedRowBatches(db, importId, { batch: count }).next();
    if (!batch.done)
      first.set(
        importId,
        batch.value.map(({ row, message }) => ({ row, message })),
      );
  }
  return first;
}
