// Home: the program at a glance.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { programOverview } from "~/services/program-overview.server";
import { getDb } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return programOverview(getDb(), session.shop);
}

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const stats = [
    { label: "Members", value: overview.members.toLocaleString("en") },
    { label: "Points outstanding", value: overview.pointsOutstanding.toLocaleString("en") },
    { label: "Orders credited", value: overview.ordersCredited.toLocaleString("en") },
  ];
  return (
    <Page title="Tally loyalty">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
            {stats.map((stat) => (
              <Card key={stat.label}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm" tone="subdued">{stat.label}</Text>
                  <Text as="p" variant="heading2xl">{stat.value}</Text>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Your program</Text>
              <Text as="p">{overview.earnSummary}</Text>
              <Text as="p">Tiers: {overview.tiers.map((tier) => `${tier.name} (${tier.threshold.toLocaleString("en")}+, ×${tier.multiplier / 100})`).join(" · ")}</Text>
              <Text as="p" tone="subdued">Program version {overview.programVersion}{overview.programEnabled ? "" : " — switched off"}</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
