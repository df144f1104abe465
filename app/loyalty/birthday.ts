// Birthdays (decision 032): a month and day, no year, stored as "MM-DD". The bonus is paid once per
// year on the day in the shop's time zone; a 29 February birthday is celebrated on 28 February in
// years without one. Pure: `now` and the time zone are passed in.
import { refuseRow, type RowRefused } from "./import-problem";
import { daysInMonth, wallClockAt } from "./zoned-time";

export interface Birthday {
  /** 1–12 */
  month: number;
  day: number;
}

/** How many days back the job still pays a birthday it missed (an outage, a deploy). */
export const BIRTHDAY_CATCH_UP_DAYS = 7;
/** A shopper may change their birthday once per this many days. */
export const BIRTHDAY_CHANGE_DAYS = 365;

const DAY_MS = 86_400_000;
const STORED = /^(\d{2})-(\d{2})$/;

/** A real day of some year (29 February included); null otherwise. */
export function validBirthday(month: unknown, day: unknown): Birthday | null {
  if (!Number.isInteger(month) || !Number.isInteger(day)) return null;
  const m = month as number;
  const d = day as number;
  // 2000 is a leap year: the longest February.
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(2000, m)) return null;
  return { month: m, day: d };
}

export function formatBirthday(birthday: Birthday): string {
  return `${String(birthday.month).padStart(2, "0")}-${String(birthday.day).padStart(2, "0")}`;
}

/** The stored "MM-DD" value; null for anything else (an import may have stored junk). */
export function parseBirthday(stored: string | null | undefined): Birthday | null {
  const match = stored ? STORED.exec(stored) : null;
  return match ? validBirthday(Number(match[1]), Number(match[2])) : null;
}

/** The day a birthday falls on in `year`: 29 February becomes 28 February in common years. */
export function birthdayIn(birthday: Birthday, year: number): Birthday {
  const last = daysInMonth(year, birthday.month);
  return { month: birthday.month, day: Math.min(birthday.day, last) };
}

export interface BirthdayDay {
  year: number;
  month: number;
  day: number;
  /** The stored values ("MM-DD") whose birthday falls on this day: two on 28 February of a common year. */
  stored: string[];
}

/**
 * The shop's local days the job pays birthdays for at `now`: today and the BIRTHDAY_CATCH_UP_DAYS
 * before it, oldest first, each with the stored values celebrated that day.
 */
export function birthdayDays(
  now: Date,
  timeZone: string,
  catchUpDays = BIRTHDAY_CATCH_UP_DAYS,
): BirthdayDay[] {
  const today = wallClockAt(now, timeZone);
  const days: BirthdayDay[] = [];
  for (let back = catchUpDays; back >= 0; back--) {
    // Calendar arithmetic on a UTC date: local days are what counts, not 24-hour spans.
    const date = new Date(0);
    date.setUTCFullYear(today.year, today.month - 1, today.day - back);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    const stored = [formatBirthday({ month, day })];
    if (month === 2 && day === 28 && daysInMonth(year, 2) === 28) stored.push("02-29");
    days.push({ year, month, day, stored });
  }
  return days;
}

/**
 * Whether a birthday celebrated on `day` is paid: only when the birthday was known before the day
 * ended (a birthday entered after its day this year waits for next year, so nobody earns by
 * entering yesterday's date). `setAt` null: known from before (staff or an import).
 */
export function birthdayPayable(day: BirthdayDay, setAt: Date | null, timeZone: string): boolean {
  if (setAt === null) return true;
  const set = wallClockAt(setAt, timeZone);
  const setKey = set.year * 10_000 + set.month * 100 + set.day;
  return setKey <= day.year * 10_000 + day.month * 100 + day.day;
}

/** When a shopper who set their birthday at `setAt` may change it again; null: now. */
export function birthdayChangeableFrom(setAt: Date | null, now: Date): Date | null {
  if (setAt === null) return null;
  const from = new Date(setAt.getTime() + BIRTHDAY_CHANGE_DAYS * DAY_MS);
  return from.getTime() > now.getTime() ? from : null;
}

/**
 * A birthday as another loyalty app's export writes it (decision 042), year ignored:
 * - Smile.io: `date_of_birth` YYYY-MM-DD, the year 1004 standing for "no year"
 *   (dev.smile.io customer object; help.smile.io "Manage customer birthdays" CSV import);
 * - LoyaltyLion: `birthday` {month, day[, year]} (developers.loyaltylion.com customer and
 *   Set Birthday), as a JSON cell or flattened into birthday.month / birthday.day columns;
 * - year-less ISO 8601: MM-DD or --MM-DD; an ISO date-time's date part.
 * Day-first or month-first dates with slashes are refused, never guessed.
 */
export function readImportedBirthday(raw: string): { ok: true; birthday: Birthday } | RowRefused {
  const text = raw.trim();
  let month: number | null = null;
  let day: number | null = null;
  const iso = /^(?:\d{4}-|--)?(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) [month, day] = [Number(iso[1]), Number(iso[2])];
  else if (text.startsWith("{")) {
    try {
      const object = JSON.parse(text) as { month?: unknown; day?: unknown };
      if (typeof object.month === "number" && typeof object.day === "number")
        [month, day] = [object.month, object.day];
    } catch {
      // not JSON: refused below
    }
  }
  if (month === null || day === null)
    return refuseRow({ code: "birthdayUnreadable", values: { raw } });
  const birthday = validBirthday(month, day);
  return birthday
    ? { ok: true, birthday }
    : refuseRow({ code: "birthdayNotReal", values: { raw, month, day } });
}
