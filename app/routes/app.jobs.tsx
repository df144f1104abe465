// Background jobs: when each last ran, what it did for this shop, and its failures; and the
// deliveries from Shopify that need attention (dead letters), with Replay and Dismiss.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
import { readFormFields } from "~/admin/request-body.server";
import { staffIdOf } from "~/admin/staff.server";
import { DeadLettersCard } from "~/components/jobs/DeadLettersCard";
import { RouteError } from "~/components/RouteError";
import { adminText, currentAdminLocale } from "~/i18n";
import { replayDeadLetter } from "~/services/dead-letter-replay.server";
import { deadLetterOverview, dismissDeadLetter } from "~/services/dead-letters.server";
import { jobOverview } from "~/services/job-overview.server";
import { tierRunOverview } from "~/services/tier-run.server";
import { TierRunCard, useTierRunPolling } from "~/components/program/TierRunCard";
import { authenticate } from "~/shopify.server";
import { isTransientFailure, withDb, withSql } from "~/services/process-handles.server";

const t = adminText.jobs;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [jobs, deadLetters, tierRun] = await Promise.all([
    withSql(jobOverview)(session.shop),
    withDb(deadLetterOverview)(session.shop),
    withSql(tierRunOverview)(session.shop),
  ]);
  return json({ jobs, deadLetters, tierRun });
}

const INTENTS = { replay: "replay", dismiss: "dismiss" } as const;

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const form = await readFormFields(request);
  const shop = auth.session.shop;
  const now = new Date();
  try {
    switch (form.intent) {
      case INTENTS.replay: {
        const result = await withDb(replayDeadLetter)(
          shop,
          String(form.id ?? ""),
          staffIdOf(auth),
          now,
        );
        if (result.ok) return json({ status: "replayed" as const });
        return result.status === 404
          ? json({ status: "gone" as const, message: result.message }, { status: 404 })
          : json({ status: "failed" as const, message: result.message }, { status: 422 });
      }
      case INTENTS.dismiss: {
        const result = await withDb(dismissDeadLetter)(shop, form, staffIdOf(auth), now);
        if (result.ok) return json({ status: "dismissed" as const });
        return result.status === 404
          ? json({ status: "gone" as const, message: result.message }, { status: 404 })
          : json(
              { status: "invalid" as const, errors: { reason: result.message } },
              { status: 422 },
            );
      }
      default:
        return json(
          { status: "invalid" as const, errors: {}, message: adminText.errors.unknownAction },
          { status: 400 },
        );
    }
  } catch (error) {
    // The database did not answer: nothing changed, the merchant can try again.
    if (!isTransientFailure(error)) throw error;
    return json(
      { status: "unavailable" as const, message: adminText.common.unknownError },
      { status: 503 },
    );
  }
}

function every(ms: number): string {
  if (ms < 60_000) return t.seconds(Math.round(ms / 1000));
  if (ms < 3_600_000) return t.minutes(Math.round(ms / 60_000));
  return t.hours(Math.round(ms / 3_600_000));
}

function when(iso: string | null): string {
  return iso
    ? t.utc(
        new Date(iso).toLocaleString(currentAdminLocale(), {
          dateStyle: "medium",
          timeStyle: "medium",
          timeZone: "UTC",
        }),
      )
    : t.notYet;
}

export default function Jobs() {
  const { jobs, deadLetters, tierRun } = useLoaderData<typeof loader>();
  useTierRunPolling(tierRun);
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
          .map(([key, value]) => `${key}: ${value.toLocaleString(currentAdminLocale())}`)
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
        {deadLetters.open > 0 && (
          <Layout.Section>
            <DeadLettersCard open={deadLetters.open} letters={deadLetters.letters} />
          </Layout.Section>
        )}
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
        {tierRun && (
          <Layout.Section>
            <TierRunCard run={tierRun} />
          </Layout.Section>
        )}
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
                    reconciliation.checked.toLocaleString(currentAdminLocale()),
                    reconciliation.applied.toLocaleString(currentAdminLocale()),
                    reconciliation.failed.toLocaleString(currentAdminLocale()),
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
