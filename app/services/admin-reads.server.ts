// Reads the admin pages make as stored, with no rule between the page and the row: routes reach
// them here (they import no model; issue 23), services bound by ~/services/process-handles.server.
import type { Db } from "../db.server";

export { failStaleImports, importOfShop, importsPage } from "../models/data-import.server";
export {
  countMembers,
  InvalidCursorError,
  listMembers,
  MEMBER_SORTS,
  SEARCH_CANDIDATES,
} from "../models/member-list.server";
export { currentProgramVersion, serializeProgram } from "../models/program.server";
export { deleteReward, findReward, listRewards } from "../models/reward.server";
export { shopCurrency } from "../models/shop.server";

/** The shop's three latest order backfills, newest first (the import page's history). */
export function recentBackfills(db: Db, shop: string) {
  return db.backfill.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: 3 });
}

/** Whether the shop has any member at all (an empty members page says how members join). */
export async function hasMembers(db: Db, shop: string): Promise<boolean> {
  return (await db.customer.findFirst({ where: { shop }, select: { id: true } })) !== null;
}
