// What staff see of a customer at POS (GET /api/pos/customers/:id, decision 043): balance, tier
// progress, the rewards of their tier and the next points to expire. Read-only: unlike the
// shopper's own first call it pays no first-login bonus and creates no referral code.
import type { PosCustomerLoyalty } from "../contracts/shopper-api";
import { decode, type Sql } from "../db/sql.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { expiringOf, memberStanding } from "./shopper-loyalty.server";

export async function posCustomerLoyalty(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  now: Date,
): Promise<PosCustomerLoyalty> {
  const program = await programOfVersion(sql, shop.programVersionId);
  const [row] = await sql.rows(
    `SELECT id, "tierName", balance, pending FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`,
    [shop.shop, shopifyCustomerId],
  );
  const member = row
    ? {
        id: String(row.id),
        tierName: (row.tierName as string | null) ?? null,
        balance: decode.int(row.balance),
        pending: decode.int(row.pending),
      }
    : null;
  const { figures } = await memberStanding(sql, shop, program, member, now);
  return {
    member: member !== null,
    ...figures,
    expiring: member
      ? await expiringOf(sql, program, member.id, Promise.resolve(member), now)
      : null,
  };
}
