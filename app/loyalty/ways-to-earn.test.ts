import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM } from "./program";
import { waysToEarn } from "./ways-to-earn";

const silver = { name: "Silver", multiplier: 125 };

describe("ways to earn", () => {
  it("lists only the purchase rule for the default program, at the shopper's tier", () => {
    const facts = {
      tier: silver,
      orderCount: 0,
      lifetimeSpend: 0,
      signedIn: true,
      referralLink: null,
    };
    expect(waysToEarn(DEFAULT_PROGRAM, facts, "USD")).toEqual([
      {
        kind: "purchase",
        points: 1.25,
        spend: 1,
        currency: "USD",
        tierMultiplier: 1.25,
        tier: "Silver",
        minimumSubtotal: null,
      },
    ]);
  });

  it("lists every enabled rule with the shopper's progress", () => {
    const program = structuredClone(DEFAULT_PROGRAM);
    program.purchase.enabled = false;
    for (const rule of [program.signup, program.accountActivation, program.birthday])
      rule.enabled = true;
    program.firstOrder.enabled = true;
    program.everyNthOrder = { enabled: true, points: 100, every: 5 };
    program.spendMilestones = {
      enabled: true,
      milestones: [
        { lifetimeSpend: 50_000, points: 300 },
        { lifetimeSpend: 10_000, points: 50 },
      ],
    };
    const facts = {
      tier: silver,
      orderCount: 7,
      lifetimeSpend: 12_345,
      signedIn: false,
      referralLink: null,
    };
    expect(waysToEarn(program, facts, "EUR")).toEqual([
      { kind: "signup", points: 100 },
      { kind: "first_login", points: 50, done: false },
      { kind: "birthday", points: 100 },
      { kind: "first_order", points: 50, done: true },
      { kind: "every_nth_order", points: 100, every: 5, ordersSoFar: 7, ordersToNext: 3 },
      {
        kind: "spend_milestone",
        points: 50,
        spend: 100,
        spentSoFar: 100,
        currency: "EUR",
        done: true,
      },
      {
        kind: "spend_milestone",
        points: 300,
        spend: 500,
        spentSoFar: 123.45,
        currency: "EUR",
        done: false,
      },
    ]);
  });

  it("lists referrals with the friend's gift in major units and the member's own link", () => {
    const program = structuredClone(DEFAULT_PROGRAM);
    program.purchase.enabled = false;
    program.referrals = {
      ...program.referrals,
      enabled: true,
      advocatePoints: 250,
      friendDiscount: { kind: "fixed_amount", value: 1_000 },
    };
    const link = "https://tally.example/r/a.myshopify.com/ABCD2345";
    const member = { tier: silver, orderCount: 1, lifetimeSpend: 0, signedIn: true };
    expect(waysToEarn(program, { ...member, referralLink: link }, "EUR")).toEqual([
      {
        kind: "referral",
        points: 250,
        friendDiscount: { kind: "fixed_amount", value: 10, currency: "EUR" },
        link,
      },
    ]);
    program.referrals.friendDiscount = { kind: "percentage", value: 15 };
    expect(waysToEarn(program, { ...member, referralLink: null }, "EUR")).toEqual([
      {
        kind: "referral",
        points: 250,
        friendDiscount: { kind: "percentage", value: 15, currency: "EUR" },
        link: null,
      },
    ]);
    program.referrals.enabled = false;
    expect(waysToEarn(program, { ...member, referralLink: link }, "EUR")).toEqual([]);
  });
});
