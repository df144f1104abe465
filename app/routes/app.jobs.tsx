// Background jobs: when each last ran, what it did for this shop, and its failures.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { getSql } from "~/db.server";
import { jobOverview } from "~/services/job-overview.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json({ jobs: await jobOverview(getSql(), session.shop) });
}

const LABELS: Record<string, string> = {
  "metafield-push": "Metafield and tag sync",
  "redemption-release": "Release of unused reward codes",
  "pending-maturation": "Pending points becoming spendable",
  "point-expiry": "Point expiry and expiring-soon notices",
  "tier-reevaluation": "Tier re-evaluation",
  "ledger-verify": "Ledger verification",
};

function every(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC" : "Not yet";
}

export default function Jobs() {
  const { jobs } = useLoaderData<typeof loader>();
  const rows = jobs.map((job) => [
    LABELS[job.job] ?? job.job,
    every(job.intervalMs),
    when(job.lastRunAt),
    job.lastStatus === null ? <Badge key="s">Waiting</Badge> : job.lastStatus === "ok" ? <Badge key="s" tone="success">OK</Badge> : <Badge key="s" tone="critical">Failed</Badge>,
    job.counts ? Object.entries(job.counts).map(([key, value]) => `${key}: ${value.toLocaleString("en")}`).join(", ") : "—",
    job.failures ? `${job.failures} (last ${when(job.lastFailureAt)})` : "None",
  ]);
  const failing = jobs.filter((job) => job.lastStatus === "failed" && job.lastError);
  return (
    <Page title="Background jobs">
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["Job", "Every", "Last run", "Status", "Last run did", "Failures"]}
              rows={rows}
            />
          </Card>
        </Layout.Section>
        {failing.length > 0 && (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Last errors</Text>
                {failing.map((job) => (
                  <Text as="p" key={job.job} tone="critical">{LABELS[job.job] ?? job.job}: {job.lastError}</Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
