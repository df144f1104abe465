// Create ("new") or edit a reward; delete it (or switch it off when it has redemptions).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Card,
  Checkbox,
  FormLayout,
  Layout,
  Modal,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { isRecordId } from "~/utils/record-id";
import { badRequest, invalid, unknownIntent } from "~/admin/form-result";
import { readJsonBody } from "~/admin/request-body.server";
import { rewardAction } from "~/admin/request-schemas.server";
import { AFTER_SAVE, FormSaveBar } from "~/components/forms/FormSaveBar";
import { useFormOutcome } from "~/components/forms/useFormOutcome";
import type { Draft } from "~/components/program/draft";
import {
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
import {
  formatPerPoint,
  GENEROUS_RETURN_PERCENT,
  rewardValue,
  STINGY_RETURN_PERCENT,
} from "~/loyalty/reward-value";
import { defaultReward, REWARD_KINDS } from "~/loyalty/reward-kinds";
import {
  currentProgramVersion,
  deleteReward,
  findReward,
  shopCurrency,
} from "~/services/admin-reads.server";
import { saveReward } from "~/services/reward-catalogue.server";
import { authenticate } from "~/shopify.server";
import { withDb, withDbAndSql } from "~/services/process-handles.server";

const t = adminText.rewards;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [shopRow, { program }] = await Promise.all([
    withDb(shopCurrency)(session.shop),
    withDb(currentProgramVersion)(session.shop),
  ]);
  const isNew = params.id === "new";
  const reward = isNew
    ? defaultReward(shopRow.currencyExponent)
    : isRecordId(params.id)
      ? await withDb(findReward)(session.shop, params.id)
      : null;
  if (!reward) throw json({ message: t.notFound }, { status: 404 });
  // The form edits the fields; the id travels in the URL.
  const fields = Object.fromEntries(Object.entries(reward).filter(([key]) => key !== "id"));
  return json({
    isNew,
    reward: fields as Draft,
    tiers: program.tiers.map((tier) => tier.name),
    purchase: {
      enabled: program.purchase.enabled,
      pointsPerUnit: program.purchase.pointsPerUnit,
      spendUnit: program.purchase.spendUnit,
    },
    currencyCode: shopRow.currencyCode,
    currencyExponent: shopRow.currencyExponent,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const body = rewardAction.safeParse(await readJsonBody(request));
  if (!body.success)
    return badRequest('Send {"intent": "save", "reward": {…}} or {"intent": "delete"}');
  const id = params.id === "new" ? null : params.id!;
  if (id !== null && !isRecordId(id)) throw json({ message: t.notFound }, { status: 404 });
  switch (body.data.intent) {
    case "save":
      return saveRewardIntent(session.shop, id, body.data.reward);
    case "delete":
      return deleteRewardIntent(session.shop, id);
    default:
      return unknownIntent(body.data.intent, ["save", "delete"]);
  }
}

async function deleteRewardIntent(shop: string, id: string | null) {
  if (id === null) return badRequest("A reward that is not saved yet cannot be deleted");
  const outcome = await withDb(deleteReward)(shop, id);
  if (outcome === "not_found") throw json({ message: t.notFound }, { status: 404 });
  return json({ status: outcome });
}

async function saveRewardIntent(shop: string, id: string | null, reward: unknown) {
  const { program } = await withDb(currentProgramVersion)(shop);
  const outcome = await withDbAndSql(saveReward)(
    shop,
    id,
    reward,
    program.tiers.map((tier) => tier.name),
    new Date(),
  );
  if (outcome.status === "not_found") throw json({ message: t.notFound }, { status: 404 });
  if (outcome.status === "invalid") return invalid(outcome.errors);
  return json(outcome);
}

const VALUE_KINDS = new Set(["fixed_amount", "store_credit", "percentage"]);

export default function RewardPage() {
  const loaded = useLoaderData<typeof loader>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const fetcher = useFetcher<typeof action>({ key: "reward-save" });
  const toast = useToast();
  const navigate = useNavigate();
  const errors = useFormOutcome(fetcher, (data) => {
    if (data.status === "saved") {
      toast(t.saved);
      if (loaded.isNew && "id" in data) navigate(`/app/rewards/${data.id}`, AFTER_SAVE);
    } else if (data.status === "deleted" || data.status === "disabled") {
      toast(data.status === "deleted" ? t.deleted : t.disabledInstead);
      navigate("/app/rewards", AFTER_SAVE);
    }
  });
  const [draft, setDraft, editor] = useDraftEditor(loaded.reward, errors, loaded.currencyExponent);
  const loadedKey = JSON.stringify(loaded.reward);
  // A new reward is unsaved until it is saved, even with the suggested values.
  const dirty = loaded.isNew || JSON.stringify(draft) !== loadedKey;
  // A saved reward is the new baseline (the save bar closes); a revalidation that loads the same
  // reward (after a refused save) keeps the edits.
  useEffect(() => setDraft(JSON.parse(loadedKey) as Draft), [loadedKey]);

  const kind = String(draft.kind);
  const tierNames = (draft.tierNames as string[] | null) ?? [];
  const setKind = (next: string) =>
    setDraft((current) => ({
      ...current,
      kind: next,
      value: VALUE_KINDS.has(next)
        ? next === "percentage"
          ? 10
          : 5 * 10 ** loaded.currencyExponent
        : null,
      variantId: next === "free_product" ? (current.variantId ?? "") : null,
    }));
  const toggleTier = (name: string, on: boolean) => {
    const next = on ? [...tierNames, name] : tierNames.filter((tier) => tier !== name);
    setDraft((current) => ({ ...current, tierNames: next.length ? next : null }));
  };
  const save = () =>
    fetcher.submit({ intent: "save", reward: draft } as never, {
      method: "post",
      encType: "application/json",
    });
  const remove = () => {
    setConfirmingDelete(false);
    fetcher.submit({ intent: "delete" } as never, { method: "post", encType: "application/json" });
  };
  const value = rewardValue(draft as never, loaded.purchase, loaded.currencyExponent);

  return (
    <Page
      title={loaded.isNew ? t.newTitle : String(loaded.reward.title)}
      backAction={{ content: t.title, url: "/app/rewards" }}
      secondaryActions={
        loaded.isNew
          ? []
          : [{ content: t.delete, destructive: true, onAction: () => setConfirmingDelete(true) }]
      }
    >
      <FormSaveBar
        id="reward-save-bar"
        dirty={dirty}
        saving={fetcher.state !== "idle"}
        onSave={save}
        onDiscard={() => setDraft(loaded.reward)}
      />
      <Modal
        open={confirmingDelete}
        onClose={() => setConfirmingDelete(false)}
        title={t.confirmDeleteTitle(String(loaded.reward.title))}
        primaryAction={{ content: t.delete, destructive: true, onAction: remove }}
        secondaryActions={[
          { content: adminText.common.cancel, onAction: () => setConfirmingDelete(false) },
        ]}
      >
        <Modal.Section>
          <Text as="p">{t.confirmDelete}</Text>
        </Modal.Section>
      </Modal>
      <DraftContext.Provider value={editor}>
        <Layout>
          <Layout.Section>
            <Card>
              <FormLayout>
                <TextInput label={t.fields.title} path={["title"]} />
                <Select
                  label={t.fields.kind}
                  options={REWARD_KINDS.map((value) => ({ value, label: t.kind[value] }))}
                  value={kind}
                  onChange={setKind}
                  error={errors.kind}
                />
                <FormLayout.Group>
                  <WholeField label={t.fields.cost} path={["cost"]} />
                  {kind === "percentage" ? (
                    <WholeField label={t.fields.valuePercent} path={["value"]} suffix="%" />
                  ) : null}
                  {kind === "fixed_amount" || kind === "store_credit" ? (
                    <MoneyField
                      label={t.fields.valueAmount(loaded.currencyCode)}
                      path={["value"]}
                    />
                  ) : null}
                </FormLayout.Group>
                {value ? (
                  <Text as="p" tone="subdued">
                    <span data-testid="reward-value">
                      {t.valuePerPoint(
                        formatPerPoint(
                          value.minorPerPoint,
                          loaded.currencyExponent,
                          currentAdminLocale(),
                        ),
                        loaded.currencyCode,
                        value.returnPercent,
                      )}
                    </span>
                  </Text>
                ) : null}
                {value?.outlier ? (
                  <Banner tone="warning">
                    {value.outlier === "generous"
                      ? t.generous(GENEROUS_RETURN_PERCENT)
                      : t.stingy(STINGY_RETURN_PERCENT)}
                  </Banner>
                ) : null}
                {kind === "free_product" ? (
                  <TextInput
                    label={t.fields.variantId}
                    path={["variantId"]}
                    parse={(text) => text.trim() || null}
                  />
                ) : null}
                <MoneyField
                  label={t.fields.minimumSubtotal(loaded.currencyCode)}
                  path={["minimumSubtotal"]}
                  emptyAsNull
                />
                <WholeField label={t.fields.codeLifetimeDays} path={["codeLifetimeDays"]} />
                <Toggle label={t.fields.enabled} path={["enabled"]} />
              </FormLayout>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm">
                    {t.fields.tierNames}
                  </Text>
                  {loaded.tiers.map((name) => (
                    <Checkbox
                      key={name}
                      label={name}
                      checked={tierNames.includes(name)}
                      onChange={(on) => toggleTier(name, on)}
                    />
                  ))}
                  <Text as="p" tone={errors.tierNames ? "critical" : "subdued"}>
                    {errors.tierNames ?? t.fields.tierNamesHelp}
                  </Text>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingSm">
                    {t.fields.combinesWith}
                  </Text>
                  <Toggle
                    label={t.fields.orderDiscounts}
                    path={["combinesWith", "orderDiscounts"]}
                  />
                  <Toggle
                    label={t.fields.productDiscounts}
                    path={["combinesWith", "productDiscounts"]}
                  />
                  <Toggle
                    label={t.fields.shippingDiscounts}
                    path={["combinesWith", "shippingDiscounts"]}
                  />
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </DraftContext.Provider>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
