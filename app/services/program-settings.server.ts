// The merchant's program settings: read the current version, save a validated draft as a new
// version (earlier orders keep explaining themselves by the version they earned under).
import type { Db } from "../db.server";
import { validateProgram } from "../loyalty/program";
import type { Program } from "../loyalty/types";
import { markShopMetafieldDirty } from "../models/outbox.server";
import { currentProgramVersion, saveProgramVersion } from "../models/program.server";

export interface ProgramSettings {
  program: Program;
  version: number;
  enabled: boolean;
  currencyCode: string;
  timeZone: string;
}

export async function loadProgramSettings(db: Db, shop: string): Promise<ProgramSettings> {
  const [shopRow, current] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { shop } }),
    currentProgramVersion(db, shop),
  ]);
  return {
    program: current.program,
    version: current.version,
    enabled: shopRow.programEnabled,
    currencyCode: shopRow.currencyCode,
    timeZone: shopRow.timeZone,
  };
}

/** Field path ("tiers.1.threshold") → the message to show under that field. */
export type FieldErrors = Record<string, string>;

export type SaveOutcome =
  | { status: "saved"; version: number }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "stale"; currentVersion: number };

export function toFieldErrors(errors: { path: string; message: string }[]): FieldErrors {
  const byPath: FieldErrors = {};
  // The first message per field is the one to fix first; later ones usually follow from it.
  for (const error of errors) byPath[error.path] ??= error.message;
  return byPath;
}

/**
 * Validates and saves. `baseVersion` is the version the form was loaded from: a save on top of
 * someone else's newer save is refused rather than silently undoing it.
 */
export async function saveProgramSettings(
  db: Db,
  shop: string,
  input: { program: unknown; enabled: boolean; baseVersion: number },
  staffId: string,
): Promise<SaveOutcome> {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  // The currency's digits belong to the shop, not to the form.
  const candidate =
    typeof input.program === "object" && input.program !== null
      ? { ...input.program, currencyExponent: shopRow.currencyExponent }
      : input.program;
  const validation = validateProgram(candidate);
  if (!validation.ok) return { status: "invalid", errors: toFieldErrors(validation.errors) };
  return db.$transaction(async (tx) => {
    const current = await currentProgramVersion(tx, shop);
    if (current.version !== input.baseVersion)
      return { status: "stale" as const, currentVersion: current.version };
    const saved = await saveProgramVersion(tx, shop, validation.program, `staff:${staffId}`);
    await tx.shop.update({ where: { shop }, data: { programEnabled: input.enabled } });
    // The storefront's product block reads the earn rate from the shop's metafield (decision 037).
    await markShopMetafieldDirty(tx, shop, new Date());
    return { status: "saved" as const, version: saved.version };
  });
}
