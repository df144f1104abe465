// DataImport rows: one per uploaded file, with its progress and its rejected rows.
import type { Db } from "../db.server";

export interface ImportProgress {
  bytesRead: number;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  rowsFailed: number;
}

export async function createImport(db: Db, shop: string, kind: string, fileName: string, fileBytes: number): Promise<string> {
  const row = await db.dataImport.create({ data: { shop, kind, fileName: fileName.slice(0, 200), fileBytes } });
  return row.id;
}

export async function recordImportProgress(db: Db, id: string, progress: ImportProgress, failures: { row: number; message: string; raw: string }[]): Promise<void> {
  await db.$transaction([
    ...(failures.length ? [db.dataImportError.createMany({ data: failures.map((failure) => ({ importId: id, ...failure })) })] : []),
    db.dataImport.update({ where: { id }, data: { ...progress } }),
  ]);
}

export async function finishImport(db: Db, id: string, status: "done" | "failed", failure: string | null, now: Date): Promise<void> {
  await db.dataImport.update({ where: { id }, data: { status, failure, finishedAt: now } });
}

export async function recentImports(db: Db, shop: string, take = 10) {
  return db.dataImport.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take });
}

export async function importOfShop(db: Db, shop: string, id: string) {
  return db.dataImport.findFirst({ where: { id, shop } });
}

/** Rejected rows in file order, a batch at a time (keyset on the row number). */
export async function* importErrorBatches(db: Db, importId: string, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db.dataImportError.findMany({ where: { importId, row: { gt: after } }, orderBy: { row: "asc" }, take: batch });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].row;
  }
}
