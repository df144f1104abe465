// "Ways to earn": the program's enabled earn rules with this shopper's numbers (tier multiplier,
// orders so far, spend so far), and the birthday: its date, or a form to set it (decision 032).
import { useState } from "preact/hooks";
import { errorMessage, pointsText } from "../../shared/messages";
import {
  ShopperApiError,
  type Birthday,
  type ShopperApi,
  type WayToEarn,
} from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";
import { friendGift } from "../../shared/referral";

interface Props {
  i18n: AccountI18n;
  shopper: ShopperApi;
  ways: WayToEarn[];
  birthday: Birthday | null;
}

/** A month and day as the shopper's locale writes them ("14 March", "14 марта"); the year is never shown. */
const birthdayDate = (i18n: AccountI18n, month: number, day: number) =>
  i18n.formatDate(new Date(Date.UTC(2000, month - 1, day)), {
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });

function describe(i18n: AccountI18n, way: WayToEarn): string[] {
  const points = pointsText(i18n, way.points);
  const money = (amount: number, currency: string) => i18n.formatCurrency(amount, { currency });
  switch (way.kind) {
    case "purchase":
      return [
        i18n.translate("earn.purchase", { points, amount: money(way.spend, way.currency) }),
        ...(way.tierMultiplier > 1
          ? [
              i18n.translate("earn.tierBonus", {
                tier: way.tier,
                multiplier: i18n.formatNumber(way.tierMultiplier),
              }),
            ]
          : []),
        ...(way.minimumSubtotal === null
          ? []
          : [
              i18n.translate("earn.minimum", {
                amount: money(way.minimumSubtotal, way.currency),
              }),
            ]),
      ];
    case "signup":
      return [i18n.translate("earn.signup", { points })];
    case "first_login":
      return [i18n.translate("earn.firstLogin", { points })];
    case "birthday":
      return [i18n.translate("earn.birthday", { points })];
    case "first_order":
      return [i18n.translate("earn.firstOrder", { points })];
    case "every_nth_order":
      return [
        i18n.translate("earn.nthOrder", {
          count: way.every,
          points,
          every: i18n.formatNumber(way.every),
        }),
        i18n.translate("earn.nthOrderProgress", {
          count: way.ordersToNext,
          orders: i18n.formatNumber(way.ordersToNext),
        }),
      ];
    case "spend_milestone":
      return [
        i18n.translate("earn.milestone", { points, amount: money(way.spend, way.currency) }),
        ...(way.done
          ? []
          : [
              i18n.translate("earn.milestoneProgress", {
                spent: money(way.spentSoFar, way.currency),
                amount: money(way.spend, way.currency),
              }),
            ]),
      ];
    case "referral":
      return [
        i18n.translate("earn.referral", { points, gift: friendGift(i18n, way.friendDiscount) }),
        ...(way.link ? [i18n.translate("earn.referralLink", { link: way.link })] : []),
      ];
  }
}

export function WaysToEarnSection({ i18n, shopper, ways, birthday }: Props) {
  const [current, setCurrent] = useState(birthday);
  if (ways.length === 0) return null;
  return (
    <s-section heading={i18n.translate("earn.heading")}>
      <s-unordered-list>
        {ways.map((way, index) => {
          const [headline, ...details] = describe(i18n, way);
          const done = "done" in way && way.done;
          return (
            <s-list-item key={`${way.kind}-${index}`}>
              <s-stack gap="small-500">
                <s-stack direction="inline" gap="small-200" alignItems="center">
                  <s-text>{headline}</s-text>
                  {done && <s-badge tone="neutral">{i18n.translate("earn.done")}</s-badge>}
                </s-stack>
                {details.map((line) => (
                  <s-text key={line} color="subdued">
                    {line}
                  </s-text>
                ))}
                {way.kind === "birthday" &&
                  (current ? (
                    <s-text color="subdued">
                      {i18n.translate("earn.birthdayOn", {
                        date: birthdayDate(i18n, current.month, current.day),
                      })}
                    </s-text>
                  ) : (
                    <BirthdayForm i18n={i18n} shopper={shopper} onSaved={setCurrent} />
                  ))}
              </s-stack>
            </s-list-item>
          );
        })}
      </s-unordered-list>
    </s-section>
  );
}

function BirthdayForm({
  i18n,
  shopper,
  onSaved,
}: {
  i18n: AccountI18n;
  shopper: ShopperApi;
  onSaved(birthday: Birthday): void;
}) {
  const [month, setMonth] = useState("");
  const [day, setDay] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // 2000 is a leap year, so 29 February can be chosen.
  const days = month ? new Date(Date.UTC(2000, Number(month), 0)).getUTCDate() : 31;

  async function save() {
    if (!month || !day || Number(day) > days) {
      setError(i18n.translate("earn.birthdayInvalid"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await shopper.setBirthday(Number(month), Number(day)));
    } catch (failure) {
      setError(
        failure instanceof ShopperApiError && failure.code === "BIRTHDAY_LOCKED"
          ? i18n.translate("earn.birthdayLocked")
          : errorMessage(i18n, failure),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <s-stack gap="small-200">
      <s-text>{i18n.translate("earn.birthdayPrompt")}</s-text>
      <s-stack direction="inline" gap="small-200">
        <s-select
          label={i18n.translate("earn.month")}
          value={month}
          onChange={(event) => setMonth((event.currentTarget as HTMLSelectElement).value)}
        >
          {Array.from({ length: 12 }, (_, i) => (
            <s-option key={i} value={String(i + 1)}>
              {i18n.formatDate(new Date(Date.UTC(2000, i, 1)), {
                month: "long",
                timeZone: "UTC",
              })}
            </s-option>
          ))}
        </s-select>
        <s-select
          label={i18n.translate("earn.day")}
          value={day}
          onChange={(event) => setDay((event.currentTarget as HTMLSelectElement).value)}
        >
          {Array.from({ length: days }, (_, i) => (
            <s-option key={i} value={String(i + 1)}>
              {i18n.formatNumber(i + 1)}
            </s-option>
          ))}
        </s-select>
      </s-stack>
      {error && <s-text tone="critical">{error}</s-text>}
      <s-button variant="secondary" loading={busy} onClick={save}>
        {i18n.translate("earn.saveBirthday")}
      </s-button>
      <s-text color="subdued">{i18n.translate("earn.birthdayOnce")}</s-text>
    </s-stack>
  );
}
