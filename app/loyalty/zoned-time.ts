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

/** The wall clock a person in `timeZone` reads at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
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

function wallClockAsUtcMs(w: WallClock): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC.
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** Milliseconds to add to UTC to get the zone's wall clock at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  return wallClockAsUtcMs(wallClockAt(new Date(ms), timeZone)) - ms;
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
