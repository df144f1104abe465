// Birthdays (decision 032): the shopper sets theirs on the Rewards page (POST /api/loyalty/birthday);
// a periodic job pays the program's birthday bonus once per year on the day in the shop's time
// zone (ledger key `birthday:{customerId}:{year}`) and sends the "Customer birthday" Flow trigger.
// Safe on several instances and after downtime: the job catches up BIRTHDAY_CATCH_UP_DAYS days,
// each member's year is claimed with a conditional update, and the ledger key pays once anyway.
import type { Sql, SqlDatabase } from "../db/sql.server";
import {
  BIRTHDAY_CHANGE_DAYS,
  birthdayChangeableFrom,
  birthdayDays,
  birthdayPayable,
  formatBirthday,
  type Birthday,
  type BirthdayDay,
} from "../loyalty/birthday";
import { fixedBonus } from "../loyalty/earn";
import {
  birthdayCandidates,
  birthdayOfMember,
  claimBirthdayYear,
  storeBirthday,
} from "../models/member-dates.server";
import { engagementOf } from "../models/engagement.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext, type ShopContext } from "../models/program.server";
import { creditPoints } from "./credit-points.server";
import { enqueueFlowTrigger } from "./flow-triggers.server";

const DAY_MS = 86_400_000;
const BATCH = 200;

export type SetBirthdayResult =
  | { status: "set"; birthday: Birthday; changeableFrom: Date | null }
  | { status: "unchanged"; birthday: Birthday; changeableFrom: Date | null }
  | { status: "locked"; changeableFrom: Date }
  | { status: "not_member" };

/** The shopper's own birthday; once set, it can be changed again after BIRTHDAY_CHANGE_DAYS days. */
export async function setShopperBirthday(
  db: SqlDatabase,
  shop: ShopContext,
  shopifyCustomerId: string,
  birthday: Birthday,
  now: Date,
): Promise<SetBirthdayResult> {
  const stored = formatBirthday(birthday);
  return db.transaction(async (tx) => {
    const member = await birthdayOfMember(tx, shop.shop, shopifyCustomerId);
    if (!member) return { status: "not_member" };
    // Sending the same date again (a retried request) neither fails nor restarts the year.
    if (member.birthday === stored)
      return {
        status: "unchanged",
        birthday,
        changeableFrom: birthdayChangeableFrom(member.birthdaySetAt, now),
      };
    const lockedAfter = new Date(now.getTime() - BIRTHDAY_CHANGE_DAYS * DAY_MS);
    if (!(await storeBirthday(tx, member.customerId, stored, lockedAfter, now)))
      return {
        status: "locked",
        changeableFrom: birthdayChangeableFrom(member.birthdaySetAt, now) ?? now,
      };
    // The `$app:loyalty.birthday` metafield follows through the outbox (metafield-sync).
    await markMetafieldsDirty(tx, shop.shop, member.customerId, now);
    return { status: "set", birthday, changeableFrom: birthdayChangeableFrom(now, now) };
  });
}

export interface BirthdayRun {
  birthdays: number;
  bonuses: number;
}

/** The birthday job for one shop: every day of the catch-up window, oldest first. */
export async function celebrateShopBirthdays(
  db: SqlDatabase,
  shopDomain: string,
  now: Date,
): Promise<BirthdayRun> {
  const run: BirthdayRun = { birthdays: 0, bonuses: 0 };
  const shop = await shopContext(db, shopDomain);
  if (!shop || !shop.programEnabled) return run;
  const program = await programOfVersion(db, shop.programVersionId);
  const points = fixedBonus(program.birthday);
  const flowTrigger = (await engagementOf(db, shop)).flowTriggers.birthday;
  // Nothing to pay and nobody listening: members' years stay unclaimed for when either is switched on.
  if (points === 0 && !flowTrigger) return run;
  const context: Celebration = {
    shop,
    points,
    flowTrigger,
    defaultTier: program.tiers[0].name,
  };
  for (const day of birthdayDays(now, shop.timeZone)) {
    for (let afterId = ""; ;) {
      const page = await birthdayCandidates(db, shop.shop, day.stored, day.year, afterId, BATCH);
      for (const member of page) {
        if (!birthdayPayable(day, member.birthdaySetAt, shop.timeZone)) continue;
        const paid = await db.transaction((tx) =>
          celebrate(tx, context, member.id, member.birthday, day, now),
        );
        if (paid === null) continue;
        run.birthdays += 1;
        if (paid) run.bonuses += 1;
      }
      if (page.length < BATCH) break;
      afterId = page[page.length - 1].id;
    }
  }
  return run;
}

interface Celebration {
  shop: ShopContext;
  points: number;
  flowTrigger: boolean;
  defaultTier: string;
}

/** One member's birthday in one transaction: null when another run had it, else whether points were paid. */
async function celebrate(
  tx: Sql,
  context: Celebration,
  customerId: string,
  birthday: string,
  day: BirthdayDay,
  now: Date,
): Promise<boolean | null> {
  const { shop, points } = context;
  if (!(await claimBirthdayYear(tx, customerId, day.year))) return null;
  let paid = false;
  if (points > 0) {
    const entry = await creditPoints(
      tx,
      shop,
      {
        shop: shop.shop,
        customerId,
        kind: "earn",
        points,
        idempotencyKey: `birthday:${customerId}:${day.year}`,
        reason: "Birthday bonus",
        snapshot: {
          rule: "birthday",
          points,
          birthday,
          year: day.year,
          programVersionId: shop.programVersionId,
        },
      },
      "birthday",
      now,
    );
    paid = entry.status === "applied";
  }
  if (context.flowTrigger) {
    const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
    await enqueueFlowTrigger(
      tx,
      shop.shop,
      {
        kind: "birthday",
        customerId,
        eventKey: `${customerId}:${day.year}`,
        fields: { birthday, date, "bonus points": paid ? points : 0 },
        defaultTier: context.defaultTier,
      },
      now,
    );
  }
  return paid;
}
