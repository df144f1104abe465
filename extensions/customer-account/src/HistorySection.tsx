// Points history as a list (customer account pages have no table), newest first, each row with the
// app's own explanation ("146 points: 1 point per 1.00 on 146.00, Silver ×1.25 …").
import { pointsText } from "../../shared/messages";
import type { LoyaltyOverview } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

// Each line key's message (locales: history.<key>); a key this build does not know shows the
// app's English description.
const LINE_MESSAGES: Record<string, string> = {
  order: "history.order",
  orderReversed: "history.orderReversed",
  redeemed: "history.redeemed",
  takenBack: "history.takenBack",
  returned: "history.returned",
  expired: "history.expired",
  signupBonus: "history.signupBonus",
  firstLoginBonus: "history.firstLoginBonus",
  birthdayBonus: "history.birthdayBonus",
  welcomeBonus: "history.welcomeBonus",
  referralBonus: "history.referralBonus",
  badge: "history.badge",
  text: "history.text",
};

function lineText(i18n: AccountI18n, entry: LoyaltyOverview["history"][number]): string {
  const message = entry.line ? LINE_MESSAGES[entry.line.key] : undefined;
  return message ? i18n.translate(message, entry.line.values) : entry.description;
}

export function HistorySection({
  i18n,
  history,
}: {
  i18n: AccountI18n;
  history: LoyaltyOverview["history"];
}) {
  return (
    <s-section heading={i18n.translate("history.heading")}>
      {history.length === 0 ? (
        <s-paragraph>{i18n.translate("history.empty")}</s-paragraph>
      ) : (
        <s-unordered-list>
          {history.map((entry, index) => (
            <s-list-item key={`${entry.at}-${index}`}>
              <s-stack direction="inline" gap="base" justifyContent="space-between">
                <s-stack gap="small-500">
                  <s-text>{lineText(i18n, entry)}</s-text>
                  <s-text color="subdued">
                    {i18n.formatDate(new Date(entry.at), { dateStyle: "medium" })}
                  </s-text>
                </s-stack>
                <s-text type="strong" tone={entry.points < 0 ? "critical" : "success"}>
                  {pointsText(i18n, entry.points, true)}
                </s-text>
              </s-stack>
            </s-list-item>
          ))}
        </s-unordered-list>
      )}
    </s-section>
  );
}
