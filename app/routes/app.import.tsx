// Import members' balances, tiers or points history from a CSV (docs/csv-import.md), with progress.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, unstable_composeUploadHandlers, unstable_createFileUploadHandler, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type NodeOnDiskFile } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { basename } from "node:path";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, Checkbox, DropZone, EmptyState, InlineStack, Layout, Page, ProgressBar, Select, Text } from "@shopify/polaris";
import { z } from "zod";
import { DownloadButton } from "~/components/analytics/DownloadButton";
import { RouteError } from "~/components/RouteError";
import { getDb, getSql } from "~/db.server";
import { en } from "~/i18n/en";
import { recentImports } from "~/models/data-import.server";
import { requestBackfill } from "~/services/backfill.server";
import { importPercent, startImport } from "~/services/import.server";
import { authenticate } from "~/shopify.server";

const t = en.import;
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const UPLOAD_PREFIX = "tally-import-";
const SEPARATOR = "--";
// The temporary file's name carries the uploaded name (sanitised) so the import list can show it.
const safeName = (name: string) => basename(name).replace(/[^\w.\- ]/g, "_").slice(0, 120) || "upload.csv";
const uploadedName = (file: NodeOnDiskFile) => file.name.split(SEPARATOR).slice(1).join(SEPARATOR) || file.name;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const imports = await recentImports(getDb(), session.shop);
  const backfills = await getDb().backfill.findMany({ where: { shop: session.shop }, orderBy: { createdAt: "desc" }, take: 3 });
  return json({
    imports: imports.map((row) => ({ ...row, percent: importPercent(row), createdAt: row.createdAt.toISOString() })),
    backfills: backfills.map((row) => ({ id: row.id, status: row.status, awardPoints: row.awardPoints, ordersProcessed: row.ordersProcessed, objectCount: row.objectCount, failure: row.failure, createdAt: row.createdAt.toISOString() })),
  });
}

const form = z.object({ kind: z.enum(["balances", "history"], { error: t.chooseKind }) });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  if (request.headers.get("Content-Type")?.startsWith("application/x-www-form-urlencoded")) {
    const fields = await request.formData();
    if (fields.get("intent") !== "backfill") return json({ error: t.unknownRequest }, { status: 400 });
    const { created } = await requestBackfill(getDb(), session.shop, { awardPoints: fields.get("awardPoints") === "on", now: new Date() });
    return json({ backfill: created ? "started" : "already running" });
  }
  let upload: FormData;
  try {
    // The file goes to a temporary file on disk (never whole in memory); small text fields to memory.
    upload = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({ directory: tmpdir(), maxPartSize: MAX_FILE_BYTES, filter: ({ name }) => name === "file", file: ({ filename }) => `${UPLOAD_PREFIX}${randomUUID()}${SEPARATOR}${safeName(filename)}` }),
        unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
      ),
    );
  } catch {
    return json({ error: t.tooLarge }, { status: 413 });
  }
  const parsed = form.safeParse({ kind: upload.get("kind") });
  const file = upload.get("file") as NodeOnDiskFile | null;
  if (!parsed.success) return json({ error: parsed.error.issues[0].message }, { status: 422 });
  if (!file || typeof file === "string" || file.size === 0) return json({ error: t.chooseFile }, { status: 422 });
  const id = await startImport(getDb(), getSql(), session.shop, parsed.data.kind, { path: file.getFilePath(), name: uploadedName(file), size: file.size });
  return json({ started: id });
}

export default function ImportPage() {
  const { imports, backfills } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [kind, setKind] = useState("balances");
  const [file, setFile] = useState<File | null>(null);
  const [awardPoints, setAwardPoints] = useState(false);
  const running = imports.some((row) => row.status === "running") || backfills.some((row) => !["done", "failed"].includes(row.status));

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <Page title={t.title} backAction={{ url: "/app/analytics" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post" encType="multipart/form-data">
              <BlockStack gap="400">
                <Text as="p">{t.intro}</Text>
                <Select label={t.fileHolds} name="kind" value={kind} onChange={setKind} options={[{ label: t.kindBalances, value: "balances" }, { label: t.kindHistory, value: "history" }]} />
                <DropZone label={t.file} allowMultiple={false} accept=".csv,text/csv" onDrop={(files) => setFile(files[0] ?? null)}>
                  {file ? <Text as="p" alignment="center">{file.name}</Text> : <DropZone.FileUpload actionHint={t.fileHint} />}
                </DropZone>
                {/* DropZone keeps the file in state; a hidden input carries it in the form post. */}
                <input type="file" name="file" hidden ref={(input) => {
                  if (input && file) {
                    const transfer = new DataTransfer();
                    transfer.items.add(file);
                    input.files = transfer.files;
                  }
                }} />
                {result && "error" in result && result.error ? <Banner tone="critical">{result.error}</Banner> : null}
                <InlineStack align="end">
                  <Button submit variant="primary" disabled={!file} loading={navigation.state === "submitting"}>{t.submit}</Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t.pastOrders}</Text>
                <Text as="p">{t.pastOrdersHelp}</Text>
                <input type="hidden" name="intent" value="backfill" />
                <Checkbox label={t.awardPoints} name="awardPoints" checked={awardPoints} onChange={setAwardPoints} />
                {awardPoints ? <input type="hidden" name="awardPoints" value="on" /> : null}
                {backfills.map((row) => (
                  <Text as="p" key={row.id} tone={row.status === "failed" ? "critical" : "subdued"}>
                    {t.backfillRow(new Date(row.createdAt).toLocaleDateString("en"), t.status[row.status] ?? row.status, row.ordersProcessed.toLocaleString("en"), row.awardPoints, row.failure)}
                  </Text>
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
            <Text as="h2" variant="headingMd">{t.history}</Text>
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
                    <Text as="h3" variant="headingSm">{t.importTitle(row.fileName, t.kinds[row.kind] ?? row.kind, row.format)}</Text>
                    <Text as="span" tone={row.status === "failed" ? "critical" : "subdued"}>{t.status[row.status] ?? row.status}</Text>
                  </InlineStack>
                  <ProgressBar progress={row.percent} tone={row.status === "failed" ? "critical" : "primary"} />
                  <Text as="p" variant="bodySm">
                    {t.rows(row.rowsRead.toLocaleString("en"), row.rowsImported.toLocaleString("en"), row.rowsSkipped.toLocaleString("en"), row.rowsFailed.toLocaleString("en"))}
                  </Text>
                  {row.failure ? <Banner tone="critical">{row.failure}</Banner> : null}
                  {row.rowsFailed > 0 ? (
                    <InlineStack>
                      <DownloadButton url={`/app/analytics/download?report=import-errors&id=${row.id}`} filename={`tally-import-errors-${row.id}.csv`}>{t.rejectedRows}</DownloadButton>
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </Card>
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
