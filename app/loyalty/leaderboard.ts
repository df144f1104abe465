// The opt-in monthly leaderboard (design §1: it "never pushes a shopper's rank at them"). Pure parts:
// the month a moment falls in, in the shop's time zone, and how a member's name is shown.
import { instantOfWallClock, wallClockAt } from "./zoned-time";

export interface MonthWindow {
  /** "2026-11" */
  month: string;
  from: Date;
  to: Date;
}

/** The calendar month of `now` in `timeZone`, as instants [from, to). */
export function monthWindow(now: Date, timeZone: string): MonthWindow {
  const { year, month } = wallClockAt(now, timeZone);
  const start = (y: number, m: number) =>
    instantOfWallClock(
      { year: y, month: m, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
      timeZone,
    );
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return {
    month: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`,
    from: start(year, month),
    to: start(next.y, next.m),
  };
}

/**
 * "Anna K.": the first given name and the family name's initial. Nothing else about the member is
 * shown (no email, no full family name); null when no usable first name is known.
 */
export function maskedName(
  firstName: string | null | undefined,
  lastName: string | null | undefined,
): string | null {
  const first = firstName?.trim().split(/\s+/)[0];
  if (!first) return null;
  const given = [...first].slice(0, 20).join("");
  const initial = [...(lastName?.trim() ?? "")][0];
  return initial ? `${given} ${initial.toLocaleUpperCase()}.` : given;
}

export const LEADERBOARD_SIZE = 10;
