// The merchant's program settings: read the current version, save a validated draft as a new
// version (earlier orders keep explaining themselves by the version they earned under).
import type { Db } from "../db.server";
import type { SqlDatabase } from "../db/sql.server";
import { validateProgram } from "../loyalty/program";
import { toFieldErrors, type FieldErrors } from "../loyalty/plain-issues";
import type { Program } from "../loyalty/types";
import { markShopMetafieldDirty } from "../models/outbox.server";
import { currentProgramVersion, saveProgramVersion } from "../models/program.server";
import { reevaluateTiersNow, type ReevaluationCounts } from "./tier-reevaluation.server";

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

export type SaveOutcome =
  /** `tiers`: how many members the save moved to another tier (their tiers follow the new rules). */
  | { status: "saved"; version: number; tiers: ReevaluationCounts | null }
  /** Nothing differs from the current version: no new version is written. */
  | { status: "unchanged"; version: number }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "stale"; currentVersion: number };

export { toFieldErrors, type FieldErrors };

/**
 * Validates and saves. `baseVersion` is the version the form was loaded from: a save on top of
 * someone else's newer save is refused rather than silently undoing it.
 */
export async function saveProgramSettings(
  db: Db,
  sql: SqlDatabase,
  shop: string,
  input: { program: unknown; enabled: boolean; baseVersion: number },
  staffId: string,
  now: Date,
): Promise<SaveOutcome> {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  // The currency's digits belong to the shop, not to the form.
  const candidate =
    typeof input.program === "object" && input.program !== null
      ? { ...input.program, currencyExponent: shopRow.currencyExponent }
      : input.program;
  const validation = validateProgram(candidate);
  if (!validation.ok) return { status: "invalid", errors: toFieldErrors(validation.errors) };
  const outcome = await db.$transaction(async (tx) => {
    const current = await currentProgramVersion(tx, shop);
    if (current.version !== input.baseVersion)
      return { status: "stale" as const, currentVersion: current.version };
    const sameProgram = sameJson(validation.program, current.program);
    if (sameProgram && input.enabled === shopRow.programEnabled)
      return { status: "unchanged" as const, version: current.version };
    const version = sameProgram
      ? current.version
      : (await saveProgramVersion(tx, shop, validation.program, `staff:${staffId}`)).version;
    await tx.shop.update({ where: { shop }, data: { programEnabled: input.enabled } });
    // The storefront's product block reads the earn rate from the shop's metafield (decision 037).
    await markShopMetafieldDirty(tx, shop, new Date());
    return {
      status: "saved" as const,
      version,
      tiersChanged: !sameJson(tierRules(validation.program), tierRules(current.program)),
    };
  });
  if (outcome.status !== "saved") return outcome;
  // Members follow changed tier rules now, not at the next hourly run (the job's own code, so the
  // two can never disagree; a concurrent run is harmless: its moves are conditional updates).
  const tiers = outcome.tiersChanged ? await reevaluateTiersNow(sql, shop, now) : null;
  return { status: "saved", version: outcome.version, tiers };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function tierRules(program: Program) {
  return { tiers: program.tiers, basis: program.tierBasis, period: program.tierPeriod };
}
