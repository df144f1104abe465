// A member named by their Tally id, or by their shop and Shopify customer id before their row has
// been read: reads about them can then be sent together with the read of the row itself (one
// round trip on PostgreSQL, SqlDatabase.readTogether), each finding the member by a subquery.
export type MemberKey = string | { shop: string; shopifyCustomerId: string };

/** SQL that stands for the member's Tally id (NULL when there is no such member), with its parameters. */
export function memberIdSql(member: MemberKey): { sql: string; params: unknown[] } {
  return typeof member === "string"
    ? { sql: "?", params: [member] }
    : {
        sql: `(SELECT id FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?)`,
        params: [member.shop, member.shopifyCustomerId],
      };
}
