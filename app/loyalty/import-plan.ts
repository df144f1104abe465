// What one row of a balances file does to a member (decision 031), and the running summary a dry
// run shows. A balances file states the balance a member should have *from that source*: the
// first import credits it, importing it again — or the same member under another key (id, email)
// — changes nothing, and a different stated balance changes the member by the difference only.
// Tally's own members export states the member's whole Tally balance: it is credited only where it
// is higher than what the member has. Pure.
import type { ImportFormat } from "./import-rows";
import { memberPointsOverflow } from "./import-rows";
import { refuseRow, type ImportProblem, type RowRefused } from "./import-problem";

/** The app a balances file comes from; imported balances are kept per source. */
export type ImportSource = "tally" | "smile" | "loyaltylion";
export const sourceOf = (format: ImportFormat): ImportSource =>
  format === "native" ? "tally" : format;
export const SOURCE_NAMES: Record<ImportSource, string> = {
  tally: "Tally export",
  smile: "Smile.io",
  loyaltylion: "LoyaltyLion",
};

export interface MemberState {
  balance: number;
  lifetimeEarned: number;
  /** The stored tier (null: never assigned, i.e. the program's first tier). */
  tierName: string | null;
  tierOverride: string | null;
  /** Points imported from this source so far (the sum of its import entries). */
  importedFromSource: number;
}

export type BalancePlan =
  | { outcome: "change"; points: number; tier: string | null }
  | { outcome: "already" }
  | { outcome: "nothing" }
  | { outcome: "rejected"; message: string; problem: ImportProblem };

const rejected = ({ message, problem }: RowRefused): BalancePlan => ({
  outcome: "rejected",
  message,
  problem,
});

/** The row's effect: points to credit (or debit) and the tier to set. */
export function planBalance(
  row: { points: number | null; tier: string | null },
  member: MemberState,
  source: ImportSource,
  tiers: readonly string[],
): BalancePlan {
  let tier: string | null = null;
  if (row.tier !== null) {
    const name = tiers.find((candidate) => candidate.toLowerCase() === row.tier!.toLowerCase());
    if (!name)
      return rejected(
        refuseRow({ code: "unknownTier", values: { tier: row.tier, tiers: [...tiers] } }),
      );
    // No stored tier, or one the program no longer has, is the entry tier (as everywhere else):
    // a file naming the tier the member holds (Tally's own export does) changes nothing.
    const held =
      member.tierName !== null && tiers.includes(member.tierName) ? member.tierName : tiers[0];
    // A tier staff pinned stays; the file's tier is only set over an unpinned one.
    if (name !== held && member.tierOverride === null) tier = name;
  }
  let points = 0;
  if (row.points !== null)
    points =
      source === "tally"
        ? Math.max(0, row.points - member.balance)
        : row.points - member.importedFromSource;
  if (points !== 0) {
    const overflow = memberPointsOverflow(member, points);
    if (overflow) return rejected(overflow);
  }
  if (points === 0 && tier === null)
    return (row.points ?? 0) === 0 && row.tier === null && member.importedFromSource === 0
      ? { outcome: "nothing" }
      : { outcome: "already" };
  return { outcome: "change", points, tier };
}

/** What a file does (dry run) or did (import), beyond the row counts. */
export interface ImportSummary {
  /** Rows matched to customers who are already members of Tally. */
  membersMatched: number;
  /** Shopify customers who become members. */
  newMembers: number;
  pointsAdded: number;
  pointsRemoved: number;
  /** Net points credited, by the tier the member holds after the import. */
  pointsByTier: Record<string, number>;
  tierChanges: number;
  /** Members whose birthday the file sets (they had none). Absent from summaries made before. */
  birthdaysSet: number;
}

export const emptySummary = (): ImportSummary => ({
  membersMatched: 0,
  newMembers: 0,
  pointsAdded: 0,
  pointsRemoved: 0,
  pointsByTier: {},
  tierChanges: 0,
  birthdaysSet: 0,
});

export function addToSummary(
  summary: ImportSummary,
  effect: {
    newMember: boolean;
    points: number;
    tierAfter: string;
    tierChanged: boolean;
    birthdaySet?: boolean;
  },
): void {
  if (effect.newMember) summary.newMembers++;
  else summary.membersMatched++;
  if (effect.points > 0) summary.pointsAdded += effect.points;
  else summary.pointsRemoved -= effect.points;
  if (effect.points !== 0)
    summary.pointsByTier[effect.tierAfter] =
      (summary.pointsByTier[effect.tierAfter] ?? 0) + effect.points;
  if (effect.tierChanged) summary.tierChanges++;
  if (effect.birthdaySet) summary.birthdaysSet++;
}
