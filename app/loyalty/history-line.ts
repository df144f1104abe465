// A shopper's points-history entry as a key and values ({ key: "order", values: { order: "#1042" } })
// that the customer account extension words in the shopper's language from its own locales; the
// ledger keeps the kind, the order and a reason written in English by the app. System reasons map
// to their own keys; a reason written by staff or an import is shown as written. Pure.

export interface HistoryLine {
  key: HistoryLineKey;
  values: Record<string, string>;
}

export type HistoryLineKey =
  | "order"
  | "orderReversed"
  | "redeemed"
  | "takenBack"
  | "returned"
  | "expired"
  | "signupBonus"
  | "firstLoginBonus"
  | "birthdayBonus"
  | "welcomeBonus"
  | "referralBonus"
  | "badge"
  | "text";

// The reasons the app itself writes (services/*: enrolment, first-login, birthdays, journeys,
// referrals, badges, redemption-usage).
const SYSTEM_REASONS: Record<string, HistoryLineKey> = {
  "signup bonus": "signupBonus",
  "First login bonus": "firstLoginBonus",
  "Birthday bonus": "birthdayBonus",
  "Welcome bonus": "welcomeBonus",
  "Referral bonus": "referralBonus",
};
const BADGE = /^Badge: (.+)$/;
const TAKEN_BACK =
  /^Points taken back because the released reward code (\S+) was used on order (.+)$/;

export function historyLine(
  kind: string,
  reason: string | null,
  orderName: string | null,
): HistoryLine {
  if (orderName)
    return { key: kind === "reverse" ? "orderReversed" : "order", values: { order: orderName } };
  const takenBack = kind === "redeem" ? reason?.match(TAKEN_BACK) : null;
  if (takenBack) return { key: "takenBack", values: { code: takenBack[1], order: takenBack[2] } };
  if (kind === "redeem") return { key: "redeemed", values: { reward: reason ?? "—" } };
  if (kind === "release") return { key: "returned", values: {} };
  if (kind === "expire") return { key: "expired", values: {} };
  const system = reason ? SYSTEM_REASONS[reason] : undefined;
  if (system) return { key: system, values: {} };
  const badge = reason?.match(BADGE);
  if (badge) return { key: "badge", values: { badge: badge[1] } };
  return { key: "text", values: { text: reason ?? kind } };
}
