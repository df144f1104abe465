// Wall-clock ↔ instant conversion in an IANA time zone with nothing but Intl.
// Enough for tier windows; not a general date library.

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what we want.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock a person in `timeZone` reads at `instant`, read from Intl. */
function wallClockFromIntl(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  const ms = instant.getTime();
  return {
    year: parts.era === "BC" ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

// Since 1980 every zone's offset is a whole number of minutes and changes only on a minute boundary,
// so one Intl lookup per zone and minute serves every instant in that minute. Intl's formatToParts
// costs microseconds and a tier window needs five: it was 4% of a webhook delivery (decision 023).
const CACHED_FROM_MS = Date.UTC(1980, 0, 1);
const MINUTE_MS = 60_000;
const MAX_CACHED_OFFSETS = 10_000;
const offsets = new Map<string, number>();

/** Milliseconds to add to UTC to get the zone's wall clock at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  if (!(ms >= CACHED_FROM_MS))
    return wallClockAsUtcMs(wallClockFromIntl(new Date(ms), timeZone)) - ms;
  const minute = Math.floor(ms / MINUTE_MS);
  const key = `${timeZone}|${minute}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = minute * MINUTE_MS;
    offset = wallClockAsUtcMs(wallClockFromIntl(new Date(start), timeZone)) - start;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall clock a person in `timeZone` reads at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const ms = instant.getTime();
  if (!(ms >= CACHED_FROM_MS)) return wallClockFromIntl(instant, timeZone);
  const wall = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

function wallClockAsUtcMs(w: WallClock): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC.
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

const DAY = 86_400_000;

/**
 * The instant when `timeZone` shows wall clock `w`. Like Temporal's "compatible" choice:
 * in a DST overlap take the earlier instant; in a gap move forward by the gap.
 */
export function instantOfWallClock(w: WallClock, timeZone: string): Date {
  const local = wallClockAsUtcMs(w);
  // Offsets a day either side bracket any single transition near this wall clock.
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const candidates = [local - before, local - after].filter(
    (t) => t + offsetAt(t, timeZone) === local,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // No instant shows this wall clock (spring-forward gap): keep the pre-transition offset.
  return new Date(local - before);
}

export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** The calendar day (YYYY-MM-DD) `timeZone` shows at `instant`. */
export function localDayOf(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The instant calendar day `day` (YYYY-MM-DD) starts in `timeZone` (its first minute, after a gap). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return instantOfWallClock(
    { year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
}

/** The calendar day `count` days after `day` (before, when negative); YYYY-MM-DD both. */
export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + count * DAY).toISOString().slice(0, 10);
}
