// Refer a friend (decision 036): the program's referral settings, a card of the Program page.
import { BlockStack, Card, FormLayout, Text } from "@shopify/polaris";
import { memo } from "react";
import { adminText } from "~/i18n";
import { Choice, MoneyField, Toggle, useDraftAt, WholeField } from "./fields";

const t = adminText.program.referrals;

export const ReferralSection = memo(function ReferralSection({ currency }: { currency: string }) {
  const percentage = useDraftAt(["referrals", "friendDiscount", "kind"]) === "percentage";
  const value = ["referrals", "friendDiscount", "value"];
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t.title}
        </Text>
        <Toggle label={t.enabled} path={["referrals", "enabled"]} helpText={t.enabledHelp} />
        <FormLayout.Group>
          <Choice
            label={t.friendDiscountKind}
            path={["referrals", "friendDiscount", "kind"]}
            options={[
              { label: t.fixedAmount, value: "fixed_amount" },
              { label: t.percentage, value: "percentage" },
            ]}
          />
          {percentage ? (
            <WholeField label={t.friendPercent} path={value} suffix="%" />
          ) : (
            <MoneyField label={t.friendAmount(currency)} path={value} />
          )}
          <WholeField label={t.friendCodeDays} path={["referrals", "friendCodeDays"]} />
        </FormLayout.Group>
        <FormLayout.Group>
          <WholeField
            label={t.advocatePoints}
            path={["referrals", "advocatePoints"]}
            helpText={t.advocatePointsHelp}
          />
          <WholeField
            label={t.advocateWeeklyLimit}
            path={["referrals", "advocateWeeklyLimit"]}
            helpText={t.advocateWeeklyLimitHelp}
          />
          <WholeField
            label={t.ipWeeklyHold}
            path={["referrals", "ipWeeklyHold"]}
            helpText={t.ipWeeklyHoldHelp}
          />
        </FormLayout.Group>
      </BlockStack>
    </Card>
  );
});
