// The settings form edits a JSON draft of the program. Numbers typed into fields are stored as
// numbers when they parse and as the raw text when they do not, so the server's validation names
// the field ("Must be a number") instead of the form silently dropping what was typed.
import { formatMinor, parseDecimalToMinor } from "~/loyalty/money";

export type Draft = Record<string, unknown>;
export type Path = (string | number)[];

export const pathKey = (path: Path) => path.map(String).join(".");

export function getAt(draft: unknown, path: Path): unknown {
  let value: unknown = draft;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function setAt<T>(draft: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const container = (Array.isArray(draft) ? [...draft] : { ...(draft as object) }) as Record<
    string | number,
    unknown
  >;
  container[key] = setAt(container[key], rest, next);
  return container as T;
}

/** "12" → 12; "" → null when empty is allowed; anything else stays text for the server to reject. */
export function parseWhole(text: string, emptyAsNull = false): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return emptyAsNull ? null : "";
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Money typed in major units ("12.50") → minor units; unparsable text stays text. */
export function parseMoney(text: string, exponent: number, emptyAsNull = false): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return emptyAsNull ? null : "";
  try {
    return parseDecimalToMinor(trimmed, exponent);
  } catch {
    return trimmed;
  }
}

export function showMoney(value: unknown, exponent: number): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" && Number.isSafeInteger(value)
    ? formatMinor(value, exponent)
    : String(value);
}

export function showWhole(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** A campaign date edited as YYYY-MM-DD in UTC. */
export function showDate(value: unknown): string {
  return typeof value === "string" ? value.slice(0, 10) : "";
}

export function parseDate(text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text;
}
