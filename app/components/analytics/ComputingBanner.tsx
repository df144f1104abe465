// Shown instead of zeros while a big shop's analytics are built for the first time (services/analytics.server.ts).
import { Banner, Text } from "@shopify/polaris";
import { en } from "~/i18n/en";

export function ComputingBanner() {
  return (
    <Banner tone="info" title={en.analytics.computing}>
      <Text as="p">{en.analytics.computingHelp}</Text>
    </Banner>
  );
}
