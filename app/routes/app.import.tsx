// Import members' balances, tiers or points history from a CSV (docs/csv-import.md), with progress:
// an upload is first a dry run (what the file will do), applied when the merchant confirms.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type NodeOnDiskFile,
  type UploadHandler,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigate,
  useNavigation,
  useRevalidator,
  useSubmit,
} from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { useEffect, useState } from "react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  DropZone,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  Pagination,
  ProgressBar,
  Select,
  Text,
} from "@shopify/polaris";
import { readFormBody } from "~/admin/request-body.server";
import { importUploadForm } from "~/admin/request-schemas.server";
import { DownloadButton } from "~/components/analytics/DownloadButton";
import { RouteError } from "~/components/RouteError";
import { withBodyLimit } from "~/http/read-limited.server";
import { failStaleImports, importsPage, recentBackfills } from "~/services/admin-reads.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { backfillProgress, requestBackfill, retryBackfill } from "~/services/backfill.server";
import { adminText, currentAdminLocale } from "~/i18n";
import {
  applyPreview,
  discardPreview,
  firstRejectedRows,
  importFailureInWords,
  importPercent,
  remapPreview,
  startImport,
} from "~/services/import.server";
import type { MappableField } from "~/loyalty/import-rows";
import type { ImportSummary } from "~/loyalty/import-plan";
import { isRecordId } from "~/utils/record-id";
import { ENCODINGS } from "~/utils/csv-text";
import { authenticate } from "~/shopify.server";
import { offlineAdminFor } from "~/shopify/offline-admin.server";
import { installedShop, withDb, withDbAndSql } from "~/services/process-handles.server";

const t = adminText.import;
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const UPLOAD_PREFIX = "tally-import-";
const SEPARATOR = "--";
// The temporary file's name carries the uploaded name (sanitised) so the import list can show it.
const safeName = (name: string) =>
  basename(name)
    .replace(/[^\w.\- ]/g, "_")
    .slice(0, 120) || "upload.csv";
const uploadedName = (file: NodeOnDiskFile) =>
  file.name.split(SEPARATOR).slice(1).join(SEPARATOR) || file.name;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  // Also swept by the stale-imports job; here so the page never shows a dead import as running.
  await withDb(failStaleImports)(new Date(), session.shop);
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "0");
  const page = Number.isInteger(pageParam) && pageParam >= 0 && pageParam < 10_000 ? pageParam : 0;
  const { rows: imports, hasMore } = await withDb(importsPage)(session.shop, page);
  const backfills = await withDb(recentBackfills)(session.shop);
  const rejected = await withDb(firstRejectedRows)(
    imports.filter((row) => row.rowsFailed > 0).map((row) => row.id),
  );
  // Dates in the shop's time zone, the same on the server and in the browser.
  const timeZone = (await installedShop(session.shop))?.timeZone ?? "UTC";
  return json({
    timeZone,
    page,
    hasMore,
    imports: imports.map(({ filePath, summary, headers, mapping: _mapping, ...row }) => ({
      ...row,
      failure: importFailureInWords(row.failure),
      canApply: row.status === "previewed" && filePath !== null,
      // The file's columns were not recognised: the mapping step.
      mapColumns:
        row.status === "failed" && headers && filePath !== null
          ? (JSON.parse(headers) as string[])
          : null,
      summary: summary ? (JSON.parse(summary) as ImportSummary) : null,
      percent: importPercent(row),
      firstRejected: rejected.get(row.id) ?? [],
      createdAt: row.createdAt.toISOString(),
      customersExportedAt: row.customersExportedAt?.toISOString() ?? null,
    })),
    backfills: backfills.map((row) => ({
      id: row.id,
      status: row.status,
      awardPoints: row.awardPoints,
      ordersProcessed: row.ordersProcessed,
      ordersTotal: row.ordersTotal,
      failure: row.failure,
      progress: backfillProgress(row),
      createdAt: row.createdAt.toISOString(),
    })),
  });
}

/** The columns the mapping step offers, in this order. */
const MAPPED_FIELDS: MappableField[] = [
  "shopifyCustomerId",
  "email",
  "points",
  "tier",
  "firstName",
  "lastName",
  "createdAt",
];

/** The whole multipart request: the file plus room for the small fields and the part headers. */
const MAX_UPLOAD_BYTES = MAX_FILE_BYTES + 64 * 1024;
/** The form has two parts (kind, file); a few more are tolerated, an endless run of them is not. */
const MAX_PARTS = 10;

class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    const fields = await readFormBody(request);
    const intent = fields.get("intent");
    switch (intent) {
      case "apply":
      case "discard":
      case "remap": {
        const id = String(fields.get("id") ?? "");
        if (!isRecordId(id)) return json({ error: t.unknownRequest }, { status: 400 });
        if (intent === "discard") {
          await withDb(discardPreview)(session.shop, id);
          return json({ discarded: id });
        }
        if (intent === "remap") {
          const mapping: Partial<Record<MappableField, string>> = {};
          for (const field of MAPPED_FIELDS) {
            const header = String(fields.get(`map.${field}`) ?? "").slice(0, 200);
            if (header) mapping[field] = header;
          }
          const remapped = await withDbAndSql(remapPreview)(session.shop, id, mapping, () =>
            offlineAdminFor(session.shop),
          );
          return json(remapped, { status: "error" in remapped ? 409 : 200 });
        }
        const applied = await withDbAndSql(applyPreview)(session.shop, id, () =>
          offlineAdminFor(session.shop),
        );
        return json(applied, { status: "error" in applied ? 409 : 200 });
      }
      case "backfill": {
        const { created } = await withDbAndSql(requestBackfill)(session.shop, {
          awardPoints: fields.get("awardPoints") === "on",
          now: new Date(),
        });
        return json({ backfill: created ? "started" : "already running" });
      }
      case "retry-backfill": {
        // The retry keeps the failed run's choice of points, whatever the checkbox shows now.
        const retried = await withDbAndSql(retryBackfill)(
          session.shop,
          String(fields.get("backfillId") ?? ""),
          new Date(),
        );
        if (!retried) return json({ error: t.backfillNotFound }, { status: 404 });
        return json({ backfill: retried.created ? "started" : "already running" });
      }
      default:
        return json({ error: t.unknownRequest }, { status: 400 });
    }
  }
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    return json({ error: t.notMultipart }, { status: 415 });
  // Every temporary file this request wrote, removed unless it becomes the import's (a refused or
  // cut-off upload must not stay on disk).
  const written: string[] = [];
  const discard = (keep?: string) =>
    Promise.all(written.filter((path) => path !== keep).map((path) => rm(path, { force: true })));
  const limited = withBodyLimit(request, MAX_UPLOAD_BYTES);
  if (limited.exceeded()) return json({ error: t.tooLarge }, { status: 413 });
  let parts = 0;
  const counted: UploadHandler = async () => {
    if (++parts > MAX_PARTS) throw new UploadRefused(400, t.tooManyParts);
    return undefined;
  };
  const toDisk = unstable_createFileUploadHandler({
    directory: tmpdir(),
    maxPartSize: MAX_FILE_BYTES,
    avoidFileConflicts: false,
    filter: ({ name }) => name === "file",
    file: ({ filename }) => {
      if (written.length) throw new UploadRefused(400, t.oneFileAtATime);
      const name = `${UPLOAD_PREFIX}${randomUUID()}${SEPARATOR}${safeName(filename)}`;
      written.push(join(tmpdir(), name));
      return name;
    },
  });
  const onDisk: UploadHandler = async (part) => {
    try {
      return await toDisk(part);
    } catch (error) {
      throw error instanceof MaxPartSizeExceededError ? new UploadRefused(413, t.tooLarge) : error;
    }
  };
  let upload: FormData;
  try {
    // The file goes to a temporary file on disk (never whole in memory); small text fields to memory.
    upload = await unstable_parseMultipartFormData(
      limited.request,
      unstable_composeUploadHandlers(
        counted,
        onDisk,
        unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
      ),
    );
  } catch (error) {
    await discard();
    if (error instanceof UploadRefused)
      return json({ error: error.message }, { status: error.status });
    if (limited.exceeded()) return json({ error: t.tooLarge }, { status: 413 });
    return json({ error: t.uploadUnreadable }, { status: 400 });
  }
  const parsed = importUploadForm.safeParse({
    kind: upload.get("kind"),
    encoding: upload.get("encoding") ?? undefined,
    delimiter: upload.get("delimiter") ?? undefined,
  });
  const file = upload.get("file") as NodeOnDiskFile | null;
  const refuse = async (error: string) => {
    await discard();
    return json({ error }, { status: 422 });
  };
  if (!parsed.success) return refuse(parsed.error.issues[0].message);
  if (!file || typeof file === "string" || file.size === 0) return refuse(t.chooseFile);
  await discard(file.getFilePath());
  const id = await withDbAndSql(startImport)(
    session.shop,
    parsed.data.kind,
    { path: file.getFilePath(), name: uploadedName(file), size: file.size },
    () => offlineAdminFor(session.shop),
    {
      // Every upload is a dry run first; the merchant applies it from its preview.
      dryRun: true,
      encoding: parsed.data.encoding === "auto" ? null : parsed.data.encoding,
      delimiter: parsed.data.delimiter === "auto" ? null : parsed.data.delimiter,
    },
  );
  return json({ started: id });
}

export default function ImportPage() {
  const { imports, backfills, page, hasMore, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const submit = useSubmit();
  const [kind, setKind] = useState("balances");
  const [encoding, setEncoding] = useState("auto");
  const [delimiter, setDelimiter] = useState("auto");
  const [file, setFile] = useState<File | null>(null);
  const [awardPoints, setAwardPoints] = useState(false);
  const running =
    imports.some((row) => row.status === "running") ||
    backfills.some((row) => !["done", "failed"].includes(row.status));

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <Page title={t.title} backAction={{ content: adminText.nav.home, url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post" encType="multipart/form-data">
              <BlockStack gap="400">
                <Text as="p">{t.intro}</Text>
                <Select
                  label={t.fileHolds}
                  name="kind"
                  value={kind}
                  onChange={setKind}
                  options={[
                    { label: t.kindBalances, value: "balances" },
                    { label: t.kindHistory, value: "history" },
                  ]}
                />
                <InlineStack gap="400">
                  <Select
                    label={t.encoding}
                    name="encoding"
                    value={encoding}
                    onChange={setEncoding}
                    options={[
                      { label: t.automatic, value: "auto" },
                      ...ENCODINGS.map((value) => ({ label: t.encodings[value] ?? value, value })),
                    ]}
                  />
                  <Select
                    label={t.delimiter}
                    name="delimiter"
                    value={delimiter}
                    onChange={setDelimiter}
                    options={[
                      { label: t.automatic, value: "auto" },
                      ...Object.entries(t.delimiters).map(([value, label]) => ({ label, value })),
                    ]}
                  />
                </InlineStack>
                <DropZone
                  label={t.file}
                  allowMultiple={false}
                  accept=".csv,text/csv"
                  onDrop={(files) => setFile(files[0] ?? null)}
                >
                  {file ? (
                    <Text as="p" alignment="center">
                      {file.name}
                    </Text>
                  ) : (
                    <DropZone.FileUpload actionHint={t.fileHint} />
                  )}
                </DropZone>
                {/* DropZone keeps the file in state; a hidden input carries it in the form post. */}
                <input
                  type="file"
                  name="file"
                  hidden
                  ref={(input) => {
                    if (input && file) {
                      const transfer = new DataTransfer();
                      transfer.items.add(file);
                      input.files = transfer.files;
                    }
                  }}
                />
                {result && "error" in result && result.error ? (
                  <Banner tone="critical">{result.error}</Banner>
                ) : null}
                <InlineStack align="end">
                  <Button
                    submit
                    variant="primary"
                    disabled={!file}
                    loading={navigation.state === "submitting"}
                  >
                    {t.submit}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.pastOrders}
                </Text>
                <Text as="p">{t.pastOrdersHelp}</Text>
                <input type="hidden" name="intent" value="backfill" />
                <Checkbox
                  label={t.awardPoints}
                  name="awardPoints"
                  checked={awardPoints}
                  onChange={setAwardPoints}
                />
                {awardPoints ? <input type="hidden" name="awardPoints" value="on" /> : null}
                {backfills.map((row) => (
                  <BlockStack gap="100" key={row.id}>
                    <Text as="p" tone={row.progress.phase === "failed" ? "critical" : "subdued"}>
                      {t.backfillLine(
                        formatDate(row.createdAt, timeZone),
                        row.awardPoints,
                        row.progress.label,
                      )}
                    </Text>
                    {row.progress.phase === "failed" && row === backfills[0] ? (
                      <InlineStack>
                        <Button
                          onClick={() =>
                            submit(
                              { intent: "retry-backfill", backfillId: row.id },
                              { method: "post" },
                            )
                          }
                        >
                          {t.retryBackfill(row.awardPoints)}
                        </Button>
                      </InlineStack>
                    ) : null}
                    {row.progress.percent !== null ? (
                      <ProgressBar
                        progress={row.progress.percent}
                        size="small"
                        tone={row.progress.phase === "done" ? "success" : "primary"}
                      />
                    ) : null}
                  </BlockStack>
                ))}
                <InlineStack align="end">
                  <Button submit>{t.backfill}</Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              {t.history}
            </Text>
            {imports.length === 0 ? (
              <Card>
                <EmptyState heading={t.empty} image="">
                  <p>{t.emptyHelp}</p>
                </EmptyState>
              </Card>
            ) : null}
            {imports.map((row) => (
              <Card key={row.id}>
                <BlockStack gap="200">
                  <InlineStack align="space-between">
                    <Text as="h3" variant="headingSm">
                      {formatDateTime(row.createdAt, timeZone)} —{" "}
                      {t.importTitle(row.fileName, t.kinds[row.kind] ?? row.kind, row.format)}
                    </Text>
                    <Text as="span" tone={row.status === "failed" ? "critical" : "subdued"}>
                      {t.status[row.status] ?? row.status}
                    </Text>
                  </InlineStack>
                  <ProgressBar
                    progress={row.percent}
                    tone={row.status === "failed" ? "critical" : "primary"}
                  />
                  <Text as="p" variant="bodySm">
                    {(row.dryRun ? t.previewRows : t.rows)(
                      row.rowsRead.toLocaleString(currentAdminLocale()),
                      row.rowsImported.toLocaleString(currentAdminLocale()),
                      row.rowsSkipped.toLocaleString(currentAdminLocale()),
                      row.rowsNothing.toLocaleString(currentAdminLocale()),
                      row.rowsFailed.toLocaleString(currentAdminLocale()),
                    )}
                  </Text>
                  {row.summary && row.status !== "running" ? (
                    <BlockStack gap="100">
                      {row.dryRun ? (
                        <Text as="h4" variant="headingSm">
                          {t.previewTitle}
                        </Text>
                      ) : null}
                      <Text as="p" variant="bodySm">
                        {t.summary(row.summary)}
                      </Text>
                      {Object.entries(row.summary.pointsByTier).map(([tier, points]) => (
                        <Text as="p" variant="bodySm" key={tier}>
                          {t.pointsByTier(tier, points)}
                        </Text>
                      ))}
                      {row.summary.birthdaysSet ? (
                        <Text as="p" variant="bodySm">
                          {t.birthdaysSet(row.summary.birthdaysSet)}
                        </Text>
                      ) : null}
                    </BlockStack>
                  ) : null}
                  {row.encoding && row.delimiter ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {t.readAs(
                        t.encodings[row.encoding] ?? row.encoding,
                        t.delimiters[row.delimiter] ?? row.delimiter,
                      )}
                    </Text>
                  ) : null}
                  {row.customersExportedAt ? (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {t.customersExportedAt(formatDateTime(row.customersExportedAt, timeZone))}
                    </Text>
                  ) : null}
                  {row.ignoredColumns ? (
                    <Text as="p" variant="bodySm" tone="caution">
                      {t.ignoredColumns(row.ignoredColumns)}
                    </Text>
                  ) : null}
                  {row.failure ? <Banner tone="critical">{row.failure}</Banner> : null}
                  {row.mapColumns ? (
                    <BlockStack gap="200">
                      <MapColumns id={row.id} kind={row.kind} headers={row.mapColumns} />
                      <InlineStack>
                        <DiscardButton id={row.id} />
                      </InlineStack>
                    </BlockStack>
                  ) : null}
                  {row.canApply ? (
                    <BlockStack gap="200">
                      <Text as="p" variant="bodySm">
                        {t.previewHelp}
                      </Text>
                      <InlineStack gap="200">
                        <Form method="post">
                          <input type="hidden" name="intent" value="apply" />
                          <input type="hidden" name="id" value={row.id} />
                          <Button submit variant="primary">
                            {t.apply}
                          </Button>
                        </Form>
                        <DiscardButton id={row.id} />
                      </InlineStack>
                    </BlockStack>
                  ) : null}
                  {row.firstRejected.length ? (
                    <BlockStack gap="100">
                      <Text as="p" variant="bodySm" fontWeight="semibold">
                        {t.firstRejected}
                      </Text>
                      {row.firstRejected.map((rejected) => (
                        <Text as="p" variant="bodySm" key={rejected.row} tone="critical">
                          {t.rejectedRow(rejected.row, rejected.message)}
                        </Text>
                      ))}
                    </BlockStack>
                  ) : null}
                  {row.rowsFailed > 0 ? (
                    <InlineStack>
                      <DownloadButton
                        url={`/app/analytics/download?report=import-errors&id=${row.id}`}
                        filename={`tally-import-errors-${row.id}.csv`}
                      >
                        {t.rejectedRows}
                      </DownloadButton>
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </Card>
            ))}
            {page > 0 || hasMore ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={page > 0}
                  previousTooltip={t.newer}
                  onPrevious={() => navigate(`?page=${page - 1}`)}
                  hasNext={hasMore}
                  nextTooltip={t.older}
                  onNext={() => navigate(`?page=${page + 1}`)}
                />
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** The mapping step: which of the file's columns holds what Tally reads. */
function MapColumns({ id, kind, headers }: { id: string; kind: string; headers: string[] }) {
  const fields = MAPPED_FIELDS.filter((field) => kind === "history" || field !== "createdAt");
  const [chosen, setChosen] = useState<Record<string, string>>({});
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remap" />
      <input type="hidden" name="id" value={id} />
      <BlockStack gap="200">
        <Text as="p" variant="bodySm">
          {t.mapHelp}
        </Text>
        <InlineStack gap="300">
          {fields.map((field) => (
            <Select
              key={field}
              label={t.fields[field]}
              name={`map.${field}`}
              value={chosen[field] ?? ""}
              onChange={(value) => setChosen((current) => ({ ...current, [field]: value }))}
              options={[
                { label: t.notInFile, value: "" },
                ...headers.map((header) => ({ label: header, value: header })),
              ]}
            />
          ))}
        </InlineStack>
        <InlineStack>
          <Button submit>{t.previewMapped}</Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

function DiscardButton({ id }: { id: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="discard" />
      <input type="hidden" name="id" value={id} />
      <Button submit>{t.discard}</Button>
    </Form>
  );
}

export const ErrorBoundary = RouteError;
