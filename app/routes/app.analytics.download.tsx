// CSV downloads for the shop of the signed-in admin: KPIs and daily figures (small, built at once),
// members, the full ledger and an import's rejected rows (streamed in keyset batches).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isRecordId } from "~/utils/record-id";
import { adminText } from "~/i18n";
import { importOfShop } from "~/services/admin-reads.server";
import { analyticsDashboard, dailyCsv, dashboardCsv } from "~/services/analytics.server";
import { importErrorsCsvStream, ledgerCsvStream, membersCsvStream } from "~/services/export.server";
import { rejectedRowBatches } from "~/services/import.server";
import { authenticate } from "~/shopify.server";
import { CSV_BOM } from "~/utils/csv";
import { withDb, withSql } from "~/services/process-handles.server";

const query = z.object({
  report: z.enum(["kpis", "daily", "members", "ledger", "import-errors"]),
  id: z.string().max(64).optional(),
  days: z.coerce
    .number()
    .pipe(z.union([z.literal(30), z.literal(90), z.literal(365)]))
    .default(30),
});

const csv = (body: string | ReadableStream<Uint8Array>, name: string) =>
  new Response(typeof body === "string" ? CSV_BOM + body : body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const parsed = query.safeParse({
    report: url.searchParams.get("report") ?? undefined,
    days: url.searchParams.get("days") ?? undefined,
    id: url.searchParams.get("id") ?? undefined,
  });
  if (!parsed.success)
    return json(
      {
        message: adminText.errors.badDownload(
          parsed.error.issues
            .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
            .join("; "),
        ),
      },
      { status: 400 },
    );
  const { report, days, id } = parsed.data;
  const now = new Date();
  const stamp = now.toISOString().slice(0, 10);
  switch (report) {
    case "kpis":
    case "daily": {
      const view = await withSql(analyticsDashboard)(session.shop, now);
      // Zeros would read as real figures: say they are not ready rather than download them.
      if (view.refreshedAt === null)
        return json(
          { message: adminText.analytics.computingDownload },
          { status: 503, headers: { "Retry-After": "60" } },
        );
      return report === "kpis"
        ? csv(dashboardCsv(view), `tally-kpis-${stamp}.csv`)
        : csv(dailyCsv(view, days), `tally-daily-${days}d-${stamp}.csv`);
    }
    case "members":
      return csv(await withSql(membersCsvStream)(session.shop), `tally-members-${stamp}.csv`);
    case "ledger":
      return csv(withSql(ledgerCsvStream)(session.shop), `tally-ledger-${stamp}.csv`);
    case "import-errors": {
      // Only an import of the signed-in shop: another shop's id is simply not found.
      const dataImport = isRecordId(id) ? await withDb(importOfShop)(session.shop, id) : null;
      if (!dataImport) return json({ message: adminText.errors.importNotFound }, { status: 404 });
      return csv(
        importErrorsCsvStream(withDb(rejectedRowBatches)(dataImport.id)),
        `tally-import-errors-${dataImport.id}.csv`,
      );
    }
  }
}
