// DataImport rows: one per uploaded file, with its progress and its rejected rows.
import type { Db } from "../db.server";
import { storeCoded } from "../i18n/coded-text";
import type { ImportFailure } from "../loyalty/import-problem";

export interface ImportProgress {
  bytesRead: number;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** Rows stating nothing to import (0 points, no tier). */
  rowsNothing: number;
  rowsFailed: number;
}

export async function createImport(
  db: Db,
  shop: string,
  kind: string,
  fileName: string,
  fileBytes: number,
): Promise<string> {
  const row = await db.dataImport.create({
    data: { shop, kind, fileName: fileName.slice(0, 200), fileBytes },
  });
  return row.id;
}

/**
 * Saves progress (and bumps updatedAt, the import's heartbeat). Returns false when the import is no
 * longer running, i.e. it was declared stale meanwhile: its reader then stops.
 */
export async function recordImportProgress(
  db: Db,
  id: string,
  progress: ImportProgress,
  failures: { row: number; message: string; raw: string }[],
): Promise<boolean> {
  const saveProgress = () =>
    db.dataImport.updateMany({
      where: { id, status: "running" },
      data: { ...progress, updatedAt: new Date() },
    });
  // One statement needs no transaction (a batch of a re-import rejects nothing: BEGIN and COMMIT
  // were two of its round trips).
  if (!failures.length) return (await saveProgress()).count > 0;
  const [updated] = await db.$transaction([
    saveProgress(),
    db.dataImportError.createMany({
      data: failures.map((failure) => ({ importId: id, ...failure })),
    }),
  ]);
  return updated.count > 0;
}

/** Bumps the heartbeat during a long step without rows (the analytics rebuild at the end). */
export async function touchImport(db: Db, id: string): Promise<boolean> {
  return (
    (
      await db.dataImport.updateMany({
        where: { id, status: "running" },
        data: { updatedAt: new Date() },
      })
    ).count > 0
  );
}

export async function finishImport(
  db: Db,
  id: string,
  status: "done" | "previewed" | "failed",
  failure: string | null,
  now: Date,
): Promise<void> {
  // A running import only: one declared stale keeps that verdict.
  await db.dataImport.updateMany({
    where: { id, status: "running" },
    data: { status, failure, finishedAt: now },
  });
}

/** An import whose progress has not moved for this long is taken for dead (its instance stopped). */
export const STALE_IMPORT_MS = 10 * 60_000;
/** The failure a stale import is given, stored coded (decision 053). */
export const STALE_IMPORT_FAILURE = storeCoded({ code: "stale" } satisfies ImportFailure);

/**
 * Marks running imports without progress for STALE_IMPORT_MS as failed (of one shop, or all). The
 * file lived in the uploading instance's temporary directory, so no other instance can finish it.
 * A conditional update: safe when several instances sweep at once.
 */
export async function failStaleImports(db: Db, now: Date, shop?: string): Promise<number> {
  const { count } = await db.dataImport.updateMany({
    where: {
      status: "running",
      updatedAt: { lt: new Date(now.getTime() - STALE_IMPORT_MS) },
      ...(shop ? { shop } : {}),
    },
    data: { status: "failed", failure: STALE_IMPORT_FAILURE, finishedAt: now, updatedAt: now },
  });
  return count;
}

/** A page of the shop's imports, newest first; `hasMore` when older ones follow. */
export async function importsPage(db: Db, shop: string, page = 0, size = 10) {
  const rows = await db.dataImport.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: page * size,
    take: size + 1,
  });
  return { rows: rows.slice(0, size), hasMore: rows.length > size };
}

export async function importOfShop(db: Db, shop: string, id: string) {
  return db.dataImport.findFirst({ where: { id, shop } });
}

/** Rejected rows in file order, a batch at a time (keyset on the row number). */
export async function* importErrorBatches(db: Db, importId: string, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db.dataImportError.findMany({
      where: { importId, row: { gt: after } },
      orderBy: { row: "asc" },
      take: batch,
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].row;
  }
}
