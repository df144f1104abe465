// Referrals as a table (the Referrals page and the member page's card), with approve/reject on a
// held referral; the decision posts to /app/referrals.
import { Link as RemixLink, useFetcher } from "@remix-run/react";
import { Badge, Button, DataTable, InlineStack, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { useToast } from "~/components/useToast";
import { adminText } from "~/i18n";
import { formatMoney } from "~/i18n/format";

const t = adminText.referrals;

export interface ReferralRow {
  id: string;
  advocateId: string;
  advocateEmail: string | null;
  status: string;
  reason: string | null;
  shopifyOrderId: string | null;
  orderSubtotal: number | null;
  advocatePoints: number;
  createdAt: string;
}

const TONE: Record<string, "success" | "attention" | "critical" | "info" | undefined> = {
  completed: "success",
  held: "attention",
  rejected: "critical",
  reversed: "critical",
  qualified: "info",
};

function Decide({ id }: { id: string }) {
  const fetcher = useFetcher<{ status: string; message?: string }>();
  const toast = useToast();
  const busy = fetcher.state !== "idle";
  const answer = fetcher.data;
  // A toast, not text in the row: the decided referral may leave the list when it reloads.
  useEffect(() => {
    if (answer?.message) toast(answer.message, { isError: answer.status === "not_held" });
  }, [answer, toast]);
  const decide = (decision: "approve" | "reject") =>
    fetcher.submit({ referralId: id, decision }, { method: "post", action: "/app/referrals" });
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button size="slim" disabled={busy} onClick={() => decide("approve")}>
        {t.approve}
      </Button>
      <Button size="slim" tone="critical" disabled={busy} onClick={() => decide("reject")}>
        {t.reject}
      </Button>
    </InlineStack>
  );
}

export function ReferralsTable({
  referrals,
  currency,
  showAdvocate = true,
}: {
  referrals: ReferralRow[];
  currency: { currencyCode: string; currencyExponent: number };
  showAdvocate?: boolean;
}) {
  const rows = referrals.map((referral) => [
    referral.createdAt.slice(0, 10),
    showAdvocate ? (
      <RemixLink to={`/app/members/${referral.advocateId}`}>
        {referral.advocateEmail ?? referral.advocateId}
      </RemixLink>
    ) : null,
    <InlineStack key="status" gap="200" blockAlign="center">
      <Badge tone={TONE[referral.status]}>{t.status[referral.status] ?? referral.status}</Badge>
      {referral.reason ? (
        <Text as="span">{t.reason[referral.reason] ?? referral.reason}</Text>
      ) : null}
      {referral.status === "held" ? <Decide id={referral.id} /> : null}
    </InlineStack>,
    referral.shopifyOrderId ?? t.none,
    referral.orderSubtotal === null ? t.none : formatMoney(referral.orderSubtotal, currency),
    referral.advocatePoints || t.none,
  ]);
  const columns = t.columns.filter((_, index) => showAdvocate || index !== 1);
  return (
    <DataTable
      columnContentTypes={columns.map(() => "text")}
      headings={columns}
      rows={rows.map((row) => row.filter((_, index) => showAdvocate || index !== 1))}
    />
  );
}
