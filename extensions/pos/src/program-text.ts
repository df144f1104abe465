// The program's rules in the staff member's language, for the home tile and its modal.
import { pointsText } from "../../shared/messages";
import { friendGift } from "../../shared/referral";
import type { PosProgram } from "./pos-api";
import type { PosModalApi } from "./pos-types";

type I18n = PosModalApi["i18n"];

type WayToEarn = PosProgram["waysToEarn"][number];

const money = (i18n: I18n, amount: number, currency: string) =>
  i18n.formatCurrency(amount, { currency });

/** "1 point per $1.00": the purchase rule at the entry tier, or null when purchases earn nothing. */
export function earnRateText(i18n: I18n, program: PosProgram): string | null {
  const purchase = program.waysToEarn.find((way) => way.kind === "purchase");
  return purchase
    ? i18n.translate("home.earnRate", {
        points: pointsText(i18n, purchase.points),
        amount: money(i18n, purchase.spend, purchase.currency),
      })
    : null;
}

/** One way to earn as lines ("1 point per $1.00 spent", "On orders of $20.00 or more"). */
export function wayToEarnLines(i18n: I18n, way: WayToEarn): string[] {
  const points = pointsText(i18n, way.points);
  switch (way.kind) {
    case "purchase":
      return [
        i18n.translate("home.earn.purchase", {
          points,
          amount: money(i18n, way.spend, way.currency),
        }),
        ...(way.minimumSubtotal === null
          ? []
          : [
              i18n.translate("home.earn.minimum", {
                amount: money(i18n, way.minimumSubtotal, way.currency),
              }),
            ]),
      ];
    case "signup":
      return [i18n.translate("home.earn.signup", { points })];
    case "first_login":
      return [i18n.translate("home.earn.firstLogin", { points })];
    case "birthday":
      return [i18n.translate("home.earn.birthday", { points })];
    case "first_order":
      return [i18n.translate("home.earn.firstOrder", { points })];
    case "every_nth_order":
      return [
        i18n.translate("home.earn.nthOrder", {
          count: way.every,
          points,
          every: i18n.formatNumber(way.every),
        }),
      ];
    case "spend_milestone":
      return [
        i18n.translate("home.earn.milestone", {
          points,
          amount: money(i18n, way.spend, way.currency),
        }),
      ];
    case "referral":
      return [
        i18n.translate("home.earn.referral", {
          points,
          gift: friendGift(i18n, way.friendDiscount),
        }),
      ];
  }
}

export function rewardText(i18n: I18n, reward: PosProgram["rewards"][number]): string {
  const values = { reward: reward.title, points: pointsText(i18n, reward.cost) };
  return reward.tiers
    ? i18n.translate("home.rewardTiers", { ...values, tiers: reward.tiers.join(", ") })
    : i18n.translate("home.reward", values);
}

export function tierText(i18n: I18n, program: PosProgram, index: number): string {
  const tier = program.tiers[index];
  const values = { tier: tier.name, multiplier: i18n.formatNumber(tier.multiplier) };
  if (index === 0) return i18n.translate("home.tierEntry", values);
  return program.tierBasis === "amount_spent"
    ? i18n.translate("home.tierSpend", {
        ...values,
        amount: money(i18n, tier.threshold, program.currency),
      })
    : i18n.translate("home.tierPoints", { ...values, points: pointsText(i18n, tier.threshold) });
}

const PERIOD_KEYS: Record<PosProgram["tierPeriod"], string> = {
  lifetime: "home.periodLifetime",
  trailing_12_months: "home.periodTrailingYear",
  calendar_year: "home.periodCalendarYear",
};

export const tierPeriodText = (i18n: I18n, program: PosProgram) =>
  i18n.translate(PERIOD_KEYS[program.tierPeriod]);

/** When points become spendable and when they expire. */
export function pointRulesLines(i18n: I18n, program: PosProgram): string[] {
  const days = (key: string, count: number) =>
    i18n.translate(key, { count, days: i18n.formatNumber(count) });
  const { expiry } = program;
  return [
    program.pendingDays > 0
      ? days("home.pending", program.pendingDays)
      : i18n.translate("home.pendingNone"),
    expiry === null
      ? i18n.translate("home.expiryNone")
      : days(
          expiry.mode === "after_earning" ? "home.expiryEarning" : "home.expiryInactivity",
          expiry.days,
        ),
  ];
}

/** "3 rewards redeemed today" for the tile. */
export const redeemedTodayText = (i18n: I18n, program: PosProgram) =>
  i18n.translate("home.redeemedToday", {
    count: program.today.redemptions,
    redemptions: i18n.formatNumber(program.today.redemptions),
  });
