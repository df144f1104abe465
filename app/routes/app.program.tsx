// Program settings: earn rules, bonuses, tiers, pending period and expiry, with a live preview and
// a simulation on the last 90 days. Every save is a new program version.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, Layout, Page, Text } from "@shopify/polaris";
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { readJsonBody } from "~/admin/request-body.server";
import { programAction } from "~/admin/request-schemas.server";
import { staffIdOf } from "~/admin/staff.server";
import { badRequest, conflict, invalid } from "~/admin/form-result";
import { FormSaveBar } from "~/components/forms/FormSaveBar";
import { useFormOutcome } from "~/components/forms/useFormOutcome";
import { DraftContext, useDraftEditor } from "~/components/program/fields";
import {
  BonusSection,
  GeneralSection,
  PointsLifeSection,
  PurchaseSection,
  TierSection,
} from "~/components/program/ProgramSections";
import { ReferralSection } from "~/components/program/ReferralSection";
import { TierRunCard, useTierRunPolling } from "~/components/program/TierRunCard";
import { AdminLanguageCard } from "~/components/program/AdminLanguageCard";
import { PreviewCard } from "~/components/program/PreviewCard";
import type { Draft } from "~/components/program/draft";
import { RouteError } from "~/components/RouteError";
import { useToast } from "~/components/useToast";
import { adminText } from "~/i18n";
import { formatMoney } from "~/i18n/format";
import { serializeProgram } from "~/services/admin-reads.server";
import {
  loadProgramSettings,
  saveProgramSettings,
  simulateProgramSettings,
} from "~/services/program-settings.server";
import { recentTierRun } from "~/services/tier-run.server";
import { programCollections, requestCollectionSync } from "~/services/collection-sync.server";
import { adminLanguageOf } from "~/services/admin-language.server";
import { authenticate } from "~/shopify.server";
import { withDb, withDbAndSql, withSql } from "~/services/process-handles.server";

const t = adminText.program;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const [settings, tierRun, language, collections] = await Promise.all([
    withDb(loadProgramSettings)(shop),
    withSql(recentTierRun)(shop, new Date()),
    withDb(adminLanguageOf)({ shop, staffUserId: staffIdOf(auth) }, null),
    withSql(programCollections)(shop),
  ]);
  return json({
    ...settings,
    program: serializeProgram(settings.program) as unknown as Draft,
    tierRun,
    language,
    collections,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = auth.session.shop;
  const parsed = programAction.safeParse(await readJsonBody(request));
  if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? "Bad request");
  const body = parsed.data;
  if (body.intent === "sync-collections") {
    const requested = await withSql(requestCollectionSync)(shop, new Date());
    return json({ status: "sync-requested" as const, requested });
  }
  if (body.intent === "simulate") {
    const outcome = await withDbAndSql(simulateProgramSettings)(shop, body.program, new Date());
    return outcome.status === "invalid" ? invalid(outcome.errors) : json(outcome);
  }
  const outcome = await withDbAndSql(saveProgramSettings)(shop, body, staffIdOf(auth), new Date());
  if (outcome.status === "invalid") return invalid(outcome.errors);
  if (outcome.status === "stale") return conflict(t.stale(outcome.currentVersion));
  return json(outcome);
}

type ActionData =
  Awaited<ReturnType<typeof action>> extends infer R
    ? R extends { json(): Promise<infer D> }
      ? D
      : never
    : never;

export default function ProgramSettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [draft, setDraft, editor] = useDraftEditor(
    loaded.program,
    errors,
    Number(loaded.program.currencyExponent ?? 2),
  );
  const [enabled, setEnabled] = useState(loaded.enabled);
  const save = useFetcher<ActionData>({ key: "program-save" });
  const simulate = useFetcher<ActionData>({ key: "program-simulate" });
  const syncCollections = useFetcher<ActionData>({ key: "program-sync-collections" });
  const toast = useToast();
  useTierRunPolling(loaded.tierRun);
  const dirty =
    enabled !== loaded.enabled || JSON.stringify(draft) !== JSON.stringify(loaded.program);
  const discard = () => {
    setDraft(loaded.program);
    setEnabled(loaded.enabled);
    setErrors({});
  };

  // A new version (after a save) is the new baseline. Keyed on the version, not the loader data:
  // every action revalidates the loader, and a simulation must not wipe the edits it simulated.
  useEffect(() => {
    setDraft(loaded.program);
    setEnabled(loaded.enabled);
  }, [loaded.version]);

  const saveErrors = useFormOutcome(save, (data) => {
    if (data.status === "unchanged") toast(t.unchanged);
    else if (data.status === "saved") {
      toast(t.saved(data.version));
      if (data.tiers && data.tiers.upgraded > 0) toast(t.tiersApplied(data.tiers.upgraded));
    }
  });
  useEffect(() => setErrors(saveErrors), [saveErrors]);

  useEffect(() => {
    if (simulate.state === "idle" && simulate.data?.status === "invalid")
      setErrors(simulate.data.errors);
  }, [simulate.state, simulate.data]);

  const submit = () =>
    save.submit({ intent: "save", program: draft, enabled, baseVersion: loaded.version } as never, {
      method: "post",
      encType: "application/json",
    });
  const requestSync = useCallback(
    () =>
      syncCollections.submit({ intent: "sync-collections" } as never, {
        method: "post",
        encType: "application/json",
      }),
    [],
  );
  useEffect(() => {
    if (syncCollections.state === "idle" && syncCollections.data?.status === "sync-requested")
      toast(t.collectionsSyncRequested);
  }, [syncCollections.state, syncCollections.data]);
  const collectionsInfo = useMemo(
    () => ({ ...loaded.collections, timeZone: loaded.timeZone }),
    [loaded.collections, loaded.timeZone],
  );
  const runSimulation = () =>
    simulate.submit({ intent: "simulate", program: draft } as never, {
      method: "post",
      encType: "application/json",
    });
  // The preview validates and prices the whole draft: after the keystroke's own paint, not before it.
  const previewDraft = useDeferredValue(draft);
  const simulation = simulate.data?.status === "simulated" ? simulate.data.simulation : null;
  const exponent = editor.currencyExponent;

  return (
    <Page title={t.title} subtitle={t.versionLabel(loaded.version)}>
      <FormSaveBar
        id="program-save-bar"
        dirty={dirty}
        saving={save.state !== "idle"}
        onSave={submit}
        onDiscard={discard}
      />
      <DraftContext.Provider value={editor}>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {Object.keys(errors).length > 0 ? (
                <Banner tone="critical" title={adminText.common.fixErrors} />
              ) : null}
              {loaded.tierRun ? <TierRunCard run={loaded.tierRun} /> : null}
              <Card>
                <Checkbox
                  label={t.enabled}
                  helpText={t.enabledHelp}
                  checked={enabled}
                  onChange={setEnabled}
                />
              </Card>
              <GeneralSection />
              <PurchaseSection
                currency={loaded.currencyCode}
                collections={collectionsInfo}
                onSyncCollections={requestSync}
                syncingCollections={syncCollections.state !== "idle"}
              />
              <BonusSection currency={loaded.currencyCode} />
              <ReferralSection currency={loaded.currencyCode} />
              <TierSection />
              <PointsLifeSection />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <PreviewCard
                draft={previewDraft}
                currency={loaded.currencyCode}
                currencyExponent={exponent}
              />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t.simulation}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t.simulationIntro}
                  </Text>
                  <Button onClick={runSimulation} loading={simulate.state !== "idle"}>
                    {t.simulate}
                  </Button>
                  {simulation ? (
                    <BlockStack gap="100">
                      <Text as="p">
                        {t.simulationOrders(simulation.orders, simulation.truncated)}
                      </Text>
                      <Text as="p">
                        <span data-testid="simulation-points">
                          {t.simulationPoints(simulation.pointsBefore, simulation.pointsAfter)}
                        </span>
                      </Text>
                      <Text as="p">
                        {simulation.liabilityDelta === null
                          ? t.simulationNoLiability
                          : t.simulationLiability(
                              formatMoney(simulation.liabilityDelta, {
                                currencyCode: loaded.currencyCode,
                                currencyExponent: exponent,
                              }),
                            )}
                      </Text>
                      <Text as="p">
                        {t.simulationTiers(simulation.upgrades, simulation.downgrades)}
                      </Text>
                    </BlockStack>
                  ) : null}
                </BlockStack>
              </Card>
              <AdminLanguageCard
                choice={loaded.language.choice}
                shopifyLocale={loaded.language.shopifyLocale}
              />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </DraftContext.Provider>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
