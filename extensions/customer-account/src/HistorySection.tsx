// Points history as a list (customer account pages have no table), newest first, each row with the
// app's own explanation ("146 points: 1 point per 1.00 on 146.00, Silver ×1.25 …").
import { pointsText } from "../../shared/messages";
import type { LoyaltyOverview } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

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
                  <s-text>{entry.description}</s-text>
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
