// The daily series as charts (@shopify/polaris-viz). Rendered in the browser only: the charts
// measure their container, which the server cannot. Axes and tooltips use the admin's formatters
// (app/loyalty/display): thousands separators, the shop's currency, short day labels that fit.
import { useEffect, useRef, useState } from "react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { adminText } from "~/i18n";
import type { DayRollup } from "~/loyalty/analytics";
import { formatCompact, formatCount, formatDay, formatMoney } from "~/i18n/format";
import { formatMinor } from "~/loyalty/money";

export interface AnalyticsChartsProps {
  series: DayRollup[];
  currencyExponent: number;
  currencyCode: string;
}

// One distinct colour per series (polaris-viz's default palette gives neighbours near-equal hues).
const COLORS = ["#2C6ECB", "#E0882B", "#8A8A8A"];

/** 365 daily bars are unreadable: longer windows are shown by week (the last, partial week included). */
function buckets(series: DayRollup[]): { key: string; weekly: boolean; rows: DayRollup[] }[] {
  if (series.length <= 90)
    return series.map((row) => ({ key: row.day, weekly: false, rows: [row] }));
  const weeks: { key: string; weekly: boolean; rows: DayRollup[] }[] = [];
  series.forEach((row, index) => {
    if (index % 7 === 0) weeks.push({ key: row.day, weekly: true, rows: [] });
    weeks[weeks.length - 1].rows.push(row);
  });
  return weeks;
}

const total = (rows: DayRollup[], pick: (row: DayRollup) => number) =>
  rows.reduce((sum, row) => sum + pick(row), 0);

const asNumber = (value: string | number | null) => (value === null ? 0 : Number(value));

/**
 * Keeps the hidden chart's points and legend out of the tab order (polaris-viz makes them tabbable, and a
 * keyboard stop inside aria-hidden content is announced as nothing); the mouse tooltips stay.
 */
function useOutOfTabOrder(active: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!active || !container) return;
    const untab = () =>
      container
        .querySelectorAll(
          'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
        )
        .forEach((node) => {
          // Only when it changes: setting the same value is a mutation too, and would loop.
          if (node.getAttribute("tabindex") !== "-1") node.setAttribute("tabindex", "-1");
        });
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(container, { subtree: true, childList: true, attributeFilter: ["tabindex"] });
    return () => observer.disconnect();
  }, [active]);
  return ref;
}

export function AnalyticsCharts({ series, currencyExponent, currencyCode }: AnalyticsChartsProps) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const pointsChart = useOutOfTabOrder(mounted);
  const revenueChart = useOutOfTabOrder(mounted);
  const groups = buckets(series);
  const weekly = groups[0]?.weekly ?? false;
  const seriesOf = (name: string, color: string, value: (rows: DayRollup[]) => number) => ({
    name,
    color,
    data: groups.map((group) => ({ key: group.key, value: value(group.rows) })),
  });
  const points = [
    seriesOf(adminText.analytics.seriesIssued, COLORS[0], (rows) =>
      total(rows, (r) => r.pointsIssued),
    ),
    seriesOf(adminText.analytics.seriesRedeemed, COLORS[1], (rows) =>
      total(rows, (r) => r.pointsRedeemed),
    ),
    seriesOf(adminText.analytics.seriesExpired, COLORS[2], (rows) =>
      total(rows, (r) => r.pointsExpired),
    ),
  ];
  const toUnits = (minor: number) => Number(formatMinor(minor, currencyExponent));
  const revenue = [
    seriesOf(adminText.analytics.seriesMembers, COLORS[0], (rows) =>
      toUnits(total(rows, (r) => r.memberRevenue)),
    ),
    seriesOf(adminText.analytics.seriesNonMembers, COLORS[1], (rows) =>
      toUnits(total(rows, (r) => r.otherRevenue + r.guestRevenue)),
    ),
    seriesOf(adminText.analytics.seriesWithReward, COLORS[2], (rows) =>
      toUnits(total(rows, (r) => r.rewardRevenue)),
    ),
  ];
  const xAxisOptions = {
    labelFormatter: (value: string | number | null) => formatDay(String(value ?? ""), "short"),
  };
  const titleFormatter = (value: string | number | null) => {
    const day = formatDay(String(value ?? ""), "full");
    return weekly ? adminText.analytics.weekOf(day) : day;
  };
  const money = (value: string | number | null) =>
    formatMoney(Math.round(asNumber(value) * 10 ** currencyExponent), {
      currencyCode,
      currencyExponent,
    });
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {adminText.analytics.chartPoints}
          </Text>
          <div
            data-chart="points"
            style={{ height: 260 }}
            role="figure"
            aria-label={adminText.analytics.chartAlt(adminText.analytics.chartPoints, weekly)}
          >
            {/* polaris-viz's own ARIA (an svg "table" without rows, unnamed points) misleads
                screen readers: the chart is one figure, its figures are in the CSV downloads. */}
            <div aria-hidden="true" style={{ height: "100%" }} ref={pointsChart}>
              {mounted ? (
                <PolarisVizProvider>
                  <LineChart
                    data={points}
                    theme="Light"
                    isAnimated={false}
                    xAxisOptions={xAxisOptions}
                    yAxisOptions={{ labelFormatter: (v) => formatCompact(asNumber(v)) }}
                    tooltipOptions={{
                      titleFormatter,
                      valueFormatter: (v) => formatCount(asNumber(v)),
                    }}
                  />
                </PolarisVizProvider>
              ) : null}
            </div>
          </div>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {adminText.analytics.chartRevenue(currencyCode)}
          </Text>
          <div
            data-chart="revenue"
            style={{ height: 260 }}
            role="figure"
            aria-label={adminText.analytics.chartAlt(
              adminText.analytics.chartRevenue(currencyCode),
              weekly,
            )}
          >
            <div aria-hidden="true" style={{ height: "100%" }} ref={revenueChart}>
              {mounted ? (
                <PolarisVizProvider>
                  <BarChart
                    data={revenue}
                    theme="Light"
                    isAnimated={false}
                    xAxisOptions={xAxisOptions}
                    yAxisOptions={{ labelFormatter: (v) => formatCompact(asNumber(v)) }}
                    tooltipOptions={{ titleFormatter, valueFormatter: money }}
                  />
                </PolarisVizProvider>
              ) : null}
            </div>
          </div>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
