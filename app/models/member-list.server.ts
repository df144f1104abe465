// The admin's members list: search, tier filter, sort and keyset pagination that stay fast at a
// million members (docs/decisions/010). Every branch is an index range read in sort order, with
// LIMIT, so no query sorts or counts the whole shop.
import { decode, type Sql } from "../db/sql.server";
import { foldForSearch } from "../loyalty/search-key";
import { isRecordId } from "../utils/record-id";

export const MEMBER_SORTS = ["balance", "lifetime"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const SORT_COLUMN: Record<MemberSort, string> = {
  balance: "balance",
  lifetime: `"lifetimeEarned"`,
};

export interface MemberListQuery {
  /** Prefix of the email, the name ("first last") or the surname ("last first"); any case and accents. */
  search?: string | null;
  /** Tier names to show; null in the list means "no tier recorded yet" (the entry tier). */
  tierNames?: (string | null)[] | null;
  sort: MemberSort;
  /** Opaque cursor from a previous page's `nextCursor`. */
  after?: string | null;
  /** Opaque cursor from a page's `previousCursor`: the page before it (ignored with `after`). */
  before?: string | null;
  limit: number;
  /** Matches ranked per searched field; SEARCH_CANDIDATES unless a test sets it. */
  candidates?: number;
}

export interface MemberListRow {
  id: string;
  shopifyCustomerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  tierName: string | null;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  orderCount: number;
}

export interface MemberListPage {
  members: MemberListRow[];
  nextCursor: string | null;
  /** The page before this one, when there is one. */
  previousCursor: string | null;
  /** The search matched more than SEARCH_CANDIDATES members per field; only the first ones (in that field's order) are ranked. */
  searchTruncated: boolean;
}

/**
 * A search ranks at most this many matches per searched field (taken in the field's index order),
 * so a one-letter or very common prefix costs the same as a precise one at any shop size. Each
 * candidate's tier and sort values are read from the table (docs/decisions/021), so this bounds a
 * search's cost: 2,000 per field.
 */
export const SEARCH_CANDIDATES = 2000;

export class InvalidCursorError extends Error {
  constructor() {
    super("The page link is invalid or out of date; start from the first page.");
    this.name = "InvalidCursorError";
  }
}

export function encodeCursor(value: number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { value: number; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      isRecordId(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** The smallest string greater than every string starting with `prefix` (binary collation). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/**
 * The ways a typed search can match (decision 035): the folded email, "first last" (a first name or
 * a full name) and "last first" (a surname), each a prefix range over its key's index. What staff
 * type is folded the same way, so case and accents do not matter.
 */
function searchRanges(search: string): { column: string; from: string; to: string }[] {
  const prefix = foldForSearch(search);
  if (!prefix) return [];
  const to = prefixUpperBound(prefix);
  return [`"searchEmail"`, `"searchName"`, `"searchSurname"`].map((column) => ({
    column,
    from: prefix,
    to,
  }));
}

const COLUMNS = `id, "shopifyCustomerId", email, "firstName", "lastName", "tierName", balance, pending, "lifetimeEarned", "orderCount"`;

export async function listMembers(
  sql: Sql,
  shop: string,
  query: MemberListQuery,
): Promise<MemberListPage> {
  const sortColumn = SORT_COLUMN[query.sort];
  const limit = query.limit + 1; // one extra row says whether a next (or previous) page exists
  // Backwards (the previous page): the same index ranges read the other way, then reversed.
  const backwards = !query.after && Boolean(query.before);
  const cursor = query.after
    ? decodeCursor(query.after)
    : query.before
      ? decodeCursor(query.before)
      : null;
  const dir = backwards ? "ASC" : "DESC";
  const search = query.search?.trim() || null;
  const tierNames = query.tierNames?.length ? query.tierNames : [undefined];
  const ranges = search ? searchRanges(search) : [];
  const candidateLimit = query.candidates ?? SEARCH_CANDIDATES;

  const branches: string[] = [];
  const params: unknown[] = [];
  const probes: { text: string; params: unknown[] }[] = [];
  const keyset = cursor ? `(${sortColumn}, id) ${backwards ? ">" : "<"} (?, ?)` : null;
  const keysetParams = cursor ? [cursor.value, cursor.id] : [];
  if (ranges.length) {
    // A search: one branch per searched range. Its candidates are the range's first matches in the
    // searched column's order, taken before the tier filter and independent of the cursor, so every
    // page ranks the same set and a rare tier costs no more than all tiers (a tier filter inside the
    // candidates would read the range until it found enough members of the tier: the whole range for
    // a rare one). The tier and the cursor then filter the candidates.
    const tierValues = tierNames.filter((tier): tier is string | null => tier !== undefined);
    const tierCondition = tierValues.length
      ? `(${tierValues.map((tier) => (tier === null ? `"tierName" IS NULL` : `"tierName" = ?`)).join(" OR ")})`
      : null;
    const tierParams = tierValues.filter((tier) => tier !== null);
    const searchBranches: string[] = [];
    for (const range of ranges) {
      // Only what ranking needs: the range from the searched column's index, the tier and sort values
      // from the table (the indexes leave them out so that balance changes do not rewrite them,
      // docs/decisions/021); the page's other columns are fetched for the chosen rows at the end.
      const candidates = `SELECT id, "tierName", balance, "lifetimeEarned" FROM "Customer" WHERE shop = ? AND ${range.column} >= ? AND ${range.column} < ? ORDER BY ${range.column} LIMIT ${candidateLimit}`;
      const filters = [tierCondition, keyset].filter(Boolean);
      searchBranches.push(
        `SELECT * FROM (SELECT id, balance, "lifetimeEarned" FROM (${candidates}) c${searchBranches.length}${filters.length ? ` WHERE ${filters.join(" AND ")}` : ""} ORDER BY ${sortColumn} ${dir}, id ${dir} LIMIT ${limit}) b${searchBranches.length}`,
      );
      params.push(shop, range.from, range.to, ...tierParams, ...keysetParams);
      // Whether the range has more matches than were ranked, counted over the index alone.
      probes.push({
        text: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Customer" WHERE shop = ? AND ${range.column} >= ? AND ${range.column} < ? LIMIT ${candidateLimit + 1}) p`,
        params: [shop, range.from, range.to],
      });
    }
    // UNION (not ALL): a member found by email and by name is ranked once. The page's rows are then
    // read by primary key (the ids come from this shop's candidates; a shop condition here would
    // let the planner read the shop through an index instead).
    branches.push(
      `SELECT ${COLUMNS} FROM "Customer" WHERE id IN (SELECT id FROM (${searchBranches.join(" UNION ")}) merged ORDER BY ${sortColumn} ${dir}, id ${dir} LIMIT ${limit}) ORDER BY ${sortColumn} ${dir}, id ${dir}`,
    );
  } else {
    // No search: one branch per tier value, each an index range read in the list's order.
    for (const tier of tierNames) {
      const where = [`shop = ?`];
      const branchParams: unknown[] = [shop];
      if (tier === null) where.push(`"tierName" IS NULL`);
      else if (tier !== undefined) {
        where.push(`"tierName" = ?`);
        branchParams.push(tier);
      }
      if (keyset) {
        where.push(keyset);
        branchParams.push(...keysetParams);
      }
      // With a tier, "tierName" leads the ORDER BY although it is constant in the branch: PostgreSQL
      // does not treat `IS NULL` as fixing the column, and would otherwise sort the whole tier.
      const order =
        tier === undefined
          ? `${sortColumn} ${dir}, id ${dir}`
          : `"tierName" ${dir}, ${sortColumn} ${dir}, id ${dir}`;
      branches.push(
        `SELECT * FROM (SELECT ${COLUMNS} FROM "Customer" WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ${limit}) b${branches.length}`,
      );
      params.push(...branchParams);
    }
  }
  const text =
    branches.length === 1
      ? branches[0]
      : // Several tiers: their (disjoint) branches merged and cut to the page again.
        `SELECT * FROM (${branches.join(" UNION ")}) merged ORDER BY ${sortColumn} ${dir}, id ${dir} LIMIT ${limit}`;
  const rows = await sql.rows(text, params);
  let searchTruncated = false;
  for (const probe of probes) {
    const [row] = await sql.rows(probe.text, probe.params);
    if (decode.int(row.n) > candidateLimit) searchTruncated = true;
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map(memberRow);
  const members = backwards ? page.reverse() : page;
  const cursorOf = (member: MemberListRow | undefined) =>
    member
      ? encodeCursor(query.sort === "balance" ? member.balance : member.lifetimeEarned, member.id)
      : null;
  // Forwards, a page after a cursor has one before it; backwards, a page before a cursor has one after.
  const nextCursor = backwards || more ? cursorOf(members.at(-1)) : null;
  const previousCursor = (backwards ? more : Boolean(cursor)) ? cursorOf(members[0]) : null;
  return { members, nextCursor, previousCursor, searchTruncated };
}

function memberRow(row: Record<string, unknown>): MemberListRow {
  return {
    id: String(row.id),
    shopifyCustomerId: String(row.shopifyCustomerId),
    email: (row.email as string | null) ?? null,
    firstName: (row.firstName as string | null) ?? null,
    lastName: (row.lastName as string | null) ?? null,
    tierName: (row.tierName as string | null) ?? null,
    balance: decode.int(row.balance),
    pending: decode.int(row.pending),
    lifetimeEarned: decode.int(row.lifetimeEarned),
    orderCount: decode.int(row.orderCount),
  };
}

/** A list's total is counted up to this many members; beyond it the page says "more than". */
export const COUNT_CAP = 10_000;

export interface MemberCount {
  count: number;
  /** More than COUNT_CAP members match (a search: see the list's `searchTruncated`). */
  atLeast: boolean;
}

/**
 * How many members the list shows in all, read from the same index ranges as the list and cut at
 * COUNT_CAP (a search: among its ranked candidates), so the total costs at most that many index
 * entries at any shop size (decisions 010, 035).
 */
export async function countMembers(
  sql: Sql,
  shop: string,
  query: Pick<MemberListQuery, "search" | "tierNames" | "candidates">,
): Promise<MemberCount> {
  const search = query.search?.trim() || null;
  const ranges = search ? searchRanges(search) : [];
  const tierValues = query.tierNames?.length ? query.tierNames : [];
  const tierCondition = tierValues.length
    ? `(${tierValues.map((tier) => (tier === null ? `"tierName" IS NULL` : `"tierName" = ?`)).join(" OR ")})`
    : null;
  const tierParams = tierValues.filter((tier) => tier !== null);
  if (ranges.length) {
    const candidateLimit = query.candidates ?? SEARCH_CANDIDATES;
    const params: unknown[] = [];
    const branches = ranges.map((range, index) => {
      params.push(shop, range.from, range.to, ...tierParams);
      return `SELECT id FROM (SELECT id, "tierName" FROM "Customer" WHERE shop = ? AND ${range.column} >= ? AND ${range.column} < ? ORDER BY ${range.column} LIMIT ${candidateLimit}) c${index}${tierCondition ? ` WHERE ${tierCondition}` : ""}`;
    });
    const [row] = await sql.rows(
      `SELECT COUNT(*) AS n FROM (${branches.join(" UNION ")}) matches`,
      params,
    );
    // Among the ranked candidates: whether a range holds more is the list's `searchTruncated`.
    return { count: decode.int(row.n), atLeast: false };
  }
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Customer" WHERE shop = ?${tierCondition ? ` AND ${tierCondition}` : ""} LIMIT ${COUNT_CAP + 1}) p`,
    [shop, ...tierParams],
  );
  const count = decode.int(row.n);
  return count > COUNT_CAP ? { count: COUNT_CAP, atLeast: true } : { count, atLeast: false };
}
