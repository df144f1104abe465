// Reading rows of a members/history CSV (docs/csv-import.md, decision 031): which columns mean what
// in Tally's own exports, Smile.io's points and VIP tier files and customer export, and
// LoyaltyLion's customer export; which columns are not used; row-by-row validation. Pure.
import { createHash } from "node:crypto";
import { MAX_MEMBER_POINTS } from "./balance";
import { readImportedBirthday, type Birthday } from "./birthday";
import { refuseFile, refuseRow, type FileRefused, type RowRefused } from "./import-problem";

export type ImportKind = "balances" | "history";
export type ImportFormat = "native" | "smile" | "loyaltylion";

export const IMPORT_FIELDS = [
  "shopifyCustomerId",
  "email",
  "firstName",
  "lastName",
  "points",
  "tier",
  "createdAt",
  "entryId",
  "idempotencyKey",
  "kind",
  "reason",
  "sourceId",
  "birthday",
  "birthdayMonth",
  "birthdayDay",
  // Recognised so they are named as "not imported" rather than unknown (pending points may still
  // be cancelled in the old app; spent/lifetime figures are history, not balance).
  "notImported",
] as const;
export type Field = (typeof IMPORT_FIELDS)[number];
/** Fields a merchant can point a column at in the mapping step. */
export type MappableField = Exclude<Field, "notImported">;

/** Header names per field, compared lower-case with spaces, dashes, dots and underscores removed. */
const ALIASES: Record<Field, string[]> = {
  // Tally: shopify_customer_id; LoyaltyLion: merchant_id (the platform's customer id). A bare
  // customer_id or id is the source app's own id (Smile's "Customer ID"), never a Shopify id.
  shopifyCustomerId: ["shopifycustomerid", "shopifyid", "shopifycustomer", "merchantid"],
  email: ["email", "emailaddress", "customeremail"],
  firstName: ["firstname", "givenname"],
  lastName: ["lastname", "surname", "familyname"],
  // Tally: points_balance; Smile: points / points balance; LoyaltyLion: points_approved (spendable).
  points: [
    "pointsbalance",
    "points",
    "pointsapproved",
    "approvedpoints",
    "balance",
    "currentpoints",
  ],
  // Smile: vip_tier / VIP tier (name); LoyaltyLion: tier; Tally: tier.
  tier: ["tier", "viptier", "viptiername", "tiername", "loyaltytier", "currenttier"],
  createdAt: ["createdat", "date", "occurredat"],
  entryId: ["entryid", "transactionid"],
  idempotencyKey: ["idempotencykey"],
  kind: ["kind", "type"],
  reason: ["reason", "description", "note"],
  sourceId: [
    "customerid",
    "id",
    "smileid",
    "smilecustomerid",
    "loyaltylionid",
    "lionid",
    "externalid",
  ],
  notImported: [
    "pointspending",
    "pendingpoints",
    "pointsspent",
    "spentpoints",
    "pointsexpired",
    "lifetimepoints",
  ],
  // Smile: date_of_birth ("Date of birth"); LoyaltyLion: birthday, or its month and day flattened
  // (decision 042; formats in readImportedBirthday).
  birthday: ["birthday", "dateofbirth", "dob", "birthdate"],
  birthdayMonth: ["birthdaymonth"],
  birthdayDay: ["birthdayday"],
};

export const normaliseHeader = (header: string) =>
  header
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, "");

export interface ImportLayout {
  kind: ImportKind;
  format: ImportFormat;
  /** Field → column index in the file. */
  columns: Partial<Record<Field, number>>;
  /** Header names of the columns Tally does not use, as written in the file. */
  ignored: string[];
  /** The file's column separator: says how numbers are written (decimal comma or point). */
  delimiter: string;
  /** Cells in the header row. */
  width: number;
}

export type LayoutResult = { ok: true; layout: ImportLayout } | FileRefused;

/**
 * The meaning of each column, from the header row. `mapping` (field → header name, from the
 * mapping step) wins over the recognised names.
 */
export function detectLayout(
  header: readonly string[],
  kind: ImportKind,
  options: { delimiter?: string; mapping?: Partial<Record<MappableField, string>> } = {},
): LayoutResult {
  const names = header.map(normaliseHeader);
  const columns: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();
  for (const [field, name] of Object.entries(options.mapping ?? {}) as [MappableField, string][]) {
    if (!name) continue;
    const index = names.indexOf(normaliseHeader(name));
    if (index < 0) return refuseFile({ code: "mappedColumnMissing", values: { name, field } });
    columns[field] = index;
    taken.add(index);
  }
  // In a history file `id` is the entry's id (Tally's ledger export names it entry_id).
  const aliases = (field: Field) =>
    kind === "history" && field === "entryId"
      ? [...ALIASES.entryId, "id"]
      : kind === "history" && field === "sourceId"
        ? ALIASES.sourceId.filter((alias) => alias !== "id")
        : ALIASES[field];
  for (const field of IMPORT_FIELDS) {
    if (columns[field] !== undefined) continue;
    // The first alias present wins, so "points_balance" beats a generic "balance".
    for (const alias of aliases(field)) {
      const index = names.findIndex((name, at) => name === alias && !taken.has(at));
      if (index >= 0) {
        if (field !== "notImported") columns[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  // Every column not read is named in the result, recognised or not.
  const used = new Set(
    Object.entries(columns)
      .filter(([field]) => field !== "sourceId")
      .map(([, index]) => index),
  );
  const ignored = header
    .map((name, index) => (used.has(index) ? null : name.replace(/^\ufeff/, "").trim()))
    .filter((name): name is string => Boolean(name));
  const format: ImportFormat =
    names.includes("pointsapproved") || names.includes("merchantid")
      ? "loyaltylion"
      : names.includes("shopifycustomerid")
        ? "native"
        : "smile";
  if (columns.shopifyCustomerId === undefined && columns.email === undefined) {
    return refuseFile(
      columns.sourceId !== undefined
        ? {
            code: "customerColumnIsSourceId",
            values: { column: header[columns.sourceId]?.trim() ?? "" },
          }
        : { code: "customerColumnMissing" },
    );
  }
  if ((columns.birthdayMonth === undefined) !== (columns.birthdayDay === undefined))
    return refuseFile({ code: "birthdayHalf" });
  const birthdays = columns.birthday !== undefined || columns.birthdayMonth !== undefined;
  if (
    kind === "balances" &&
    columns.points === undefined &&
    columns.tier === undefined &&
    !birthdays
  )
    return refuseFile({ code: "balancesColumnsMissing" });
  if (kind === "history" && columns.points === undefined)
    return refuseFile({ code: "historyPointsMissing" });
  if (kind === "history" && columns.createdAt === undefined)
    return refuseFile({ code: "historyDateMissing" });
  return {
    ok: true,
    layout: {
      kind,
      format,
      columns,
      ignored,
      delimiter: options.delimiter ?? ",",
      width: header.length,
    },
  };
}

export interface ImportRow {
  shopifyCustomerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Null in a file without a points column (Smile's VIP tier file). */
  points: number | null;
  tier: string | null;
  createdAt: Date | null;
  reason: string | null;
  /** History: the entry's id in the file (Tally's ledger export: its LedgerEntry id). */
  entryId: string | null;
  /** History: the entry's idempotency key in Tally's ledger export. */
  idempotencyKey: string | null;
  /**
   * History: the row's identity in the file (entry id, or a hash of its content). Null in a
   * balances file, whose rows are told apart by their customer (the hash was ≈ 1 µs a row there).
   */
  identity: string | null;
  /** Balances: the member's birthday (month and day) when the file has one. */
  birthday: Birthday | null;
}

const MAX_POINTS = 100_000_000;

/**
 * Why a row's points cannot be added to a member's figures, or null when they can: many history rows
 * of one member could otherwise pass what a member's figures can hold, and on PostgreSQL fail the
 * whole batch with a database error instead of this row with a message.
 */
export function memberPointsOverflow(
  member: { balance: number; lifetimeEarned: number },
  points: number,
): RowRefused | null {
  const balance = member.balance + points;
  const lifetime = member.lifetimeEarned + Math.max(0, points);
  if (Math.abs(balance) <= MAX_MEMBER_POINTS && lifetime <= MAX_MEMBER_POINTS) return null;
  return refuseRow({
    code: "memberOverflow",
    values: {
      points,
      figure: Math.abs(balance) > MAX_MEMBER_POINTS ? "balance" : "lifetime",
      limit: MAX_MEMBER_POINTS,
    },
  });
}

const GROUPED_SPACE = /^-?\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+$/;
const GROUPED_COMMA = /^-?\d{1,3}(?:,\d{3})+$/;
const GROUPED_DOT = /^-?\d{1,3}(?:\.\d{3})+$/;

/**
 * A whole number of points as spreadsheets write it. Accepted: plain digits; groups of three
 * separated by a space, no-break space or apostrophe (any locale); by commas in a comma-separated
 * file (English locales, where the decimal mark is a point); by points in a `;`-separated file
 * (locales whose decimal mark is a comma). Anything else — a decimal ("1,5", "12.5") or a grouping
 * that could be a decimal ("52,620" in a `;` file) — is refused with the reason, never guessed.
 */
export function parseWholeNumber(
  raw: string,
  delimiter: string,
): { ok: true; value: number } | RowRefused {
  const text = raw.trim().replace(/^\+/, "").replace(/^[−–]/, "-");
  const decimalComma = delimiter !== ",";
  let digits: string | null = null;
  if (/^-?\d+$/.test(text)) digits = text;
  else if (GROUPED_SPACE.test(text)) digits = text.replace(/[ \u00a0\u202f'’]/g, "");
  else if (!decimalComma && GROUPED_COMMA.test(text)) digits = text.replace(/,/g, "");
  else if (decimalComma && GROUPED_DOT.test(text)) digits = text.replace(/\./g, "");
  if (digits !== null) return { ok: true, value: Number(digits) };
  if (decimalComma && GROUPED_COMMA.test(text))
    return refuseRow({ code: "pointsAmbiguousComma", values: { raw, delimiter } });
  if (!decimalComma && GROUPED_DOT.test(text))
    return refuseRow({ code: "pointsAmbiguousPoint", values: { raw } });
  return refuseRow({ code: "pointsNotWhole", values: { raw } });
}

/** A text cell as a spreadsheet export wrote it, without the apostrophe that defused a formula. */
export function readText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function parseImportRow(
  layout: ImportLayout,
  record: readonly string[],
): { ok: true; row: ImportRow } | RowRefused {
  const cell = (field: Field): string | null => {
    const index = layout.columns[field];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value ? readText(value) : null;
  };
  // More cells than the header: a separator inside an unquoted value, e.g. points written 1,5.
  if (record.slice(layout.width).some((value) => value.trim()))
    return refuseRow({
      code: "extraCells",
      values: { cells: record.length, width: layout.width, delimiter: layout.delimiter },
    });
  let shopifyCustomerId = cell("shopifyCustomerId");
  const gid = shopifyCustomerId?.match(/^gid:\/\/shopify\/Customer\/(\d+)$/);
  if (gid) shopifyCustomerId = gid[1];
  if (shopifyCustomerId !== null && !/^\d{1,20}$/.test(shopifyCustomerId))
    return refuseRow({ code: "notShopifyId", values: { id: shopifyCustomerId } });
  const email = cell("email")?.toLowerCase() ?? null;
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
    return refuseRow({ code: "notEmail", values: { email } });
  if (shopifyCustomerId === null && email === null) return refuseRow({ code: "noCustomer" });

  let points: number | null = null;
  const rawPoints = cell("points");
  if (layout.columns.points !== undefined) {
    if (rawPoints === null) {
      if (layout.kind === "history" || layout.columns.tier === undefined)
        return refuseRow({ code: "pointsMissing" });
    } else {
      const parsed = parseWholeNumber(rawPoints, layout.delimiter);
      if (!parsed.ok) return parsed;
      points = parsed.value;
      if (Math.abs(points) > MAX_POINTS)
        return refuseRow({ code: "pointsBeyondLimit", values: { points, limit: MAX_POINTS } });
      if (layout.kind === "balances" && points < 0) return refuseRow({ code: "negativeBalance" });
    }
  }

  let createdAt: Date | null = null;
  const rawDate = cell("createdAt");
  if (rawDate !== null && layout.kind === "history") {
    createdAt = new Date(rawDate);
    if (Number.isNaN(createdAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(rawDate))
      return refuseRow({ code: "notIsoDate", values: { raw: rawDate } });
  }
  if (layout.kind === "history" && createdAt === null) return refuseRow({ code: "dateMissing" });

  let birthday: Birthday | null = null;
  const month = cell("birthdayMonth");
  const rawBirthday =
    cell("birthday") ?? (month !== null ? `${month}-${cell("birthdayDay") ?? ""}` : null);
  if (rawBirthday !== null && layout.kind === "balances") {
    const read = readImportedBirthday(rawBirthday);
    if (!read.ok) return read;
    birthday = read.birthday;
  }

  const customerKey = shopifyCustomerId ? `id:${shopifyCustomerId}` : `email:${email}`;
  const kind = cell("kind");
  const reason = [kind, cell("reason")].filter(Boolean).join(": ") || null;
  const entryId = layout.kind === "history" ? cell("entryId") : null;
  const identity =
    layout.kind !== "history"
      ? null
      : (entryId ??
        createHash("sha256")
          .update(JSON.stringify([customerKey, createdAt?.toISOString(), points, reason]))
          .digest("hex")
          .slice(0, 32));
  return {
    ok: true,
    row: {
      shopifyCustomerId,
      email,
      firstName: cell("firstName"),
      lastName: cell("lastName"),
      points,
      tier: cell("tier"),
      createdAt,
      reason,
      entryId,
      idempotencyKey: layout.kind === "history" ? cell("idempotencyKey") : null,
      identity: identity === null ? null : `history:${identity}`,
      birthday,
    },
  };
}
