// Background jobs: when each last ran, what it did for this shop, and its failures.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  EmptyState,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { RouteError } from "~/components/RouteError";
import { getSql } from "~/db.server";
import { en } from "~/i18n/en";
import { jobOverview } from "~/services/job-overview.server";
import { authenticate } from "~/shopify.server";

const t = en.jobs;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json({ jobs: await jobOverview(getSql(), session.shop) });
}

function every(ms: number): string {
  if (ms < 60_000) return t.seconds(Math.round(ms / 1000));
  if (ms < 3_600_000) return t.minutes(Math.round(ms / 60_000));
  return t.hours(Math.round(ms / 3_600_000));
}

function when(iso: string | null): string {
  return iso
    ? t.utc(
        new Date(iso).toLocaleString("en", {
          dateStyle: "medium",
          timeStyle: "medium",
          timeZone: "UTC",
        }),
      )
    : t.notYet;
}

export default function Jobs() {
  const { jobs } = useLoaderData<typeof loader>();
  const rows = jobs.map((job) => [
    t.labels[job.job] ?? job.job,
    every(job.intervalMs),
    when(job.lastRunAt),
    job.lastStatus === null ? (
      <Badge key="s">{t.waiting}</Badge>
    ) : job.lastStatus === "ok" ? (
      <Badge key="s" tone="success">
        {t.ok}
      </Badge>
    ) : (
      <Badge key="s" tone="critical">
        {t.failed}
      </Badge>
    ),
    job.counts
      ? Object.entries(job.counts)
          .map(([key, value]) => `${key}: ${value.toLocaleString("en")}`)
          .join(", ")
      : "—",
    job.failures ? t.failures(job.failures, when(job.lastFailureAt)) : t.none,
  ]);
  const failing = jobs.filter((job) => job.lastStatus === "failed" && job.lastError);
  const reconciliation = jobs.find((job) => job.reconciliation)?.reconciliation;
  const neverRan = jobs.every((job) => job.lastRunAt === null);
  return (
    <Page title={t.title}>
      <Layout>
        {neverRan && (
          <Layout.Section>
            <Card>
              <EmptyState heading={t.empty} image="">
                <p>{t.emptyHelp}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={t.headings}
              rows={rows}
            />
          </Card>
        </Layout.Section>
        {reconciliation && (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.reconciliation}
                </Text>
                <Text as="p" tone="subdued">
                  {t.reconciliationHelp}
                </Text>
                <Text as="p">
                  {reconciliation.watermark
                    ? t.reconciledUntil(when(reconciliation.watermark))
                    : t.notReconciledYet}
                </Text>
                <Text as="p">
                  {t.reconciliationCounts(
                    reconciliation.inProgress,
                    reconciliation.checked.toLocaleString("en"),
                    reconciliation.applied.toLocaleString("en"),
                    reconciliation.failed.toLocaleString("en"),
                  )}
                </Text>
                {reconciliation.failures.map((failure) => (
                  <Text as="p" key={failure.orderId} tone="critical">
                    {t.reconciliationFailure(failure.orderId, failure.reason)}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        {failing.length > 0 && (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.lastErrors}
                </Text>
                {failing.map((job) => (
                  <Text as="p" key={job.job} tone="critical">
                    {t.labels[job.job] ?? job.job}: {job.lastError}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
