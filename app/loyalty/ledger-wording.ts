// What one points-history entry means, in the words staff use ("Order #368 paid", "Adjusted by
// staff: a goodwill gesture"), for the admin's member page, in the staff member's language (the
// words are passed in; English by default). The shopper's history keeps its own, shopper-facing
// wording (loyalty/history-line.ts). Pure.
import { en, type Messages } from "../i18n/en";
import { historyLine } from "./history-line";

type LedgerWords = Messages["ledger"];

export interface LedgerEntryFacts {
  kind: string;
  points: number;
  reason: string | null;
  staffId: string | null;
  orderName: string | null;
}

export function describeLedgerEntry(
  entry: LedgerEntryFacts,
  words: LedgerWords = en.ledger,
): string {
  const reason = entry.reason?.trim() || null;
  const written = entry.orderName ? null : appWritten(entry.kind, reason, words);
  if (written) return written;
  switch (entry.kind) {
    case "earn":
      if (entry.orderName) return words.orderPaid(entry.orderName);
      return reason ?? words.pointsEarned;
    case "reverse":
      if (entry.orderName) return words.orderReversed(entry.orderName);
      return reason ? words.reversed(reason) : words.pointsReversed;
    case "redeem":
      return words.redeemed(reason);
    case "release":
      return words.returned;
    case "expire":
      return words.expired;
    case "adjust":
      return words.adjusted(reason, entry.staffId);
    case "import":
      return reason ? words.imported(reason) : words.importedPrevious;
    default:
      return [reason ?? entry.kind, entry.orderName ? words.order(entry.orderName) : null]
        .filter(Boolean)
        .join(" · ");
  }
}

/** A reason the app wrote itself (a bonus, a badge, points taken back), in the given words. */
function appWritten(kind: string, reason: string | null, words: LedgerWords): string | null {
  // Staff adjustments and imports show their reason as typed, whatever it says.
  if (kind !== "earn" && kind !== "redeem") return null;
  const line = historyLine(kind, reason, null);
  if (line.key === "takenBack") return words.takenBack(line.values.code, line.values.order);
  if (line.key === "badge") return words.badge(line.values.badge);
  if (line.key in words.bonus) return words.bonus[line.key as keyof LedgerWords["bonus"]];
  return null;
}

/** A redemption's status as staff read it. */
export const describeRedemptionStatus = (status: string, words: LedgerWords = en.ledger) =>
  words.redemptionStatus[status] ?? status;
