// What one points-history entry means, in the words staff use ("Order #368 paid", "Adjusted by
// staff: a goodwill gesture"), for the admin's member page. The shopper's history keeps its own,
// shopper-facing wording (services/shopper-loyalty.server.ts). Pure.

export interface LedgerEntryFacts {
  kind: string;
  points: number;
  reason: string | null;
  staffId: string | null;
  orderName: string | null;
}

export function describeLedgerEntry(entry: LedgerEntryFacts): string {
  const reason = entry.reason?.trim() || null;
  const staff = entry.staffId ? ` (staff ${entry.staffId})` : "";
  switch (entry.kind) {
    case "earn":
      if (entry.orderName) return `Order ${entry.orderName} paid`;
      return reason ?? "Points earned";
    case "reverse":
      if (entry.orderName) return `Order ${entry.orderName} refunded or cancelled`;
      return reason ? `Reversed: ${reason}` : "Points reversed";
    case "redeem":
      if (reason?.startsWith("Points taken back")) return reason;
      return `Redeemed: ${reason ?? "a reward"}`;
    case "release":
      return "Returned: the reward code was not used";
    case "expire":
      return "Points expired";
    case "adjust":
      return `Adjusted by staff: ${reason ?? "no reason given"}${staff}`;
    case "import":
      return reason ? `Imported: ${reason}` : "Imported from the previous loyalty app";
    default:
      return [reason ?? entry.kind, entry.orderName ? `order ${entry.orderName}` : null]
        .filter(Boolean)
        .join(" · ");
  }
}

/** A redemption's status as staff read it. */
export const REDEMPTION_STATUS: Record<string, string> = {
  reserved: "Being issued",
  issued: "Code issued, not used yet",
  used: "Used",
  released: "Not used: points returned",
  expired: "Expired",
  failed: "Failed: points returned",
};

export const describeRedemptionStatus = (status: string) => REDEMPTION_STATUS[status] ?? status;
