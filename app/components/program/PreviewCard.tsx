// Live preview of the draft: computed in the browser with the domain's own earning function.
import { BlockStack, Card, Text, TextField } from "@shopify/polaris";
import { useMemo, useState } from "react";
import { adminText } from "~/i18n";
import { formatMoney } from "~/i18n/format";
import { formatMinor, parseDecimalToMinor } from "~/loyalty/money";
import { previewableProgram, previewOrderEarning } from "~/loyalty/preview";

const t = adminText.program;

export function PreviewCard({
  draft,
  currency,
  currencyExponent,
}: {
  draft: unknown;
  currency: string;
  currencyExponent: number;
}) {
  const [amountText, setAmountText] = useState(
    formatMinor(12345 * 10 ** Math.max(0, currencyExponent - 2), currencyExponent),
  );
  const preview = useMemo(() => {
    const program = previewableProgram(draft);
    let amount: number;
    try {
      amount = parseDecimalToMinor(amountText.trim(), currencyExponent);
    } catch {
      return null;
    }
    if (!program || amount < 0) return null;
    return {
      result: previewOrderEarning(program, amount, new Date()),
      pointsName: program.pointsName,
    };
  }, [draft, amountText, currencyExponent]);
  const [entry, ...higher] = preview?.result.byTier ?? [];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t.preview}
        </Text>
        <TextField
          label={t.previewAmount(currency)}
          value={amountText}
          onChange={setAmountText}
          autoComplete="off"
          inputMode="decimal"
        />
        {preview && entry ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodyLg" fontWeight="semibold">
              <span data-testid="preview-sentence">
                {t.previewSentence(
                  formatMoney(preview.result.amount, {
                    currencyCode: currency,
                    currencyExponent,
                  }),
                  entry.points,
                  preview.pointsName,
                )}
              </span>
            </Text>
            {higher.map((tier) => (
              <Text as="p" key={tier.tier}>
                {t.previewTier(tier.tier, tier.points, preview.pointsName)}
              </Text>
            ))}
            {preview.result.campaign ? (
              <Text as="p" tone="subdued">
                {t.previewCampaign(preview.result.campaign)}
              </Text>
            ) : null}
            <Text as="p" tone="subdued">
              {t.previewBonusesNote}
            </Text>
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            {t.previewInvalid}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
