import { describe, expect, it } from "vitest";
import { validateProgram } from "./program-schema";
import { DEFAULT_PROGRAM } from "./program";
import {
  canTransition,
  completesAt,
  normaliseEmail,
  parseReferralCode,
  referralCodeFrom,
  reversalApplies,
  screenReferral,
  selfReferral,
  shippingAddressKey,
  type ReferralScreen,
} from "./referrals";

const advocate = { customerId: "a", email: "Ann.Lee+shop@GoogleMail.com", shippingKeys: ["k1"] };
const friend = { customerId: "f", email: "bob@example.com", shippingKeys: ["k2"] };
const screen = (over: Partial<ReferralScreen> = {}): ReferralScreen => ({
  advocate,
  friend,
  friendEarlierOrders: 0,
  advocateReferralsThisWeek: 0,
  linksFromIpThisWeek: 0,
  rule: { advocateWeeklyLimit: 5, ipWeeklyHold: 3 },
  ...over,
});

describe("referral codes", () => {
  it("makes 8-character codes without look-alikes and reads them back in any case", () => {
    const code = referralCodeFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 200, 255]));
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(parseReferralCode(` ${code.toLowerCase()} `)).toBe(code);
    for (const junk of ["", "ABC", "ABCDEFG0", "ABCDEFGHJ", "ABCD EFG", "../admin"])
      expect(parseReferralCode(junk)).toBeNull();
    expect(() => referralCodeFrom(new Uint8Array(4))).toThrow(/8 random bytes/);
  });
});

describe("normalised email", () => {
  it("drops +tags everywhere, and dots and googlemail for Gmail only", () => {
    expect(normaliseEmail(" A+x@Example.com ")).toBe("a@example.com");
    expect(normaliseEmail("ann.lee+shop@googlemail.com")).toBe("annlee@gmail.com");
    expect(normaliseEmail("a.n.n.lee@gmail.com")).toBe("annlee@gmail.com");
    expect(normaliseEmail("ann.lee@example.com")).toBe("ann.lee@example.com");
    for (const junk of [null, "", "no-at", "@x.com", "a@", "+tag@x.com"])
      expect(normaliseEmail(junk)).toBeNull();
  });
});

describe("shipping address key", () => {
  it("ignores case, punctuation and spacing; needs a street and a postcode", () => {
    expect(
      shippingAddressKey({ address1: "12 Main St.", zip: "SW1A 1AA", countryCode: "GB" }),
    ).toBe(shippingAddressKey({ address1: "12  main st", zip: "sw1a1aa", countryCode: "gb" }));
    expect(shippingAddressKey({ address1: "12 Main St", zip: null })).toBeNull();
    expect(shippingAddressKey(null)).toBeNull();
  });
});

describe("self-referral", () => {
  it("catches the same customer, the same mailbox and a shared shipping address", () => {
    expect(selfReferral(advocate, friend)).toBeNull();
    expect(selfReferral(advocate, { ...friend, customerId: "a" })).toBe("same_customer");
    expect(selfReferral(advocate, { ...friend, email: "annlee@gmail.com" })).toBe("same_email");
    expect(selfReferral(advocate, { ...friend, email: "ANN.LEE+2@gmail.com" })).toBe("same_email");
    expect(selfReferral(advocate, { ...friend, shippingKeys: ["k1"] })).toBe("same_address");
    // Two guests with no customer are not the same person for that reason alone.
    expect(
      selfReferral({ ...advocate, customerId: null }, { ...friend, customerId: null }),
    ).toBeNull();
  });
});

describe("screening the friend's order", () => {
  it("qualifies a clean first order", () => {
    expect(screenReferral(screen())).toEqual({ status: "qualified" });
  });

  it("rejects self-referrals, repeat customers and advocates over the weekly limit", () => {
    expect(screenReferral(screen({ friend: { ...friend, customerId: "a" } }))).toEqual({
      status: "rejected",
      reason: "same_customer",
    });
    expect(screenReferral(screen({ friendEarlierOrders: 1 }))).toEqual({
      status: "rejected",
      reason: "not_first_order",
    });
    expect(screenReferral(screen({ advocateReferralsThisWeek: 4 })).status).toBe("qualified");
    expect(screenReferral(screen({ advocateReferralsThisWeek: 5 }))).toEqual({
      status: "rejected",
      reason: "weekly_limit",
    });
    const unlimited = { advocateWeeklyLimit: 0, ipWeeklyHold: 3 };
    expect(screenReferral(screen({ advocateReferralsThisWeek: 99, rule: unlimited })).status).toBe(
      "qualified",
    );
  });

  it("holds for review when many links were opened from the friend's IP this week", () => {
    expect(screenReferral(screen({ linksFromIpThisWeek: 2 })).status).toBe("qualified");
    expect(screenReferral(screen({ linksFromIpThisWeek: 3 }))).toEqual({
      status: "held",
      reason: "ip_volume",
    });
    // A rejection wins over a hold: staff are not asked about a self-referral.
    expect(
      screenReferral(screen({ linksFromIpThisWeek: 9, friend: { ...friend, customerId: "a" } }))
        .status,
    ).toBe("rejected");
  });
});

describe("the referral's life", () => {
  it("moves only forward, and only a referral not yet completed can be reversed", () => {
    expect(canTransition("pending", "qualified")).toBe(true);
    expect(canTransition("held", "qualified")).toBe(true);
    expect(canTransition("qualified", "completed")).toBe(true);
    expect(canTransition("pending", "completed")).toBe(false);
    expect(canTransition("completed", "reversed")).toBe(false);
    expect(canTransition("rejected", "qualified")).toBe(false);
    expect(reversalApplies("qualified")).toBe(true);
    expect(reversalApplies("held")).toBe(true);
    expect(reversalApplies("completed")).toBe(false);
  });

  it("completes when the return window has passed", () => {
    const placed = new Date("2026-12-01T10:00:00Z");
    expect(completesAt(placed, 0)).toEqual(placed);
    expect(completesAt(placed, 14)).toEqual(new Date("2026-12-15T10:00:00Z"));
  });
});

describe("referral settings", () => {
  it("are off by default, and programs saved before them read as off", () => {
    expect(DEFAULT_PROGRAM.referrals.enabled).toBe(false);
    const old = structuredClone(DEFAULT_PROGRAM) as unknown as Record<string, unknown>;
    delete old.referrals;
    const parsed = validateProgram(old);
    expect(parsed.ok && parsed.program.referrals.enabled).toBe(false);
  });

  it("refuse a percentage above 100 with a message at the field", () => {
    const program = structuredClone(DEFAULT_PROGRAM);
    program.referrals.friendDiscount = { kind: "percentage", value: 150 };
    expect(validateProgram(program)).toEqual({
      ok: false,
      errors: [
        {
          path: "referrals.friendDiscount.value",
          message: "A percentage off must be from 1 to 100",
        },
      ],
    });
  });
});
