// One member: figures, tier progress, points history, recent orders with "why did this order earn
// what it did", and a manual adjustment with a required reason.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  FormLayout,
  InlineGrid,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { isRecordId } from "~/utils/record-id";
import { conflict, invalid, parseFields, unknownIntent } from "~/admin/form-result";
import { readFormFields } from "~/admin/request-body.server";
import { tierOverrideForm } from "~/admin/request-schemas.server";
import { staffIdOf } from "~/admin/staff.server";
import { ScrollableDataTable } from "~/components/ScrollableDataTable";
import { RouteError } from "~/components/RouteError";
import { MemberReferralsCard } from "~/components/referrals/MemberReferralsCard";
import { useFormOutcome } from "~/components/forms/useFormOutcome";
import { useToast } from "~/components/useToast";
import { adminText } from "~/i18n";
import { formatCount, formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { explainOrder } from "~/services/explain-order.server";
import { adjustMemberPoints, adjustmentSchema } from "~/services/member-adjustment.server";
import { memberDetail } from "~/services/member-detail.server";
import { referralsOverview } from "~/services/referrals.server";
import { setTierOverride, TierOverrideError } from "~/services/tier-override.server";
import { authenticate } from "~/shopify.server";
import { shopCurrency } from "~/services/admin-reads.server";
import { withDb, withDbAndSql, withSql } from "~/services/process-handles.server";

const t = adminText.member;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const detail = isRecordId(params.id)
    ? await withDbAndSql(memberDetail)(
        session.shop,
        params.id,
        new Date(),
        url.searchParams.get("before"),
      )
    : null;
  if (!detail) throw json({ message: t.notFound }, { status: 404 });
  const orderId = url.searchParams.get("order");
  // Only this member's orders are explained here.
  const explanation =
    orderId && detail.orders.some((order) => order.shopifyOrderId === orderId)
      ? await withDbAndSql(explainOrder)(session.shop, orderId)
      : null;
  const shopRow = await withDb(shopCurrency)(session.shop);
  // Friends this member referred (decision 036), with approve/reject on held ones.
  const { referrals } = await withSql(referralsOverview)(
    session.shop,
    { advocateId: detail.member.id },
    new Date(),
  );
  // A fresh nonce per render: the adjustment form's idempotency key.
  return json({
    ...detail,
    explanation,
    currency: shopRow,
    referrals,
    nonce: crypto.randomUUID(),
  });
}

async function overrideTier(
  auth: Awaited<ReturnType<typeof authenticate.admin>>,
  customerId: string,
  form: Record<string, string>,
) {
  const parsed = parseFields(tierOverrideForm, form);
  if (!parsed.ok) return invalid(parsed.errors);
  try {
    const result = await withSql(setTierOverride)({
      shop: auth.session.shop,
      customerId,
      tierName: parsed.data.tierName,
      staffId: staffIdOf(auth),
      reason: parsed.data.reason,
      now: new Date(),
    });
    return json({ status: "tierOverridden" as const, ...result });
  } catch (error) {
    if (!(error instanceof TierOverrideError)) throw error;
    if (error.code === "CUSTOMER_NOT_FOUND" || error.code === "SHOP_NOT_FOUND")
      throw json({ message: t.notFound }, { status: 404 });
    return invalid({ [error.code === "UNKNOWN_TIER" ? "tierName" : "reason"]: error.message });
  }
}

const INTENTS = ["adjust", "tierOverride"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  if (!isRecordId(params.id)) throw json({ message: t.notFound }, { status: 404 });
  const form = await readFormFields(request);
  switch (form.intent) {
    case "adjust":
      return adjustPoints(auth, params.id, form);
    case "tierOverride":
      return overrideTier(auth, params.id, form);
    default:
      return unknownIntent(form.intent, INTENTS);
  }
}

async function adjustPoints(
  auth: Awaited<ReturnType<typeof authenticate.admin>>,
  customerId: string,
  form: Record<string, string>,
) {
  const parsed = parseFields(adjustmentSchema, form);
  if (!parsed.ok) return invalid(parsed.errors);
  const outcome = await withSql(adjustMemberPoints)(
    auth.session.shop,
    customerId,
    parsed.data,
    staffIdOf(auth),
    new Date(),
  );
  if (outcome.status === "not_found") throw json({ message: t.notFound }, { status: 404 });
  if (outcome.status === "insufficient")
    return invalid({ points: t.insufficient(outcome.balance) });
  if (outcome.status === "over_limit") return invalid({ points: t.overLimit });
  if (outcome.status === "conflict") return conflict(t.conflict);
  return json({ status: outcome.status, points: parsed.data.points });
}

function AdjustCard({ nonce }: { nonce: string }) {
  const fetcher = useFetcher<typeof action>({ key: "adjust-points" });
  const toast = useToast();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  // What was typed stays, with the message under its field, until the adjustment is applied.
  const errors = useFormOutcome(fetcher, (data) => {
    if (data.status === "applied") {
      toast(t.adjusted(data.points));
      setPoints("");
      setReason("");
    } else if (data.status === "duplicate") toast(t.adjustDuplicate);
  });
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t.adjust}
          </Text>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="nonce" value={nonce} />
          <FormLayout>
            <TextField
              label={t.adjustPoints}
              name="points"
              value={points}
              onChange={setPoints}
              autoComplete="off"
              inputMode="numeric"
              error={errors.points}
            />
            <TextField
              label={t.adjustReason}
              name="reason"
              value={reason}
              onChange={setReason}
              autoComplete="off"
              multiline={2}
              error={errors.reason}
            />
          </FormLayout>
          {errors.nonce ? <Banner tone="critical">{errors.nonce}</Banner> : null}
          <Box>
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              {t.adjustSubmit}
            </Button>
          </Box>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function TierOverrideCard({ tierNames, current }: { tierNames: string[]; current: string | null }) {
  const fetcher = useFetcher<typeof action>({ key: "tier-override" });
  const toast = useToast();
  const [tierName, setTierName] = useState(current ?? "");
  const [reason, setReason] = useState("");
  const errors = useFormOutcome(fetcher, (data) => {
    if (data.status !== "tierOverridden") return;
    toast(
      data.changed
        ? t.tierOverridden(data.tierName, data.override !== null)
        : t.tierOverrideUnchanged,
    );
    setReason("");
  });
  return (
    <fetcher.Form method="post">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t.tierOverride}
        </Text>
        <Text as="p" tone="subdued">
          {current ? t.tierOverrideCurrent(current) : t.tierOverrideHelp}
        </Text>
        <input type="hidden" name="intent" value="tierOverride" />
        <FormLayout>
          <Select
            label={t.tierOverrideTier}
            name="tierName"
            options={[
              { label: t.tierOverrideNone, value: "" },
              ...tierNames.map((name) => ({ label: name, value: name })),
            ]}
            value={tierName}
            onChange={setTierName}
            error={errors.tierName}
          />
          <TextField
            label={t.tierOverrideReason}
            name="reason"
            value={reason}
            onChange={setReason}
            autoComplete="off"
            error={errors.reason}
          />
        </FormLayout>
        <Box>
          <Button submit loading={fetcher.state !== "idle"}>
            {t.tierOverrideSubmit}
          </Button>
        </Box>
      </BlockStack>
    </fetcher.Form>
  );
}

export default function MemberPage() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { member, tier } = data;
  const name =
    [member.firstName, member.lastName].filter(Boolean).join(" ") ||
    member.email ||
    adminText.members.unnamed;
  const figures = [
    { label: t.balance, value: member.balance },
    { label: t.pending, value: member.pending },
    { label: t.lifetime, value: member.lifetimeEarned },
    { label: t.orders, value: member.orderCount },
  ];
  const explanation = data.explanation;
  return (
    <Page
      title={name}
      subtitle={member.email ?? undefined}
      backAction={{ content: adminText.members.title, url: "/app/members" }}
      titleMetadata={<Badge tone="info">{tier.tier.name}</Badge>}
      secondaryActions={
        data.shopifyCustomerUrl
          ? [
              {
                content: t.openInShopify,
                url: data.shopifyCustomerUrl,
                target: "_top",
                external: true,
              },
            ]
          : undefined
      }
    >
      <Layout>
        {member.redacted ? (
          <Layout.Section>
            <Banner tone="warning">{t.redacted}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
              {figures.map((figure) => (
                <Card key={figure.label}>
                  <BlockStack gap="100">
                    <Text as="h3" variant="headingSm" tone="subdued">
                      {figure.label}
                    </Text>
                    <Text
                      as="p"
                      variant="headingXl"
                      tone={figure.value < 0 ? "critical" : undefined}
                    >
                      <span data-testid={`figure-${figure.label}`}>
                        {formatCount(figure.value)}
                      </span>
                    </Text>
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.ledger}
                </Text>
                {data.entries.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t.ledgerEmpty}
                  </Text>
                ) : (
                  <ScrollableDataTable
                    label={t.ledger}
                    columnContentTypes={["text", "text", "numeric"]}
                    headings={[t.date, t.what, t.points]}
                    rows={data.entries.map((entry) => [
                      formatDateTime(entry.createdAt, data.timeZone),
                      entry.description,
                      `${entry.points > 0 ? "+" : ""}${formatCount(entry.points)}`,
                    ])}
                  />
                )}
                <Box>
                  {searchParams.get("before") ? (
                    <RemixLink to="?">{t.newestEntries}</RemixLink>
                  ) : null}{" "}
                  {data.olderEntries ? (
                    <RemixLink to={`?before=${data.olderEntries}`}>{t.olderEntries}</RemixLink>
                  ) : null}
                </Box>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.tier}
                </Text>
                <Text as="p">
                  {tier.tier.name}
                  {tier.nextTier
                    ? ` · ${t.nextTier(tier.nextTier.remaining, tier.nextTier.name)}`
                    : ` · ${t.topTier}`}
                </Text>
                <TierOverrideCard tierNames={data.tierNames} current={member.tierOverride} />
              </BlockStack>
            </Card>
            <AdjustCard nonce={data.nonce} />
            <MemberReferralsCard referrals={data.referrals} currency={data.currency} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.recentOrders}
                </Text>
                <List>
                  {data.orders.map((order) => {
                    const params = new URLSearchParams(searchParams);
                    params.set("order", order.shopifyOrderId);
                    return (
                      <List.Item key={order.shopifyOrderId}>
                        {order.name ?? `#${order.shopifyOrderId}`} ·{" "}
                        {formatDate(order.placedAt, data.timeZone)} ·{" "}
                        {formatMoney(order.subtotal, data.currency)} ·{" "}
                        {formatCount(order.pointsCredited)} {data.pointsName}{" "}
                        <RemixLink
                          to={`?${params}`}
                          preventScrollReset
                          aria-label={t.explainOrder(order.name ?? `#${order.shopifyOrderId}`)}
                        >
                          {t.explain}
                        </RemixLink>
                      </List.Item>
                    );
                  })}
                </List>
                {explanation ? (
                  <Box paddingBlockStart="200">
                    <BlockStack gap="100">
                      <Text as="h3" variant="headingSm">
                        {t.explanation(explanation.name ?? `#${explanation.shopifyOrderId}`)}
                      </Text>
                      <Text as="p" tone="subdued">
                        {t.programVersion(explanation.programVersion)}
                      </Text>
                      <List>
                        {explanation.reasons.map((reason) => (
                          <List.Item key={reason}>{reason}</List.Item>
                        ))}
                      </List>
                    </BlockStack>
                  </Box>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.redemptions}
                </Text>
                {data.redemptions.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t.redemptionsEmpty}
                  </Text>
                ) : (
                  <ScrollableDataTable
                    label={t.redemptions}
                    columnContentTypes={["text", "text", "text", "numeric", "text"]}
                    headings={[t.date, t.reward, t.code, t.points, t.status]}
                    rows={data.redemptions.map((redemption) => [
                      formatDate(redemption.createdAt, data.timeZone),
                      redemption.rewardTitle,
                      redemption.code ?? "—",
                      formatCount(redemption.points),
                      redemption.status === "issued" && redemption.expiresAt
                        ? t.expiresOn(
                            redemption.statusText,
                            formatDate(redemption.expiresAt, data.timeZone),
                          )
                        : redemption.statusText,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
            {data.tierChanges.length ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t.tierHistory}
                  </Text>
                  <ScrollableDataTable
                    label={t.tierHistory}
                    columnContentTypes={["text", "text", "text"]}
                    headings={[t.date, t.tierMove, t.tierReason]}
                    rows={data.tierChanges.map((change) => [
                      formatDate(change.createdAt, data.timeZone),
                      t.tierMoved(change.fromTier, change.toTier),
                      change.reason,
                    ])}
                  />
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
