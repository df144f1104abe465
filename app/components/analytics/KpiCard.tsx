// One KPI: its figure, an optional member vs non-member comparison, and its definition beside it.
import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { adminText } from "~/i18n";
import { definitionHref, type KpiKey } from "~/loyalty/analytics-definitions";

export interface KpiCardProps {
  kpi: KpiKey;
  value: string;
  /** Members vs non-members, when the KPI compares them. */
  comparison?: { members: string; nonMembers: string };
  note?: string;
  /** A second line under the note (e.g. the estimate beside the liability). */
  detail?: string;
}

export function KpiCard({ kpi, value, comparison, note, detail }: KpiCardProps) {
  const { label, definition } = adminText.kpis[kpi];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        {comparison ? (
          <InlineStack gap="400">
            <BlockStack gap="050">
              <Text as="p" variant="headingLg">
                {comparison.members}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {adminText.analytics.members}
              </Text>
            </BlockStack>
            <BlockStack gap="050">
              <Text as="p" variant="headingLg">
                {comparison.nonMembers}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {adminText.analytics.nonMembers}
              </Text>
            </BlockStack>
          </InlineStack>
        ) : (
          // A long amount ("$1,234,567.89") wraps inside its card instead of running out of it.
          <Text as="p" variant="headingXl" breakWord>
            <span data-testid={`kpi-${kpi}`}>{value}</span>
          </Text>
        )}
        {note ? (
          <Text as="p" variant="bodySm">
            {note}
          </Text>
        ) : null}
        {detail ? (
          <Text as="p" variant="bodySm">
            {detail}
          </Text>
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          {definition}{" "}
          <Link url={definitionHref(kpi)} removeUnderline={false}>
            {adminText.analytics.definitionLink}
          </Link>
        </Text>
      </BlockStack>
    </Card>
  );
}
