// The home page's first-run checklist: detected steps show as done by themselves; placement of the
// extensions can only be marked by the merchant, and the card says so.
import { useFetcher } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { adminText } from "~/i18n";

const t = adminText.checklist;

export interface ChecklistData {
  programOn: boolean;
  firstOrderSeen: boolean;
  checkoutPlaced: boolean;
  accountsPlaced: boolean;
  links: { checkoutEditor: string; accountsEditor: string };
}

interface Step {
  id: string;
  title: string;
  help: string;
  done: boolean;
  action?: { label: string; url: string; external?: boolean };
  /** Set for steps the app cannot detect: the merchant marks them. */
  placement?: "checkout" | "accounts";
  /** A condition of the step the merchant must know before doing it. */
  note?: string;
}

export function SetupChecklist({ data }: { data: ChecklistData }) {
  const fetcher = useFetcher({ key: "setup-checklist" });
  const steps: Step[] = [
    {
      id: "program",
      title: t.programOn,
      help: t.programOnHelp,
      done: data.programOn,
      action: { label: t.programOnAction, url: "/app/program" },
    },
    {
      id: "checkout",
      title: t.checkout,
      help: t.checkoutHelp,
      note: t.checkoutPlusOnly,
      done: data.checkoutPlaced,
      action: { label: t.checkoutAction, url: data.links.checkoutEditor, external: true },
      placement: "checkout",
    },
    {
      id: "accounts",
      title: t.accounts,
      help: t.accountsHelp,
      done: data.accountsPlaced,
      action: { label: t.accountsAction, url: data.links.accountsEditor, external: true },
      placement: "accounts",
    },
    { id: "order", title: t.testOrder, help: t.testOrderHelp, done: data.firstOrderSeen },
  ];
  const done = steps.filter((step) => step.done).length;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t.title}
          </Text>
          <Text as="span" tone="subdued">
            {t.progress(done, steps.length)}
          </Text>
        </InlineStack>
        <ProgressBar progress={(done / steps.length) * 100} size="small" tone="success" />
        {steps.map((step) => (
          <Box key={step.id} paddingBlock="200" borderBlockStartWidth="025" borderColor="border">
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Badge tone={step.done ? "success" : undefined}>
                  {step.done ? t.done : t.notDone}
                </Badge>
                <Text as="h3" variant="headingSm">
                  {step.title}
                </Text>
              </InlineStack>
              <Text as="p" tone="subdued">
                {step.help}
              </Text>
              {step.note ? <Text as="p">{step.note}</Text> : null}
              {step.placement ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {t.notDetectable}
                </Text>
              ) : null}
              <InlineStack gap="200">
                {step.action && !step.done ? (
                  <Button url={step.action.url} target={step.action.external ? "_top" : undefined}>
                    {step.action.label}
                  </Button>
                ) : null}
                {step.placement ? (
                  <fetcher.Form method="post">
                    <input type="hidden" name="placement" value={step.placement} />
                    <input type="hidden" name="done" value={step.done ? "0" : "1"} />
                    <Button submit variant="plain">
                      {step.done ? t.markNotDone : t.markDone}
                    </Button>
                  </fetcher.Form>
                ) : null}
              </InlineStack>
            </BlockStack>
          </Box>
        ))}
      </BlockStack>
    </Card>
  );
}
