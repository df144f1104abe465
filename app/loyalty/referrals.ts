// Refer a friend (decision 036): codes, the fraud rules and the referral's life, as pure functions.
// A referral starts when the friend opens the advocate's link (`pending`: the friend has a code),
// is `qualified` by the friend's first paid order, and `completed` (the advocate is paid) once the
// program's return window has passed; a refund or cancellation inside the window `reversed` it.
// Fraud screening either `rejected` it (self-referral, not a first order, the weekly limit) or
// `held` it for staff, who approve (back to qualified) or reject it.

export type ReferralStatus =
  "pending" | "qualified" | "held" | "completed" | "reversed" | "rejected";

export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  "pending",
  "qualified",
  "held",
  "completed",
  "reversed",
  "rejected",
];

const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ["qualified", "held", "rejected"],
  qualified: ["completed", "reversed"],
  held: ["qualified", "rejected", "reversed"],
  completed: [],
  reversed: [],
  rejected: [],
};

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a referral can move to `to` from (the guard of a compare-and-set update). */
export function statusesBefore(to: ReferralStatus): ReferralStatus[] {
  return REFERRAL_STATUSES.filter((from) => canTransition(from, to));
}

/** Without look-alikes (0/O, 1/I/L): codes are read aloud and typed from screenshots. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const REFERRAL_CODE_LENGTH = 8;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`);

/** An advocate's code from random bytes (at least REFERRAL_CODE_LENGTH of them). */
export function referralCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < REFERRAL_CODE_LENGTH)
    throw new Error(`A referral code needs ${REFERRAL_CODE_LENGTH} random bytes`);
  return Array.from(bytes.subarray(0, REFERRAL_CODE_LENGTH), (byte) => {
    return CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }).join("");
}

/** The code as typed or linked (any case, stray spaces), or null when it cannot be a code. */
export function parseReferralCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * One mailbox, one text: lower case, without a `+tag`, and for Gmail without dots (Gmail ignores
 * them) and with googlemail.com read as gmail.com. Null for anything that is not an address.
 */
export function normaliseEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return null;
  let local = trimmed.slice(0, at).split("+")[0];
  let domain = trimmed.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return local ? `${local}@${domain}` : null;
}

export interface PostalAddress {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zip?: string | null;
  countryCode?: string | null;
}

/**
 * A comparable key of a shipping address: street lines, postcode and country, lower case, with
 * punctuation and spacing removed ("12 Main St." = "12 main st"). Null without a street or postcode.
 */
export function shippingAddressKey(address: PostalAddress | null | undefined): string | null {
  if (!address) return null;
  const clean = (value: string | null | undefined) =>
    (value ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const street = clean(address.address1) + clean(address.address2);
  const zip = clean(address.zip);
  if (!street || !zip) return null;
  return [street, zip, clean(address.countryCode)].join("|");
}

export interface ReferralParty {
  customerId: string | null;
  email: string | null;
  /** shippingAddressKey of the friend's order; for the advocate, those of their past orders. */
  shippingKeys: readonly string[];
}

export type SelfReferral = "same_customer" | "same_email" | "same_address";

export function selfReferral(advocate: ReferralParty, friend: ReferralParty): SelfReferral | null {
  if (friend.customerId !== null && friend.customerId === advocate.customerId)
    return "same_customer";
  const friendEmail = normaliseEmail(friend.email);
  if (friendEmail !== null && friendEmail === normaliseEmail(advocate.email)) return "same_email";
  if (friend.shippingKeys.some((key) => advocate.shippingKeys.includes(key))) return "same_address";
  return null;
}

export type ReferralRejection = SelfReferral | "not_first_order" | "weekly_limit";
export type ReferralHold = "ip_volume";

export interface ReferralScreen {
  advocate: ReferralParty;
  friend: ReferralParty;
  /** Paid orders of the friend's customer before this one (any order, referred or not). */
  friendEarlierOrders: number;
  /** The advocate's referrals qualified, held or completed in the 7 days before this order. */
  advocateReferralsThisWeek: number;
  /** Referral links opened from the friend's IP address in the 7 days before the friend's. */
  linksFromIpThisWeek: number;
  rule: { advocateWeeklyLimit: number; ipWeeklyHold: number };
}

export type ScreenOutcome =
  | { status: "qualified" }
  | { status: "rejected"; reason: ReferralRejection }
  | { status: "held"; reason: ReferralHold };

/** What the friend's first paid order does to a pending referral. Rejections come before holds. */
export function screenReferral(screen: ReferralScreen): ScreenOutcome {
  const self = selfReferral(screen.advocate, screen.friend);
  if (self) return { status: "rejected", reason: self };
  if (screen.friendEarlierOrders > 0) return { status: "rejected", reason: "not_first_order" };
  const limit = screen.rule.advocateWeeklyLimit;
  if (limit > 0 && screen.advocateReferralsThisWeek >= limit)
    return { status: "rejected", reason: "weekly_limit" };
  if (screen.linksFromIpThisWeek >= screen.rule.ipWeeklyHold)
    return { status: "held", reason: "ip_volume" };
  return { status: "qualified" };
}

export const WEEK_MS = 7 * 86_400_000;

/** When a qualified referral may complete: the friend's order date plus the return window. */
export function completesAt(orderPlacedAt: Date, pendingDays: number): Date {
  return new Date(orderPlacedAt.getTime() + pendingDays * 86_400_000);
}

/** A refund or cancellation reverses the referral only inside the window (before it completes). */
export function reversalApplies(status: ReferralStatus): boolean {
  return canTransition(status, "reversed");
}

export const REFERRAL_REASON_TEXT: Record<ReferralRejection | ReferralHold | "staff", string> = {
  same_customer: "The friend is the advocate",
  same_email: "The friend's email is the advocate's",
  same_address: "The friend ships to one of the advocate's addresses",
  not_first_order: "Not the friend's first order",
  weekly_limit: "The advocate reached the weekly referral limit",
  ip_volume: "Many referral links opened from one IP address this week",
  staff: "Rejected by staff",
};
