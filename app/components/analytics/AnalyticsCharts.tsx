// The daily series as charts (@shopify/polaris-viz). Rendered in the browser only: the charts
// measure their container, which the server cannot.
import { useEffect, useState } from "react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { en } from "~/i18n/en";
import type { DayRollup } from "~/loyalty/analytics";
import { formatMinor } from "~/loyalty/money";

export interface AnalyticsChartsProps {
  series: DayRollup[];
  currencyExponent: number;
  currencyCode: string;
}

/** 365 daily bars are unreadable: longer windows are shown by week (the last, partial week included). */
function buckets(series: DayRollup[]): { key: string; rows: DayRollup[] }[] {
  if (series.length <= 90) return series.map((row) => ({ key: row.day, rows: [row] }));
  const weeks: { key: string; rows: DayRollup[] }[] = [];
  series.forEach((row, index) => {
    if (index % 7 === 0) weeks.push({ key: en.analytics.weekOf(row.day), rows: [] });
    weeks[weeks.length - 1].rows.push(row);
  });
  return weeks;
}

const total = (rows: DayRollup[], pick: (row: DayRollup) => number) =>
  rows.reduce((sum, row) => sum + pick(row), 0);

export function AnalyticsCharts({ series, currencyExponent, currencyCode }: AnalyticsChartsProps) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const groups = buckets(series);
  const points = [
    {
      name: en.analytics.seriesIssued,
      data: groups.map((group) => ({
        key: group.key,
        value: total(group.rows, (row) => row.pointsIssued),
      })),
    },
    {
      name: en.analytics.seriesRedeemed,
      data: groups.map((group) => ({
        key: group.key,
        value: total(group.rows, (row) => row.pointsRedeemed),
      })),
    },
    {
      name: en.analytics.seriesExpired,
      data: groups.map((group) => ({
        key: group.key,
        value: total(group.rows, (row) => row.pointsExpired),
      })),
    },
  ];
  const toUnits = (minor: number) => Number(formatMinor(minor, currencyExponent));
  const revenue = [
    {
      name: en.analytics.seriesMembers,
      data: groups.map((group) => ({
        key: group.key,
        value: toUnits(total(group.rows, (row) => row.memberRevenue)),
      })),
    },
    {
      name: en.analytics.seriesNonMembers,
      data: groups.map((group) => ({
        key: group.key,
        value: toUnits(total(group.rows, (row) => row.otherRevenue + row.guestRevenue)),
      })),
    },
    {
      name: en.analytics.seriesWithReward,
      data: groups.map((group) => ({
        key: group.key,
        value: toUnits(total(group.rows, (row) => row.rewardRevenue)),
      })),
    },
  ];
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {en.analytics.chartPoints}
          </Text>
          <div data-chart="points" style={{ height: 260 }}>
            {mounted ? (
              <PolarisVizProvider>
                <LineChart data={points} theme="Light" isAnimated={false} />
              </PolarisVizProvider>
            ) : null}
          </div>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {en.analytics.chartRevenue(currencyCode)}
          </Text>
          <div data-chart="revenue" style={{ height: 260 }}>
            {mounted ? (
              <PolarisVizProvider>
                <BarChart data={revenue} theme="Light" isAnimated={false} />
              </PolarisVizProvider>
            ) : null}
          </div>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
