// The latest tier run of a program save (decision 041): its progress while it runs, then what it
// did. The page that shows it polls its loader while the run is under way.
import { BlockStack, Card, ProgressBar, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";
import { adminText } from "~/i18n";
import type { TierRunView } from "~/services/tier-run.server";

const t = adminText.program.tierRun;
const POLL_MS = 1500;

export function tierRunActive(run: TierRunView | null): boolean {
  return run?.status === "queued" || run?.status === "running";
}

/** Revalidates the page's loader every 1.5 s while the run is queued or running. */
export function useTierRunPolling(run: TierRunView | null): void {
  const revalidator = useRevalidator();
  const active = tierRunActive(run);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export function TierRunCard({ run }: { run: TierRunView }) {
  const percent = run.total ? Math.min(100, Math.round((run.checked / run.total) * 100)) : 0;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.title}
        </Text>
        <div data-testid="tier-run" data-status={run.status}>
          {run.status === "done" ? (
            <Text as="p">{t.done(run.checked, run.upgraded)}</Text>
          ) : run.status === "failed" ? (
            <Text as="p" tone="critical">
              {t.failed}
            </Text>
          ) : (
            <BlockStack gap="200">
              <Text as="p" id="tier-run-progress">
                {run.status === "queued"
                  ? t.queued
                  : t.progress(run.checked, run.total, run.upgraded)}
              </Text>
              <ProgressBar progress={percent} size="small" ariaLabelledBy="tier-run-progress" />
            </BlockStack>
          )}
        </div>
      </BlockStack>
    </Card>
  );
}
