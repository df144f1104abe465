// The rewards catalogue: what points buy.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Link, Page, Text } from "@shopify/polaris";
import { RouteError } from "~/components/RouteError";
import { adminText } from "~/i18n";
import { formatMoney } from "~/i18n/format";
import { listRewards, shopCurrency } from "~/services/admin-reads.server";
import { authenticate } from "~/shopify.server";
import { withDb } from "~/services/process-handles.server";

const t = adminText.rewards;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shopRow = await withDb(shopCurrency)(session.shop);
  return json({
    rewards: await withDb(listRewards)(session.shop),
    currencyCode: shopRow.currencyCode,
    currencyExponent: shopRow.currencyExponent,
  });
}

export default function RewardsPage() {
  const { rewards, currencyCode, currencyExponent } = useLoaderData<typeof loader>();
  const valueOf = (reward: (typeof rewards)[number]) =>
    reward.kind === "percentage"
      ? `${reward.value}%`
      : reward.value !== null
        ? formatMoney(reward.value, { currencyCode, currencyExponent })
        : "";
  return (
    <Page title={t.title} primaryAction={{ content: t.add, url: "/app/rewards/new" }}>
      <Card padding="0">
        {rewards.length === 0 ? (
          <EmptyState
            heading={t.empty}
            image=""
            action={{ content: t.add, url: "/app/rewards/new" }}
          >
            <p>{t.emptyHelp}</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={t.resource}
            itemCount={rewards.length}
            selectable={false}
            headings={[
              { title: adminText.rewards.fields.title },
              { title: adminText.rewards.fields.kind },
              { title: "" },
              { title: adminText.rewards.fields.cost, alignment: "end" },
            ]}
          >
            {rewards.map((reward, index) => (
              <IndexTable.Row id={reward.id} key={reward.id} position={index}>
                <IndexTable.Cell>
                  <Link url={`/app/rewards/${reward.id}`} removeUnderline>
                    {reward.title}
                  </Link>{" "}
                  {reward.enabled ? null : <Badge>{t.off}</Badge>}
                </IndexTable.Cell>
                <IndexTable.Cell>{t.kind[reward.kind]}</IndexTable.Cell>
                <IndexTable.Cell>{valueOf(reward)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {t.cost(reward.cost)}
                  </Text>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
