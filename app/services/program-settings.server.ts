// The merchant's program settings: read the current version, save a validated draft as a new
// version (earlier orders keep explaining themselves by the version they earned under).
import type { Db } from "../db.server";
import type { SqlDatabase } from "../db/sql.server";
import { validateProgram } from "../loyalty/program";
import { toFieldErrors, type FieldErrors } from "../loyalty/plain-issues";
import type { Program } from "../loyalty/types";
import { markShopMetafieldDirty } from "../models/outbox.server";
import { currentProgramVersion, saveProgramVersion } from "../models/program.server";
import { enqueueTierRun } from "../models/tier-run.server";
import {
  INLINE_TIER_RUN_MEMBERS,
  kickTierRun,
  membersUpTo,
  processTierRun,
} from "./tier-run.server";
import { simulateProgramDraft } from "./program-simulation.server";

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
  /**
   * `tiers`: the members checked and moved up when the tiers changed and their run finished before
   * the save answered; `tierRun`: the run's id when it goes on in the background (decision 041).
   */
  | {
      status: "saved";
      version: number;
      tiers: { checked: number; upgraded: number } | null;
      tierRun?: string;
    }
  /** Nothing differs from the current version: no new version is written. */
  | { status: "unchanged"; version: number }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "stale"; currentVersion: number };

export { toFieldErrors, type FieldErrors };

/** The form's draft validated with the shop's currency digits (they belong to the shop, not the form). */
function validateDraft(program: unknown, currencyExponent: number) {
  return validateProgram(
    typeof program === "object" && program !== null ? { ...program, currencyExponent } : program,
  );
}

/** Validates the draft and, when valid, what it would have earned over recent orders. */
export async function simulateProgramSettings(
  db: Db,
  sql: SqlDatabase,
  shop: string,
  program: unknown,
  now: Date,
) {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  const validation = validateDraft(program, shopRow.currencyExponent);
  if (!validation.ok)
    return { status: "invalid" as const, errors: toFieldErrors(validation.errors) };
  const simulation = await simulateProgramDraft(db, sql, shop, validation.program, now);
  return { status: "simulated" as const, simulation };
}

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
  /** `inlineMembers`: the largest shop whose run the save waits for; `kick`: start a larger one here. */
  options: { inlineMembers?: number; kick?: boolean } = {},
): Promise<SaveOutcome> {
  const shopRow = await db.shop.findUniqueOrThrow({ where: { shop } });
  const validation = validateDraft(input.program, shopRow.currencyExponent);
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
    // Members follow changed tier rules now, not at the next hourly run: the run is queued with
    // the version, so a save that committed always has its run.
    const tiersChanged = !sameJson(tierRules(validation.program), tierRules(current.program));
    const tierRun = tiersChanged ? await enqueueTierRun(tx, shop, now) : null;
    return { status: "saved" as const, version, tierRun };
  });
  if (outcome.status !== "saved") return outcome;
  const saved = { status: "saved" as const, version: outcome.version, tiers: null };
  if (!outcome.tierRun) return saved;
  const inlineUpTo = options.inlineMembers ?? INLINE_TIER_RUN_MEMBERS;
  if ((await membersUpTo(sql, shop, inlineUpTo)) <= inlineUpTo) {
    const run = await processTierRun(sql, outcome.tierRun, now);
    if (run.claimed && run.run.status === "done") return { ...saved, tiers: run.counts };
  } else if (options.kick ?? true) kickTierRun(sql, outcome.tierRun, now);
  return { ...saved, tierRun: outcome.tierRun };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function tierRules(program: Program) {
  return { tiers: program.tiers, basis: program.tierBasis, period: program.tierPeriod };
}
