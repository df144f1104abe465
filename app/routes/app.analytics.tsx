// Analytics (design §1): the program's KPIs for 30/90/365 days, charts and CSV downloads.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import {
  BlockStack,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Tabs,
  Text,
} from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { AnalyticsCharts } from "~/components/analytics/AnalyticsCharts";
import { ComputingBanner } from "~/components/analytics/ComputingBanner";
import { DownloadButton } from "~/components/analytics/DownloadButton";
import { KpiCard } from "~/components/analytics/KpiCard";
import { RouteError } from "~/components/RouteError";
import { formatCount, formatMoney, formatPercent } from "~/components/analytics/format";
import { formatDateTime } from "~/i18n/format";
import { adminText } from "~/i18n";
import { analyticsDashboard } from "~/services/analytics.server";
import { authenticate } from "~/shopify.server";
import { withSql } from "~/services/process-handles.server";

const t = adminText.analytics;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json(await withSql(analyticsDashboard)(session.shop, new Date()));
}

export default function Analytics() {
  const view = useLoaderData<typeof loader>();
  const { dashboard: d, currencyCode, currencyExponent } = view;
  const [selected, setSelected] = useState(0);
  const w = d.windows[selected];
  const money = (minor: number | null) => formatMoney(minor, currencyExponent, currencyCode);
  const tabs = d.windows.map((window) => ({
    id: `last-${window.days}`,
    content: t.lastDays(window.days),
  }));
  if (view.refreshedAt === null) {
    return (
      <Page title={t.title}>
        <ComputingBanner />
      </Page>
    );
  }
  const rate = d.pointValue
    ? t.pointValue(
        money(d.pointValue.minor),
        formatCount(d.pointValue.points),
        d.pointValue.rewardTitle,
      )
    : t.noPointValue;
  const subtitle = t.updated(formatDateTime(view.refreshedAt, view.timeZone), view.timeZone);
  // A shop with no member and no credited order yet: nothing to chart, say what will appear here.
  const empty =
    d.members === 0 &&
    !view.series.some(
      (day) => day.pointsIssued || day.memberRevenue || day.otherRevenue || day.guestRevenue,
    );
  if (empty) {
    return (
      <Page title={t.title} subtitle={subtitle}>
        <Card>
          <EmptyState
            heading={t.empty}
            image=""
            action={{ content: t.emptyAction, url: "/app/import" }}
          >
            <p>{t.emptyHelp}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  return (
    <Page title={t.title} subtitle={subtitle}>
      <Layout>
        <Layout.Section>
          <InlineStack gap="200" align="end">
            <DownloadButton url="/app/analytics/download?report=kpis" filename="tally-kpis.csv">
              {t.downloadKpis}
            </DownloadButton>
            <DownloadButton
              url={`/app/analytics/download?report=daily&days=${w.days}`}
              filename={`tally-daily-${w.days}d.csv`}
            >
              {t.downloadDaily}
            </DownloadButton>
            <DownloadButton
              url="/app/analytics/download?report=members"
              filename="tally-members.csv"
            >
              {t.downloadMembers}
            </DownloadButton>
            <DownloadButton url="/app/analytics/download?report=ledger" filename="tally-ledger.csv">
              {t.downloadLedger}
            </DownloadButton>
          </InlineStack>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <KpiCard
              kpi="members"
              value={formatCount(d.members)}
              note={t.participating(formatCount(d.participatingMembers))}
            />
            <KpiCard kpi="pointsOutstanding" value={formatCount(d.pointsOutstanding)} />
            <KpiCard
              kpi="liability"
              value={money(d.liability)}
              note={rate}
              detail={t.openCodes(formatCount(d.openCodes.count), formatCount(d.openCodes.points))}
            />
            <KpiCard
              kpi="estimatedLiability"
              value={money(d.estimatedLiability)}
              note={
                d.breakageRate.value === null
                  ? t.noBreakage
                  : t.breakage(formatPercent(d.breakageRate))
              }
            />
            <KpiCard
              kpi="clv"
              value=""
              comparison={{ members: money(d.memberClv), nonMembers: money(d.nonMemberClv) }}
            />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Tabs tabs={tabs} selected={selected} onSelect={setSelected}>
            <BlockStack gap="400">
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
                <KpiCard
                  kpi="newMembers"
                  value={formatCount(w.newMembers)}
                  note={t.joined(formatCount(w.joinedMembers))}
                />
                <KpiCard
                  kpi="participationRate"
                  value={formatPercent(w.participationRate)}
                  note={t.participants(formatCount(w.participants), formatCount(d.members))}
                />
                <KpiCard kpi="pointsIssued" value={formatCount(w.pointsIssued)} />
                <KpiCard kpi="pointsRedeemed" value={formatCount(w.pointsRedeemed)} />
                <KpiCard kpi="pointsExpired" value={formatCount(w.pointsExpired)} />
                <KpiCard kpi="redemptionRate" value={formatPercent(w.redemptionRate)} />
                <KpiCard
                  kpi="repeatRate"
                  value=""
                  comparison={{
                    members: formatPercent(w.memberRepeatRate),
                    nonMembers: formatPercent(w.nonMemberRepeatRate),
                  }}
                />
                <KpiCard
                  kpi="retention"
                  value=""
                  comparison={{
                    members: formatPercent(w.memberRetention),
                    nonMembers: formatPercent(w.nonMemberRetention),
                  }}
                />
                <KpiCard
                  kpi="aov"
                  value=""
                  comparison={{ members: money(w.memberAov), nonMembers: money(w.nonMemberAov) }}
                />
                <KpiCard
                  kpi="rewardRevenue"
                  value={money(w.rewardRevenue)}
                  note={t.rewardOrders(
                    formatCount(w.rewardOrders),
                    formatPercent(w.rewardRevenueShare),
                  )}
                />
                <KpiCard
                  kpi="referralsMade"
                  value={formatCount(w.referralsMade)}
                  note={t.referralsCompleted(formatCount(w.referralsCompleted))}
                />
                <KpiCard kpi="referredRevenue" value={money(w.referredRevenue)} />
                <KpiCard
                  kpi="referralConversion"
                  value={formatPercent(w.referralConversion)}
                  note={t.referralCohort(
                    formatCount(w.referralConversion.numerator),
                    formatCount(w.referralConversion.denominator),
                  )}
                />
              </InlineGrid>
              <AnalyticsCharts
                series={view.series.slice(-w.days)}
                currencyExponent={currencyExponent}
                currencyCode={currencyCode}
              />
            </BlockStack>
          </Tabs>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" variant="bodySm" tone="subdued">
            {t.notes(view.timeZone)}
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
