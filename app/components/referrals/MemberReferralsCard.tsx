// The member page's "Referrals" card (decision 036): friends this member referred, with approve /
// reject on a referral held for review.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { adminText } from "~/i18n";
import { ReferralsTable, type ReferralRow } from "./ReferralsTable";

export function MemberReferralsCard({
  referrals,
  currency,
}: {
  referrals: ReferralRow[];
  currency: { currencyCode: string; currencyExponent: number };
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {adminText.referrals.memberCard}
        </Text>
        {referrals.length ? (
          <ReferralsTable referrals={referrals} currency={currency} showAdvocate={false} />
        ) : (
          <Text as="p" tone="subdued">
            {adminText.referrals.memberEmpty}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
