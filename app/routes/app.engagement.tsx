// Engagement settings: badges, the opt-in leaderboard, onboarding journeys and Shopify Flow
// triggers. The whole settings document is edited as a draft (the program page's fields, money
// through MoneyField) and saved in one validated write on top of the version it was loaded from.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Modal,
  Page,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { conflict, invalid } from "~/admin/form-result";
import { readFormBody } from "~/admin/request-body.server";
import { FormSaveBar } from "~/components/forms/FormSaveBar";
import { useFormOutcome } from "~/components/forms/useFormOutcome";
import type { Draft } from "~/components/program/draft";
import {
  Choice,
  DraftContext,
  MoneyField,
  TextInput,
  Toggle,
  useDraftEditor,
  WholeField,
} from "~/components/program/fields";
import { RouteError } from "~/components/RouteError";
import { useToast } from "~/components/useToast";
import { adminText, currentAdminLocale } from "~/i18n";
import type { BadgeDefinition } from "~/loyalty/badges";
import { badgeInWords, type OptionalFlowTrigger } from "~/loyalty/engagement";
import { engagementPage, updateEngagement } from "~/services/engagement-settings.server";
import { authenticate } from "~/shopify.server";
import { withDb } from "~/services/process-handles.server";

const t = adminText.engagement;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json(await withDb(engagementPage)(session.shop));
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await readFormBody(request);
  let input: unknown;
  try {
    input = JSON.parse(String(form.get("settings") ?? ""));
  } catch {
    return invalid({ settings: t.notJson });
  }
  const base = String(form.get("baseUpdatedAt") ?? "");
  if (base !== "" && Number.isNaN(Date.parse(base))) return invalid({ settings: t.notJson });
  const result = await withDb(updateEngagement)(
    session.shop,
    input,
    base === "" ? null : base,
    new Date(),
  );
  if (result.status === "invalid") return invalid(result.errors);
  if (result.status === "stale") return conflict(t.stale);
  return json(result);
}

const TRIGGER_LABELS: Record<OptionalFlowTrigger, string> = t.triggers;

/** The badge's texts in the admin's words; while a threshold is being typed, as stored. */
function shownBadge(badge: BadgeDefinition, currencyExponent: number) {
  try {
    return badgeInWords(badge, currencyExponent, t, currentAdminLocale());
  } catch {
    return { name: badge.name, description: badge.description };
  }
}

function BadgeFields({
  badge,
  index,
  currencyCode,
  currencyExponent,
  tierNames,
  onRemove,
}: {
  badge: BadgeDefinition;
  index: number;
  currencyCode: string;
  currencyExponent: number;
  tierNames: string[];
  onRemove: () => void;
}) {
  const at = (...rest: (string | number)[]) => ["badges", index, ...rest];
  const shown = shownBadge(badge, currencyExponent);
  return (
    <FormLayout>
      <Toggle
        label={`${shown.name} — ${shown.description || badge.rule.kind}`}
        path={at("enabled")}
      />
      <FormLayout.Group condensed>
        <TextInput label={t.badgeName} path={at("name")} />
        <WholeField label={t.bonusPoints} path={at("bonusPoints")} />
        {badge.rule.kind === "nth_order" ? (
          <WholeField label={t.orderNumber} path={at("rule", "orders")} />
        ) : null}
        {badge.rule.kind === "big_order" ? (
          <MoneyField label={t.bigOrder(currencyCode)} path={at("rule", "minimumBase")} />
        ) : null}
        {badge.rule.kind === "lifetime_spend" ? (
          <MoneyField label={t.lifetimeSpend(currencyCode)} path={at("rule", "amount")} />
        ) : null}
        {badge.rule.kind === "tier_reached" ? (
          <Choice
            label={t.tier}
            path={at("rule", "tierName")}
            options={tierNames.map((name) => ({ label: name, value: name }))}
          />
        ) : null}
      </FormLayout.Group>
      <TextInput
        label={t.description}
        path={at("description")}
        helpText={badge.rule.kind === "custom" ? t.customBadgeHelp(badge.id) : t.descriptionHelp}
      />
      {badge.rule.kind === "custom" ? (
        <InlineStack>
          <Button tone="critical" variant="plain" onClick={onRemove}>
            {t.removeBadge}
          </Button>
        </InlineStack>
      ) : null}
    </FormLayout>
  );
}

export default function Engagement() {
  const page = useLoaderData<typeof loader>();
  const loaded = page.settings as unknown as Draft;
  const fetcher = useFetcher<typeof action>({ key: "engagement-save" });
  const toast = useToast();
  const errors = useFormOutcome(fetcher, (data) => {
    if (data.status === "saved") toast(t.saved);
  });
  const [draft, setDraft, editor] = useDraftEditor(loaded, errors, page.currencyExponent);
  const [removing, setRemoving] = useState<number | null>(null);
  // A save (a new updatedAt) is the new baseline; other revalidations keep the edits.
  useEffect(() => setDraft(page.settings as unknown as Draft), [page.updatedAt]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(loaded);
  const badges = draft.badges as BadgeDefinition[];

  // Custom badges are awarded from Shopify Flow; their id is what a workflow names.
  const addCustomBadge = () =>
    setDraft((current) => ({
      ...current,
      badges: [
        ...(current.badges as BadgeDefinition[]),
        {
          id: `custom-${Date.now().toString(36)}`,
          name: t.newBadge,
          description: "",
          enabled: true,
          bonusPoints: 0,
          rule: { kind: "custom" },
        },
      ],
    }));
  const removeBadge = (index: number) => {
    setRemoving(null);
    setDraft((current) => ({
      ...current,
      badges: (current.badges as BadgeDefinition[]).filter((_, i) => i !== index),
    }));
  };
  const save = () =>
    fetcher.submit(
      { settings: JSON.stringify(draft), baseUpdatedAt: page.updatedAt ?? "" },
      { method: "post" },
    );
  const saving = fetcher.state !== "idle";
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <Page title={t.title}>
      <FormSaveBar
        id="engagement-save-bar"
        dirty={dirty}
        saving={saving}
        onSave={save}
        onDiscard={() => setDraft(loaded)}
      />
      <Modal
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t.removeBadgeTitle(removing === null ? "" : (badges[removing]?.name ?? ""))}
        primaryAction={{
          content: t.removeBadge,
          destructive: true,
          onAction: () => removing !== null && removeBadge(removing),
        }}
        secondaryActions={[{ content: adminText.common.cancel, onAction: () => setRemoving(null) }]}
      >
        <Modal.Section>
          <Text as="p">{t.removeBadgeHelp}</Text>
        </Modal.Section>
      </Modal>
      <DraftContext.Provider value={editor}>
        <Layout>
          {hasErrors ? (
            <Layout.Section>
              <Banner tone="critical" title={t.notSaved}>
                {errors.settings ?? adminText.common.fixErrors}
              </Banner>
            </Layout.Section>
          ) : null}

          <Layout.AnnotatedSection id="badges" title={t.badges} description={t.badgesHelp}>
            <Card>
              <BlockStack gap="500">
                {badges.map((badge, index) => (
                  <BadgeFields
                    key={badge.id}
                    badge={badge}
                    index={index}
                    currencyCode={page.currencyCode}
                    currencyExponent={page.currencyExponent}
                    tierNames={page.tierNames}
                    onRemove={() => setRemoving(index)}
                  />
                ))}
                <InlineStack>
                  <Button onClick={addCustomBadge}>{t.addCustomBadge}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="leaderboard"
            title={t.leaderboard}
            description={t.leaderboardHelp}
          >
            <Card>
              <Toggle label={t.leaderboardEnabled} path={["leaderboard", "enabled"]} />
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection id="journeys" title={t.journeys} description={t.journeysHelp}>
            <Card>
              <BlockStack gap="400">
                {page.journeySteps.map((step) => (
                  <InlineStack key={step.id} gap="400" blockAlign="end" wrap={false}>
                    <Toggle
                      label={t.journeyStep(step.days, t.journeyPurposes[step.id] ?? step.purpose)}
                      path={["journeys", step.id, "enabled"]}
                    />
                    <WholeField label={t.bonusPoints} path={["journeys", step.id, "bonusPoints"]} />
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection id="flow" title={t.flow} description={t.flowHelp}>
            <Card>
              <BlockStack gap="200">
                {(Object.keys(TRIGGER_LABELS) as OptionalFlowTrigger[]).map((kind) => (
                  <Toggle key={kind} label={TRIGGER_LABELS[kind]} path={["flowTriggers", kind]} />
                ))}
                <Text as="p" tone="subdued">
                  {t.flowAlwaysOn}
                </Text>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </DraftContext.Provider>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
