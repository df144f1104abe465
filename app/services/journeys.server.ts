// Onboarding journeys (app/loyalty/journeys.ts): a periodic job finds customers whose first order
// is a step's number of days old and emits the step as a Flow trigger through the outbox. The
// unique (customer, journey) row makes each step fire once per customer, however often or on how
// many instances the job runs; the due query reads the Customer (shop, firstOrderAt) index.
import { randomUUID } from "node:crypto";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { parseStoredEngagement } from "../loyalty/engagement-schema";
import { dueWindow, journeyBonusKey, JOURNEY_STEPS, type JourneyStepId } from "../loyalty/journeys";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext } from "../models/program.server";
import { enqueueFlowTrigger } from "./flow-triggers.server";

const BATCH = 200;

export interface JourneyRun {
  fired: number;
}

/** Fires every due step of every shop with a journey switched on. */
export async function runDueJourneys(db: SqlDatabase, now: Date): Promise<JourneyRun> {
  let fired = 0;
  const shops = await db.rows(
    `SELECT e.shop, e.config FROM "EngagementSettings" e JOIN "Shop" s ON s.shop = e.shop WHERE s."uninstalledAt" IS NULL`,
  );
  for (const row of shops) {
    const settings = parseStoredEngagement(decode.json(row.config));
    if (!JOURNEY_STEPS.some((step) => settings.journeys[step.id].enabled)) continue;
    const context = await shopContext(db, String(row.shop));
    if (!context) continue;
    const defaultTier = (await programOfVersion(db, context.programVersionId)).tiers[0].name;
    for (const step of JOURNEY_STEPS) {
      const journey = settings.journeys[step.id];
      if (!journey.enabled) continue;
      const { from, to } = dueWindow(step.days, now);
      for (;;) {
        const due = await db.rows<{ id: string }>(
          `SELECT c.id FROM "Customer" c
           WHERE c.shop = ? AND c."firstOrderAt" >= ? AND c."firstOrderAt" < ? AND c."redactedAt" IS NULL
             AND NOT EXISTS (SELECT 1 FROM "JourneyStep" j WHERE j."customerId" = c.id AND j.journey = ?)
           ORDER BY c."firstOrderAt" LIMIT ${BATCH}`,
          [String(row.shop), from, to, step.id],
        );
        for (const customer of due) {
          if (
            await db.transaction((tx) =>
              fireStep(
                tx,
                {
                  shop: String(row.shop),
                  customerId: customer.id,
                  step: step.id,
                  days: step.days,
                  bonusPoints: journey.bonusPoints,
                  defaultTier,
                  pointsEarnedTrigger: settings.flowTriggers.points_earned,
                },
                now,
              ),
            )
          )
            fired += 1;
        }
        if (due.length < BATCH) break;
      }
    }
  }
  return { fired };
}

/** One step for one customer, in one transaction; false when it already fired (another run won). */
export async function fireStep(
  sql: Sql,
  input: {
    shop: string;
    customerId: string;
    step: JourneyStepId;
    days: number;
    bonusPoints: number;
    defaultTier: string;
    pointsEarnedTrigger?: boolean;
  },
  now: Date,
): Promise<boolean> {
  const { shop, customerId, step, days, bonusPoints } = input;
  const inserted = await sql.rows(
    `INSERT INTO "JourneyStep" (id, shop, "customerId", journey, "firedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("customerId", journey) DO NOTHING RETURNING id`,
    [randomUUID(), shop, customerId, step, now],
  );
  if (!inserted.length) return false;
  if (bonusPoints > 0) {
    const bonusKey = journeyBonusKey(step, customerId);
    const bonus = await appendLedgerEntry(
      sql,
      {
        shop,
        customerId,
        kind: "earn",
        points: bonusPoints,
        idempotencyKey: bonusKey,
        reason: "Welcome bonus",
        snapshot: { rule: "journey", step, points: bonusPoints },
      },
      now,
    );
    await markMetafieldsDirty(sql, shop, customerId, now);
    if (bonus.status === "applied" && input.pointsEarnedTrigger) {
      await enqueueFlowTrigger(
        sql,
        shop,
        {
          kind: "points_earned",
          customerId,
          eventKey: bonusKey,
          fields: { points: bonusPoints, reason: "Welcome bonus", source: "journey" },
          defaultTier: input.defaultTier,
        },
        now,
      );
    }
  }
  await enqueueFlowTrigger(
    sql,
    shop,
    {
      kind: "journey_step",
      customerId,
      eventKey: `${step}:${customerId}`,
      fields: { step, "days since first order": days, "bonus points": bonusPoints },
      defaultTier: input.defaultTier,
    },
    now,
  );
  return true;
}
