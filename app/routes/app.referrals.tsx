// Referrals (decision 036): the list with its figures, and staff's decision on a held referral
// (POST referralId + decision, also sent from the member page's card).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Page, Select, Text } from "@shopify/polaris";
import { readFormFields } from "~/admin/request-body.server";
import { referralDecisionForm } from "~/admin/request-schemas.server";
import { staffIdOf } from "~/admin/staff.server";
import { RouteError } from "~/components/RouteError";
import { ReferralsTable } from "~/components/referrals/ReferralsTable";
import { adminText } from "~/i18n";
import { formatMoney } from "~/i18n/format";
import { REFERRAL_STATUSES, type ReferralStatus } from "~/loyalty/referrals";
import { decideHeldReferral, referralsOverview } from "~/services/referrals.server";
import { authenticate } from "~/shopify.server";
import { installedShop, withSql } from "~/services/process-handles.server";

const t = adminText.referrals;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const requested = new URL(request.url).searchParams.get("status");
  const status = REFERRAL_STATUSES.includes(requested as ReferralStatus)
    ? (requested as ReferralStatus)
    : undefined;
  const shop = await installedShop(session.shop);
  if (!shop) throw json({ message: adminText.errors.shopNotInstalled }, { status: 404 });
  const overview = await withSql(referralsOverview)(session.shop, { status }, new Date());
  return json({
    ...overview,
    currency: { currencyCode: shop.currencyCode, currencyExponent: shop.currencyExponent },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const parsed = referralDecisionForm.safeParse(await readFormFields(request));
  if (!parsed.success)
    return json({ status: "invalid" as const, message: t.chooseDecision }, { status: 422 });
  const outcome = await withSql(decideHeldReferral)(
    auth.session.shop,
    { ...parsed.data, staffId: staffIdOf(auth) },
    new Date(),
  );
  switch (outcome.status) {
    case "not_found":
      throw json({ message: t.notFound }, { status: 404 });
    case "not_held":
      return json({ status: "not_held" as const, message: t.notHeld }, { status: 409 });
    default:
      return json({ status: outcome.referralStatus, message: t.decided });
  }
}

export default function Referrals() {
  const { referrals, figures, currency } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const money = (minor: number) => formatMoney(minor, currency);
  const kpis: [string, string][] = [
    [t.links, String(figures.links)],
    [t.converted, String(figures.converted)],
    [t.conversion, `${figures.conversionPercent}%`],
    [t.completed, String(figures.completed)],
    [t.held, String(figures.held)],
    [t.revenue, money(figures.referredRevenue)],
  ];
  return (
    <Page title={t.title} subtitle={t.intro}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t.figures(figures.days)}
              </Text>
              <InlineGrid columns={{ xs: 2, md: 6 }} gap="400">
                {kpis.map(([label, value]) => (
                  <BlockStack key={label} gap="100">
                    <Text as="p" tone="subdued">
                      {label}
                    </Text>
                    <Text as="p" variant="headingLg">
                      {value}
                    </Text>
                  </BlockStack>
                ))}
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Select
                label={t.filterAll}
                labelHidden
                options={[
                  { label: t.filterAll, value: "" },
                  ...REFERRAL_STATUSES.map((status) => ({
                    label: t.status[status],
                    value: status,
                  })),
                ]}
                value={params.get("status") ?? ""}
                onChange={(value) => setParams(value ? { status: value } : {})}
              />
              {referrals.length ? (
                <ReferralsTable referrals={referrals} currency={currency} />
              ) : (
                <Text as="p">{t.empty}</Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
