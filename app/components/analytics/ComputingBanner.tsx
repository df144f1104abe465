// Shown instead of zeros while a big shop's analytics are built for the first time (services/analytics.server.ts).
import { Banner, Text } from "@shopify/polaris";
import { adminText } from "~/i18n";

export function ComputingBanner() {
  return (
    <Banner tone="info" title={adminText.analytics.computing}>
      <Text as="p">{adminText.analytics.computingHelp}</Text>
    </Banner>
  );
}
