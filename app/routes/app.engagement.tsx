// Engagement settings: badges, the opt-in leaderboard, onboarding journeys and Shopify Flow
// triggers. The whole settings document is edited here and saved in one validated write.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { readFormBody } from "~/admin/request-body.server";
import { RouteError } from "~/components/RouteError";
import { getDb } from "~/db.server";
import { en } from "~/i18n/en";
import type { BadgeDefinition } from "~/loyalty/badges";
import type { EngagementSettings, OptionalFlowTrigger } from "~/loyalty/engagement";
import type { JourneyStepId } from "~/loyalty/journeys";
import { engagementPage, updateEngagement } from "~/services/engagement-settings.server";
import { authenticate } from "~/shopify.server";

const t = en.engagement;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json(await engagementPage(getDb(), session.shop));
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await readFormBody(request);
  let input: unknown;
  try {
    input = JSON.parse(String(form.get("settings") ?? ""));
  } catch {
    return json(
      { ok: false as const, errors: [{ path: "settings", message: t.notJson }] },
      { status: 422 },
    );
  }
  const result = await updateEngagement(getDb(), session.shop, input);
  return json(result, { status: result.ok ? 200 : 422 });
}

const TRIGGER_LABELS: Record<OptionalFlowTrigger, string> = t.triggers;

const asInt = (value: string) => (value.trim() === "" ? 0 : Math.trunc(Number(value)));

export default function Engagement() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [settings, setSettings] = useState<EngagementSettings>(page.settings);
  const unit = 10 ** page.currencyExponent;
  const money = (minor: number) => String(minor / unit);
  const minorOf = (text: string) => Math.round(Number(text || "0") * unit);

  const setBadge = (index: number, change: Partial<BadgeDefinition>) =>
    setSettings((current) => ({
      ...current,
      badges: current.badges.map((badge, i) =>
        i === index ? ({ ...badge, ...change } as BadgeDefinition) : badge,
      ),
    }));
  const setJourney = (
    id: JourneyStepId,
    change: Partial<EngagementSettings["journeys"][JourneyStepId]>,
  ) =>
    setSettings((current) => ({
      ...current,
      journeys: { ...current.journeys, [id]: { ...current.journeys[id], ...change } },
    }));

  // Custom badges are awarded from Shopify Flow; their id is what a workflow names.
  const addCustomBadge = () =>
    setSettings((current) => ({
      ...current,
      badges: [
        ...current.badges,
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
  const save = () => submit({ settings: JSON.stringify(settings) }, { method: "post" });

  return (
    <Page
      title={t.title}
      primaryAction={{
        content: t.save,
        onAction: save,
        loading: navigation.state === "submitting",
      }}
    >
      <Layout>
        {result && (
          <Layout.Section>
            {result.ok ? (
              <Banner tone="success" title={t.saved} />
            ) : (
              <Banner tone="critical" title={t.notSaved}>
                <ul>
                  {result.errors.map((error) => (
                    <li key={`${error.path}:${error.message}`}>
                      {error.path}: {error.message}
                    </li>
                  ))}
                </ul>
              </Banner>
            )}
          </Layout.Section>
        )}

        <Layout.AnnotatedSection id="badges" title={t.badges} description={t.badgesHelp}>
          <Card>
            <BlockStack gap="500">
              {settings.badges.map((badge, index) => (
                <FormLayout key={badge.id}>
                  <Checkbox
                    label={`${badge.name} — ${badge.description || badge.rule.kind}`}
                    checked={badge.enabled}
                    onChange={(enabled) => setBadge(index, { enabled })}
                  />
                  <FormLayout.Group condensed>
                    <TextField
                      label={t.badgeName}
                      autoComplete="off"
                      value={badge.name}
                      onChange={(name) => setBadge(index, { name })}
                    />
                    <TextField
                      label={t.bonusPoints}
                      type="number"
                      min={0}
                      autoComplete="off"
                      value={String(badge.bonusPoints)}
                      onChange={(value) => setBadge(index, { bonusPoints: asInt(value) })}
                    />
                    {badge.rule.kind === "nth_order" && (
                      <TextField
                        label={t.orderNumber}
                        type="number"
                        min={2}
                        autoComplete="off"
                        value={String(badge.rule.orders)}
                        onChange={(value) =>
                          setBadge(index, { rule: { kind: "nth_order", orders: asInt(value) } })
                        }
                      />
                    )}
                    {badge.rule.kind === "big_order" && (
                      <TextField
                        label={t.bigOrder(page.currencyCode)}
                        type="number"
                        autoComplete="off"
                        value={money(badge.rule.minimumBase)}
                        onChange={(value) =>
                          setBadge(index, {
                            rule: { kind: "big_order", minimumBase: minorOf(value) },
                          })
                        }
                      />
                    )}
                    {badge.rule.kind === "lifetime_spend" && (
                      <TextField
                        label={t.lifetimeSpend(page.currencyCode)}
                        type="number"
                        autoComplete="off"
                        value={money(badge.rule.amount)}
                        onChange={(value) =>
                          setBadge(index, {
                            rule: { kind: "lifetime_spend", amount: minorOf(value) },
                          })
                        }
                      />
                    )}
                    {badge.rule.kind === "tier_reached" && (
                      <Select
                        label={t.tier}
                        options={page.tierNames}
                        value={badge.rule.tierName}
                        onChange={(tierName) =>
                          setBadge(index, { rule: { kind: "tier_reached", tierName } })
                        }
                      />
                    )}
                  </FormLayout.Group>
                  <TextField
                    label={t.description}
                    autoComplete="off"
                    value={badge.description}
                    onChange={(description) => setBadge(index, { description })}
                    helpText={
                      badge.rule.kind === "custom" ? t.customBadgeHelp(badge.id) : undefined
                    }
                  />
                </FormLayout>
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
            <Checkbox
              label={t.leaderboardEnabled}
              checked={settings.leaderboard.enabled}
              onChange={(enabled) =>
                setSettings((current) => ({ ...current, leaderboard: { enabled } }))
              }
            />
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection id="journeys" title={t.journeys} description={t.journeysHelp}>
          <Card>
            <BlockStack gap="400">
              {page.journeySteps.map((step) => {
                const journey = settings.journeys[step.id as JourneyStepId];
                return (
                  <InlineStack key={step.id} gap="400" blockAlign="end" wrap={false}>
                    <Checkbox
                      label={t.journeyStep(step.days, step.purpose)}
                      checked={journey.enabled}
                      onChange={(enabled) => setJourney(step.id as JourneyStepId, { enabled })}
                    />
                    <TextField
                      label={t.bonusPoints}
                      type="number"
                      min={0}
                      autoComplete="off"
                      value={String(journey.bonusPoints)}
                      onChange={(value) =>
                        setJourney(step.id as JourneyStepId, { bonusPoints: asInt(value) })
                      }
                    />
                  </InlineStack>
                );
              })}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection id="flow" title={t.flow} description={t.flowHelp}>
          <Card>
            <BlockStack gap="200">
              {(Object.keys(TRIGGER_LABELS) as OptionalFlowTrigger[]).map((kind) => (
                <Checkbox
                  key={kind}
                  label={TRIGGER_LABELS[kind]}
                  checked={settings.flowTriggers[kind]}
                  onChange={(on) =>
                    setSettings((current) => ({
                      ...current,
                      flowTriggers: { ...current.flowTriggers, [kind]: on },
                    }))
                  }
                />
              ))}
              <Text as="p" tone="subdued">
                {t.flowAlwaysOn}
              </Text>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.Section>
          <InlineStack align="end">
            <Button variant="primary" onClick={save} loading={navigation.state === "submitting"}>
              {t.save}
            </Button>
          </InlineStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
