// What each analytics figure means: formula, the standard it follows and where Tally departs from
// it (the same text as docs/analytics.md). Every KPI card links here by its anchor.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { RouteError } from "~/components/RouteError";
import { adminText } from "~/i18n";
import { definitionOf, KPI_DEFINITIONS, type KpiKey } from "~/loyalty/analytics-definitions";
import { authenticate } from "~/shopify.server";

const t = adminText.analytics;

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}

export default function AnalyticsDefinitions() {
  return (
    <Page title={t.definitionsTitle} backAction={{ content: t.title, url: "/app/analytics" }}>
      <Layout>
        {(Object.keys(KPI_DEFINITIONS) as KpiKey[]).map((kpi) => {
          const { label, definition, formula, source, departure } = definitionOf(
            adminText.kpis[kpi],
          );
          return (
            <Layout.Section key={kpi}>
              <div id={kpi}>
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {label}
                    </Text>
                    <Text as="p">{definition}</Text>
                    <Text as="p">
                      <strong>{t.formula}:</strong> {formula}
                    </Text>
                    <Text as="p">
                      <strong>{t.source}:</strong> {source}
                    </Text>
                    {departure ? (
                      <Text as="p">
                        <strong>{t.departure}:</strong> {departure}
                      </Text>
                    ) : null}
                  </BlockStack>
                </Card>
              </div>
            </Layout.Section>
          );
        })}
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
