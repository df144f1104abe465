// Whether a failure is the database's passing state (down, busy, locked, a dropped connection), which
// a retry can fix, rather than something about the work itself (docs/decisions/029). Webhooks answer
// the first with a 5xx so Shopify retries, and keep the second as a dead letter.

// Prisma: can't reach / timed out / connection closed / pool timeout / write conflict or deadlock.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
// PostgreSQL SQLSTATEs: serialization failure, deadlock, lock not available, statement or lock timeout
// (query_canceled), too many connections, shutting down, cannot connect now; class 08 is connection loss.
const POSTGRES_CODES = new Set([
  "40001",
  "40P01",
  "55P03",
  "57014",
  "53300",
  "57P01",
  "57P02",
  "57P03",
]);
const NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
const MESSAGES = [
  /SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL)/,
  /database is locked/i,
  /database table is locked/i,
  /Connection terminated/i,
  /connection (refused|reset|closed|timeout)/i,
  /Can't reach database server/i,
  /Timed out fetching a new connection/i,
  /Transaction already closed/i,
  /timeout exceeded when trying to connect/i,
];

function codeOf(error: object): string | null {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}

export function isTransientFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = codeOf(current);
    if (
      code &&
      (PRISMA_CODES.has(code) ||
        POSTGRES_CODES.has(code) ||
        code.startsWith("08") ||
        NODE_CODES.has(code) ||
        code.startsWith("SQLITE_BUSY") ||
        code.startsWith("SQLITE_LOCKED"))
    )
      return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
