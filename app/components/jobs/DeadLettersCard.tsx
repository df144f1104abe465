// "Deliveries needing attention" on the Background jobs page: the shop's open dead letters with
// Replay and Dismiss (docs/decisions/029). Each row posts to the jobs route's action.
import { useFetcher } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useToast } from "~/components/useToast";
import { adminText, currentAdminLocale } from "~/i18n";

const t = adminText.deadLetters;

export interface DeadLetterRow {
  id: string;
  topic: string;
  reasonCode: string;
  /** The "Details" line, worded in the admin's language unless it is an error's own text. */
  details: { text: string; technical: boolean };
  shopifyOrderId: string | null;
  shopifyCustomerId: string | null;
  attempts: number;
  receivedAt: string;
}

type ActionData =
  | { status: "replayed" | "dismissed" }
  | { status: "failed" | "gone" | "unavailable"; message: string }
  | { status: "invalid"; errors: { reason?: string } };

const whenUtc = (iso: string) =>
  `${new Date(iso).toLocaleString(currentAdminLocale(), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

function LetterRow({ letter }: { letter: DeadLetterRow }) {
  const replay = useFetcher<ActionData>({ key: `replay-${letter.id}` });
  const dismiss = useFetcher<ActionData>({ key: `dismiss-${letter.id}` });
  const toast = useToast();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  // Toast as soon as the answer arrives: a replayed or dismissed row leaves the list when the page's
  // data reloads, so it would not be there to toast once the fetcher is idle.
  useEffect(() => {
    const data = replay.data;
    if (!data) return;
    if (data.status === "replayed") toast(t.replayed);
    else if ("message" in data) toast(t.stillFailing(data.message), { isError: true });
  }, [replay.data, toast]);
  useEffect(() => {
    const data = dismiss.data;
    if (!data) return;
    if (data.status === "dismissed") toast(t.dismissed);
    else if ("message" in data) toast(data.message, { isError: true });
  }, [dismiss.data, toast]);
  const reasonError = dismiss.data?.status === "invalid" ? dismiss.data.errors.reason : undefined;
  const about = [
    letter.shopifyOrderId ? t.order(letter.shopifyOrderId) : null,
    letter.shopifyCustomerId ? t.customer(letter.shopifyCustomerId) : null,
  ].filter(Boolean);
  return (
    <Box paddingBlock="300" data-dead-letter={letter.id}>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h3" variant="headingSm">
            {t.topics[letter.topic] ?? letter.topic}
            {about.length ? ` · ${about.join(" · ")}` : ""}
          </Text>
          <Text as="span" tone="subdued">
            {t.received(whenUtc(letter.receivedAt))} · {t.attempts(letter.attempts)}
          </Text>
        </InlineStack>
        <Text as="p">{t.reasons[letter.reasonCode] ?? t.otherReason}</Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {letter.details.technical ? t.technicalDetails : t.details}: {letter.details.text}
        </Text>
        <InlineStack gap="200">
          <replay.Form method="post">
            <input type="hidden" name="intent" value="replay" />
            <input type="hidden" name="id" value={letter.id} />
            <Button submit variant="primary" loading={replay.state !== "idle"}>
              {t.replay}
            </Button>
          </replay.Form>
          {dismissing ? null : <Button onClick={() => setDismissing(true)}>{t.dismiss}</Button>}
        </InlineStack>
        {dismissing ? (
          <dismiss.Form method="post">
            <input type="hidden" name="intent" value="dismiss" />
            <input type="hidden" name="id" value={letter.id} />
            <BlockStack gap="200">
              <TextField
                label={t.dismissReason}
                name="reason"
                value={reason}
                onChange={setReason}
                autoComplete="off"
                error={reasonError}
              />
              <InlineStack gap="200">
                <Button submit tone="critical" loading={dismiss.state !== "idle"}>
                  {t.dismissConfirm}
                </Button>
                <Button onClick={() => setDismissing(false)}>{adminText.common.cancel}</Button>
              </InlineStack>
            </BlockStack>
          </dismiss.Form>
        ) : null}
      </BlockStack>
    </Box>
  );
}

export function DeadLettersCard({ open, letters }: { open: number; letters: DeadLetterRow[] }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd" id="deliveries-needing-attention">
          {t.title}
        </Text>
        <Text as="p" tone="subdued">
          {t.help}
        </Text>
        {letters.length < open ? <Text as="p">{t.more(letters.length, open)}</Text> : null}
        {letters.map((letter, index) => (
          <BlockStack key={letter.id}>
            {index > 0 ? <Divider /> : null}
            <LetterRow letter={letter} />
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
