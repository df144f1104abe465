// Reading rows of a members/history CSV (docs/csv-import.md): which columns mean what in Tally's own
// format and in Smile.io's and LoyaltyLion's customer exports, and row-by-row validation. Pure.
import { createHash } from "node:crypto";
import { MAX_MEMBER_POINTS } from "./balance";

export type ImportKind = "balances" | "history";
export type ImportFormat = "native" | "smile" | "loyaltylion";

type Field =
  | "shopifyCustomerId"
  | "email"
  | "firstName"
  | "lastName"
  | "points"
  | "tier"
  | "createdAt"
  | "entryId"
  | "kind"
  | "reason";

/** Header names per field, compared lower-case with spaces, dashes and underscores removed. */
const ALIASES: Record<Field, string[]> = {
  // Tally's export: shopify_customer_id; LoyaltyLion's customer export: merchant_id (the platform's customer id).
  shopifyCustomerId: ["shopifycustomerid", "shopifyid", "customerid", "merchantid"],
  email: ["email", "emailaddress", "customeremail"],
  firstName: ["firstname"],
  lastName: ["lastname"],
  // Tally: points_balance; Smile.io: points / points_balance; LoyaltyLion: points_approved (spendable).
  points: ["pointsbalance", "points", "pointsapproved", "approvedpoints", "balance"],
  tier: ["tier", "viptier", "tiername", "loyaltytier", "currenttier"],
  createdAt: ["createdat", "date", "occurredat"],
  entryId: ["entryid", "id", "transactionid"],
  kind: ["kind", "type"],
  reason: ["reason", "description", "note"],
};

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, "");

export interface ImportLayout {
  kind: ImportKind;
  format: ImportFormat;
  /** Field → column index in the file. */
  columns: Partial<Record<Field, number>>;
}

export function detectLayout(
  header: readonly string[],
  kind: ImportKind,
): { ok: true; layout: ImportLayout } | { ok: false; message: string } {
  const names = header.map(normalise);
  const columns: Partial<Record<Field, number>> = {};
  for (const field of Object.keys(ALIASES) as Field[]) {
    // The first alias present wins, so "points_balance" beats a generic "balance".
    for (const alias of ALIASES[field]) {
      const index = names.indexOf(alias);
      if (index >= 0) {
        columns[field] = index;
        break;
      }
    }
  }
  const format: ImportFormat =
    names.includes("pointsapproved") || names.includes("merchantid")
      ? "loyaltylion"
      : names.includes("shopifycustomerid")
        ? "native"
        : "smile";
  if (columns.shopifyCustomerId === undefined && columns.email === undefined)
    return {
      ok: false,
      message:
        "The file needs a customer column: shopify_customer_id (or customer_id, merchant_id) or email.",
    };
  if (columns.points === undefined)
    return {
      ok: false,
      message: `The file needs a points column: ${kind === "history" ? "points" : "points_balance, points or points_approved"}.`,
    };
  if (kind === "history" && columns.createdAt === undefined)
    return {
      ok: false,
      message: "A history file needs a created_at column (the date of each entry).",
    };
  return { ok: true, layout: { kind, format, columns } };
}

export interface ImportRow {
  /** Stable identity of the row in the file: the ledger idempotency key is derived from it. */
  identity: string;
  shopifyCustomerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  points: number;
  tier: string | null;
  createdAt: Date | null;
  reason: string | null;
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
): string | null {
  const balance = member.balance + points;
  const lifetime = member.lifetimeEarned + Math.max(0, points);
  if (Math.abs(balance) <= MAX_MEMBER_POINTS && lifetime <= MAX_MEMBER_POINTS) return null;
  const limit = MAX_MEMBER_POINTS.toLocaleString("en");
  return `These ${points.toLocaleString("en")} points would take the member's ${Math.abs(balance) > MAX_MEMBER_POINTS ? "balance" : "lifetime points"} past ${limit}, the most one member can hold; the row was not applied.`;
}

export function parseImportRow(
  layout: ImportLayout,
  record: readonly string[],
): { ok: true; row: ImportRow } | { ok: false; message: string } {
  const cell = (field: Field): string | null => {
    const index = layout.columns[field];
    const value = index === undefined ? undefined : record[index]?.trim();
    return value ? value : null;
  };
  let shopifyCustomerId = cell("shopifyCustomerId");
  const gid = shopifyCustomerId?.match(/^gid:\/\/shopify\/Customer\/(\d+)$/);
  if (gid) shopifyCustomerId = gid[1];
  if (shopifyCustomerId !== null && !/^\d{1,20}$/.test(shopifyCustomerId))
    return {
      ok: false,
      message: `Customer id "${shopifyCustomerId}" is not a Shopify customer id (digits only).`,
    };
  const email = cell("email")?.toLowerCase() ?? null;
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
    return { ok: false, message: `"${email}" is not an email address.` };
  if (shopifyCustomerId === null && email === null)
    return {
      ok: false,
      message: "No customer id and no email: the row cannot be matched to a customer.",
    };

  const rawPoints = cell("points");
  if (rawPoints === null) return { ok: false, message: "Points are missing." };
  if (!/^-?\d+$/.test(rawPoints.replace(/,/g, "")))
    return { ok: false, message: `Points "${rawPoints}" must be a whole number.` };
  const points = Number(rawPoints.replace(/,/g, ""));
  if (Math.abs(points) > MAX_POINTS)
    return {
      ok: false,
      message: `Points ${points} are beyond the ${MAX_POINTS.toLocaleString("en")} limit.`,
    };
  if (layout.kind === "balances" && points < 0)
    return { ok: false, message: "A balance cannot be negative." };

  let createdAt: Date | null = null;
  const rawDate = cell("createdAt");
  if (rawDate !== null) {
    createdAt = new Date(rawDate);
    if (Number.isNaN(createdAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(rawDate))
      return {
        ok: false,
        message: `Date "${rawDate}" is not an ISO date (2025-06-01 or 2025-06-01T10:00:00Z).`,
      };
  }
  if (layout.kind === "history" && createdAt === null)
    return { ok: false, message: "The entry's created_at date is missing." };

  const customerKey = shopifyCustomerId ? `id:${shopifyCustomerId}` : `email:${email}`;
  const kind = cell("kind");
  const reason = [kind, cell("reason")].filter(Boolean).join(": ") || null;
  // Balances: one opening balance per customer. History: the file's entry id, or the row's content.
  const identity =
    layout.kind === "balances"
      ? `balance:${customerKey}`
      : `history:${
          cell("entryId") ??
          createHash("sha256")
            .update(JSON.stringify([customerKey, createdAt?.toISOString(), points, reason]))
            .digest("hex")
            .slice(0, 32)
        }`;
  return {
    ok: true,
    row: {
      identity,
      shopifyCustomerId,
      email,
      firstName: cell("firstName"),
      lastName: cell("lastName"),
      points,
      tier: cell("tier"),
      createdAt,
      reason,
    },
  };
}
