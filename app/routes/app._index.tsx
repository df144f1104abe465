// Home: the first-run checklist and the program at a glance.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { readFormFields } from "~/admin/request-body.server";
import { placementForm } from "~/admin/request-schemas.server";
import { SetupChecklist } from "~/components/home/SetupChecklist";
import { ComputingBanner } from "~/components/analytics/ComputingBanner";
import { KpiCard } from "~/components/analytics/KpiCard";
import { formatCount, formatMoney, formatPercent } from "~/components/analytics/format";
import { RouteError } from "~/components/RouteError";
import { adminText } from "~/i18n";
import { analyticsDashboard } from "~/services/analytics.server";
import { openDeadLetterCount } from "~/services/dead-letters.server";
import { programOverview, programTotals } from "~/services/program-overview.server";
import { loadSetupChecklist, markPlacement } from "~/services/setup-checklist.server";
import { authenticate } from "~/shopify.server";
import { withDb, withSql } from "~/services/process-handles.server";

const t = adminText.home;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const [overview, totals, checklist, analytics, deadLetters] = await Promise.all([
    withDb(programOverview)(session.shop),
    withDb(programTotals)(session.shop),
    withDb(loadSetupChecklist)(session.shop, now),
    withSql(analyticsDashboard)(session.shop, now),
    withDb(openDeadLetterCount)(session.shop),
  ]);
  // The home shows the last 30 days of the dashboard; the analytics page has the rest.
  const last30 =
    analytics.dashboard.windows.find((window) => window.days === 30) ??
    analytics.dashboard.windows[0];
  return json({
    ...overview,
    totals,
    checklist,
    deadLetters,
    last30,
    analyticsComputing: analytics.refreshedAt === null,
    liability: analytics.dashboard.liability,
    currencyCode: analytics.currencyCode,
    currencyExponent: analytics.currencyExponent,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = placementForm.safeParse(await readFormFields(request));
  if (!form.success)
    return json({ ok: false, message: form.error.issues[0].message }, { status: 422 });
  await withDb(markPlacement)(
    session.shop,
    form.data.placement,
    form.data.done === "1",
    new Date(),
  );
  return json({ ok: true });
}

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const { totals } = overview;
  const stats = [
    { label: t.members, value: totals.members },
    { label: t.pointsOutstanding, value: totals.pointsOutstanding },
    { label: t.ordersCredited, value: totals.ordersCredited },
  ];
  const { checklist } = overview;
  const setupDone =
    checklist.programOn &&
    checklist.firstOrderSeen &&
    checklist.checkoutPlaced &&
    checklist.accountsPlaced;
  return (
    <Page title={t.title}>
      <Layout>
        {overview.deadLetters > 0 ? (
          <Layout.Section>
            <Banner tone="warning" action={{ content: t.deadLettersAction, url: "/app/jobs" }}>
              <p>{t.deadLetters(overview.deadLetters)}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {setupDone ? null : (
          <Layout.Section>
            <SetupChecklist data={checklist} />
          </Layout.Section>
        )}
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
            {stats.map((stat) => (
              <Card key={stat.label}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm" tone="subdued">
                    {stat.label}
                  </Text>
                  <Text as="p" variant="heading2xl" breakWord>
                    {formatCount(stat.value)}
                  </Text>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            {/* On a phone the cards run edge to edge: the heading row keeps the page's margin. */}
            <Box paddingInline={{ xs: "400", sm: "0" }}>
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="h2" variant="headingMd">
                  {t.last30Days}
                </Text>
                <Button url="/app/analytics" variant="plain">
                  {t.allAnalytics}
                </Button>
              </InlineStack>
            </Box>
            {overview.analyticsComputing ? (
              <ComputingBanner />
            ) : (
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
                <KpiCard kpi="pointsIssued" value={formatCount(overview.last30.pointsIssued)} />
                <KpiCard kpi="pointsRedeemed" value={formatCount(overview.last30.pointsRedeemed)} />
                <KpiCard
                  kpi="redemptionRate"
                  value={formatPercent(overview.last30.redemptionRate)}
                />
                <KpiCard
                  kpi="liability"
                  value={formatMoney(
                    overview.liability,
                    overview.currencyExponent,
                    overview.currencyCode,
                  )}
                />
              </InlineGrid>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.yourProgram}
              </Text>
              <Text as="p">
                {overview.earning
                  ? t.earnSummary(
                      overview.earning.points,
                      formatMoney(
                        overview.earning.spend,
                        overview.earning.currencyExponent,
                        overview.earning.currencyCode,
                      ),
                    )
                  : t.noEarning}
              </Text>
              <Text as="p">
                {t.tiers}:{" "}
                {overview.tiers
                  .map(
                    (tier) =>
                      `${tier.name} (${formatCount(tier.threshold)}+, ×${formatCount(tier.multiplier / 100)})`,
                  )
                  .join(" · ")}
              </Text>
              <Text as="p" tone="subdued">
                {t.version(overview.programVersion, overview.programEnabled)}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
