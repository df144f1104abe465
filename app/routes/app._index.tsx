// Home: the first-run checklist and the program at a glance.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { SetupChecklist } from "~/components/home/SetupChecklist";
import { RouteError } from "~/components/RouteError";
import { getDb } from "~/db.server";
import { en } from "~/i18n/en";
import { programOverview } from "~/services/program-overview.server";
import { loadSetupChecklist, markPlacement } from "~/services/setup-checklist.server";
import { authenticate } from "~/shopify.server";

const t = en.home;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [overview, checklist] = await Promise.all([programOverview(getDb(), session.shop), loadSetupChecklist(getDb(), session.shop, new Date())]);
  return json({ ...overview, checklist });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = z.object({ placement: z.enum(["checkout", "accounts"]), done: z.enum(["0", "1"]) }).safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ ok: false, message: form.error.issues[0].message }, { status: 422 });
  await markPlacement(getDb(), session.shop, form.data.placement, form.data.done === "1", new Date());
  return json({ ok: true });
}

export default function Home() {
  const overview = useLoaderData<typeof loader>();
  const stats = [
    { label: t.members, value: overview.members.toLocaleString("en") },
    { label: t.pointsOutstanding, value: overview.pointsOutstanding.toLocaleString("en") },
    { label: t.ordersCredited, value: overview.ordersCredited.toLocaleString("en") },
  ];
  const { checklist } = overview;
  const setupDone = checklist.programOn && checklist.firstOrderSeen && checklist.checkoutPlaced && checklist.accountsPlaced;
  return (
    <Page title={t.title}>
      <Layout>
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
              <Text as="h2" variant="headingMd">{t.yourProgram}</Text>
              <Text as="p">{overview.earnSummary}</Text>
              <Text as="p">{t.tiers}: {overview.tiers.map((tier) => `${tier.name} (${tier.threshold.toLocaleString("en")}+, ×${tier.multiplier / 100})`).join(" · ")}</Text>
              <Text as="p" tone="subdued">{t.version(overview.programVersion, overview.programEnabled)}</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
