// The program's settings as Polaris cards; every field edits a path of the draft.
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, Text } from "@shopify/polaris";
import type { CollectionSyncStatus, ProgramCollection } from "~/services/collection-sync.server";
import { formatDateTime } from "~/i18n/format";
import { memo } from "react";
import { adminText } from "~/i18n";
import { parseDate, showDate, type Path } from "./draft";
import {
  Choice,
  ListError,
  MoneyField,
  TextInput,
  Toggle,
  useDraftAt,
  useEditor,
  WholeField,
} from "./fields";

const t = adminText.program;

function ListEditor({
  path,
  addLabel,
  blank,
  render,
}: {
  path: Path;
  addLabel: string;
  blank: unknown;
  render: (itemPath: Path, index: number) => JSX.Element;
}) {
  const editor = useEditor();
  const items = (useDraftAt(path) as unknown[] | undefined) ?? [];
  return (
    <BlockStack gap="300">
      {items.map((_, index) => (
        <InlineStack key={index} gap="300" blockAlign="end" wrap={false}>
          <div style={{ flex: 1 }}>{render([...path, index], index)}</div>
          <Button
            onClick={() =>
              editor.set(
                path,
                items.filter((__, i) => i !== index),
              )
            }
          >
            {adminText.common.remove}
          </Button>
        </InlineStack>
      ))}
      <ListError path={path} />
      <InlineStack>
        <Button onClick={() => editor.set(path, [...items, blank])}>{addLabel}</Button>
      </InlineStack>
    </BlockStack>
  );
}

export const GeneralSection = memo(function GeneralSection() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t.general}
        </Text>
        <FormLayout>
          <TextInput label={t.name} path={["name"]} />
          <TextInput label={t.pointsName} path={["pointsName"]} helpText={t.pointsNameHelp} />
        </FormLayout>
      </BlockStack>
    </Card>
  );
});

/** What the Program page knows of the shop's collections (dates as the loader's JSON gives them). */
export interface CollectionsInfo {
  collections: ProgramCollection[];
  sync: (Omit<CollectionSyncStatus, "syncedAt"> & { syncedAt: string | null }) | null;
  timeZone: string;
}

/** A collection chosen by name; one that a completed sync no longer lists is flagged. */
function CollectionChoice({ path, info }: { path: Path; info: CollectionsInfo }) {
  const value = String(useDraftAt(path) ?? "");
  const known = info.collections.some((collection) => collection.collectionId === value);
  const gone = value !== "" && !known && info.sync?.syncedAt != null;
  const options = [
    { label: t.chooseCollection, value: "" },
    ...(value !== "" && !known ? [{ label: t.collectionGoneOption(value), value }] : []),
    ...info.collections.map((collection) => ({
      label: t.collectionOption(collection.title, collection.products),
      value: collection.collectionId,
    })),
  ];
  return (
    <BlockStack gap="100">
      <Choice label={t.collection} path={path} options={options} />
      {gone ? (
        <Text as="p" tone="critical">
          <span data-testid="collection-gone">{t.collectionGone}</span>
        </Text>
      ) : null}
    </BlockStack>
  );
}

function CollectionSyncLine({
  info,
  onSync,
  syncing,
}: {
  info: CollectionsInfo;
  onSync: () => void;
  syncing: boolean;
}) {
  const { sync } = info;
  const running = sync !== null && ["requested", "running", "processing"].includes(sync.status);
  const lines = [
    sync?.syncedAt
      ? t.collectionsSynced(formatDateTime(sync.syncedAt, info.timeZone))
      : t.collectionsNeverSynced,
    ...(running ? [t.collectionsSyncing] : []),
  ];
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        <span data-testid="collections-synced">{lines.join(" ")}</span>
      </Text>
      {sync?.status === "failed" && sync.failure ? (
        <Text as="p" tone="critical">
          {t.collectionsSyncFailed(sync.failure)}
        </Text>
      ) : null}
      <InlineStack>
        <Button onClick={onSync} loading={syncing} disabled={running}>
          {t.syncCollections}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

export const PurchaseSection = memo(function PurchaseSection({
  currency,
  collections,
  onSyncCollections,
  syncingCollections,
}: {
  currency: string;
  collections: CollectionsInfo;
  onSyncCollections: () => void;
  syncingCollections: boolean;
}) {
  const now = new Date();
  const nextWeek = new Date(now.getTime() + 7 * 86_400_000);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t.purchase}
        </Text>
        <Toggle label={t.purchaseEnabled} path={["purchase", "enabled"]} />
        <FormLayout>
          <FormLayout.Group>
            <WholeField label={t.pointsPerUnit} path={["purchase", "pointsPerUnit"]} />
            <WholeField
              label={t.spendUnit(currency)}
              path={["purchase", "spendUnit"]}
              helpText={t.spendUnitHelp(currency)}
            />
            <MoneyField
              label={t.minimumSubtotal(currency)}
              path={["purchase", "minimumSubtotal"]}
              helpText={t.minimumSubtotalHelp}
              emptyAsNull
            />
          </FormLayout.Group>
        </FormLayout>
        <Text as="h3" variant="headingSm">
          {t.productMultipliers}
        </Text>
        <ListEditor
          path={["purchase", "productMultipliers"]}
          addLabel={t.addProductMultiplier}
          blank={{ productId: "", multiplier: 200 }}
          render={(p) => (
            <FormLayout.Group>
              <TextInput label={t.productId} path={[...p, "productId"]} />
              <WholeField
                label={t.multiplier}
                path={[...p, "multiplier"]}
                helpText={t.multiplierHelp}
              />
            </FormLayout.Group>
          )}
        />
        <Text as="h3" variant="headingSm">
          {t.collectionMultipliers}
        </Text>
        <Text as="p" tone="subdued">
          {t.collectionsHelp}
        </Text>
        <CollectionSyncLine
          info={collections}
          onSync={onSyncCollections}
          syncing={syncingCollections}
        />
        <ListEditor
          path={["purchase", "collectionMultipliers"]}
          addLabel={t.addCollectionMultiplier}
          blank={{ collectionId: "", multiplier: 200 }}
          render={(p) => (
            <FormLayout.Group>
              <CollectionChoice path={[...p, "collectionId"]} info={collections} />
              <WholeField
                label={t.multiplier}
                path={[...p, "multiplier"]}
                helpText={t.multiplierHelp}
              />
            </FormLayout.Group>
          )}
        />
        <Text as="h3" variant="headingSm">
          {t.campaigns}
        </Text>
        <ListEditor
          path={["purchase", "campaigns"]}
          addLabel={t.addCampaign}
          blank={{
            name: "Double points",
            multiplier: 200,
            startsAt: `${now.toISOString().slice(0, 10)}T00:00:00.000Z`,
            endsAt: `${nextWeek.toISOString().slice(0, 10)}T00:00:00.000Z`,
          }}
          render={(p) => (
            <FormLayout.Group condensed>
              <TextInput label={t.campaignName} path={[...p, "name"]} />
              <WholeField label={t.multiplier} path={[...p, "multiplier"]} />
              <TextInput
                label={t.startsAt}
                type="date"
                path={[...p, "startsAt"]}
                show={showDate}
                parse={parseDate}
              />
              <TextInput
                label={t.endsAt}
                type="date"
                path={[...p, "endsAt"]}
                show={showDate}
                parse={parseDate}
              />
            </FormLayout.Group>
          )}
        />
      </BlockStack>
    </Card>
  );
});

function FixedBonus({ label, path, helpText }: { label: string; path: Path; helpText?: string }) {
  return (
    <InlineStack gap="400" blockAlign="center">
      <div style={{ minWidth: 180, maxWidth: 320 }}>
        <Toggle label={label} path={[...path, "enabled"]} helpText={helpText} />
      </div>
      <WholeField label={`${label}: ${t.points}`} path={[...path, "points"]} />
    </InlineStack>
  );
}

export const BonusSection = memo(function BonusSection({ currency }: { currency: string }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t.bonuses}
        </Text>
        <FixedBonus label={t.signup} path={["signup"]} />
        <FixedBonus
          label={t.accountActivation}
          path={["accountActivation"]}
          helpText={t.accountActivationHelp}
        />
        <FixedBonus label={t.birthday} path={["birthday"]} helpText={t.birthdayHelp} />
        <FixedBonus label={t.firstOrder} path={["firstOrder"]} />
        <InlineStack gap="400" blockAlign="center">
          <div style={{ minWidth: 180 }}>
            <Toggle label={t.everyNthOrder} path={["everyNthOrder", "enabled"]} />
          </div>
          <WholeField label={t.every} path={["everyNthOrder", "every"]} />
          <WholeField
            label={`${t.everyNthOrder}: ${t.points}`}
            path={["everyNthOrder", "points"]}
          />
        </InlineStack>
        <Toggle label={t.spendMilestones} path={["spendMilestones", "enabled"]} />
        <ListEditor
          path={["spendMilestones", "milestones"]}
          addLabel={t.addMilestone}
          blank={{ lifetimeSpend: 100_000, points: 500 }}
          render={(p) => (
            <FormLayout.Group>
              <MoneyField label={t.lifetimeSpend(currency)} path={[...p, "lifetimeSpend"]} />
              <WholeField label={t.points} path={[...p, "points"]} />
            </FormLayout.Group>
          )}
        />
      </BlockStack>
    </Card>
  );
});

export const TierSection = memo(function TierSection() {
  const bySpend = useDraftAt(["tierBasis"]) === "amount_spent";
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t.tiers}
        </Text>
        <FormLayout.Group>
          <Choice
            label={t.tierBasis}
            path={["tierBasis"]}
            options={[
              { label: t.basisPoints, value: "points_earned" },
              { label: t.basisSpend, value: "amount_spent" },
            ]}
          />
          <Choice
            label={t.tierPeriod}
            path={["tierPeriod"]}
            options={[
              { label: t.periodTrailing, value: "trailing_12_months" },
              { label: t.periodCalendar, value: "calendar_year" },
              { label: t.periodLifetime, value: "lifetime" },
            ]}
          />
        </FormLayout.Group>
        <ListEditor
          path={["tiers"]}
          addLabel={t.addTier}
          blank={{ name: "", threshold: "", multiplier: 100 }}
          render={(p) => (
            <FormLayout.Group condensed>
              <TextInput label={t.tierName} path={[...p, "name"]} />
              {bySpend ? (
                <MoneyField label={t.threshold} path={[...p, "threshold"]} />
              ) : (
                <WholeField label={t.threshold} path={[...p, "threshold"]} />
              )}
              <WholeField
                label={t.multiplier}
                path={[...p, "multiplier"]}
                helpText={t.multiplierHelp}
              />
            </FormLayout.Group>
          )}
        />
      </BlockStack>
    </Card>
  );
});

export const PointsLifeSection = memo(function PointsLifeSection() {
  const editor = useEditor();
  const expiry = useDraftAt(["expiry"]) as { mode?: string; days?: number } | undefined;
  const mode = expiry?.mode;
  const setMode = (value: string) =>
    editor.set(
      ["expiry"],
      value === "none" ? { mode: "none" } : { mode: value, days: expiry?.days ?? 365 },
    );
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t.pointsLife}
        </Text>
        <FormLayout>
          <WholeField label={t.pendingDays} path={["pendingDays"]} />
          <FormLayout.Group>
            <ExpiryChoice value={String(mode)} onChange={setMode} />
            {mode !== "none" ? (
              <WholeField label={t.expiryDays} path={["expiry", "days"]} />
            ) : (
              <></>
            )}
          </FormLayout.Group>
        </FormLayout>
      </BlockStack>
    </Card>
  );
});

function ExpiryChoice({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  // Switching the mode replaces the whole expiry object (days only exist for two modes).
  const options = [
    { label: t.expiryNone, value: "none" },
    { label: t.expiryAfterEarning, value: "after_earning" },
    { label: t.expiryAfterInactivity, value: "after_inactivity" },
  ];
  return <Select label={t.expiry} options={options} value={value} onChange={onChange} />;
}
