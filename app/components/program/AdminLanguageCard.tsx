// "Admin language": follow Shopify's admin (default) or one of Tally's languages, per staff member.
import { useFetcher } from "@remix-run/react";
import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { useToast } from "~/components/useToast";
import {
  ADMIN_LOCALES,
  adminText,
  LANGUAGE_NAMES,
  type AdminLanguageChoice,
  type AdminLocale,
} from "~/i18n";

export function AdminLanguageCard({
  choice,
  shopifyLocale,
}: {
  choice: AdminLanguageChoice;
  shopifyLocale: AdminLocale;
}) {
  const t = adminText.adminLanguage;
  const fetcher = useFetcher<{ status: string; message: string }>({ key: "admin-language" });
  const toast = useToast();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data)
      toast(fetcher.data.message, { isError: fetcher.data.status !== "saved" });
  }, [fetcher.state, fetcher.data, toast]);
  const options = [
    { label: t.followShopify(LANGUAGE_NAMES[shopifyLocale]), value: "shopify" },
    ...ADMIN_LOCALES.map((locale) => ({ label: LANGUAGE_NAMES[locale], value: locale })),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t.title}
        </Text>
        <Text as="p" tone="subdued">
          {t.help}
        </Text>
        <Select
          label={t.label}
          options={options}
          value={choice}
          disabled={fetcher.state !== "idle"}
          onChange={(value) =>
            fetcher.submit({ choice: value }, { method: "post", action: "/app/language" })
          }
        />
      </BlockStack>
    </Card>
  );
}
