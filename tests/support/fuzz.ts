// Hostile-input fuzzing of any endpoint: send generated inputs, then hold the endpoint to the team's
// rules — never a 5xx; a rejection is a 4xx JSON `{error: {code, message}}` that wrote nothing; an
// acceptance leaves the ledger consistent. A new endpoint (Flow action, admin action) needs only an
// arbitrary of requests and a `send`:
//   await fuzzEndpoint({ inputs: fc.record({...}), send: (input) => callAction(route.action, request(input)) });
import fc from "fast-check";
import { Prisma } from "@prisma/client";
import { expect } from "vitest";
import { getDb, getSql } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";

const jsonSafe = (_key: string, value: unknown) =>
  typeof value === "bigint" ? String(value) : value;

/**
 * Row counts of every table plus each member's cached figures: any write changes it. Read through
 * the SQL port in one round trip (a fuzz run takes it twice per refused input: 36 Prisma queries
 * each made it ~95% of a run's time on PostgreSQL).
 */
export async function databaseFingerprint(
  options: { except?: readonly string[] } = {},
): Promise<string> {
  const tables = Object.values(Prisma.ModelName).filter(
    (table) => !options.except?.includes(table),
  );
  const countAll = `SELECT ${tables.map((table) => `(SELECT COUNT(*) FROM "${table}") AS "${table}"`).join(", ")}`;
  const [[row], members, redemptions] = await getSql().readTogether((sql) =>
    Promise.all([
      sql.rows(countAll),
      sql.rows(
        `SELECT id, balance, pending, "lifetimeEarned", "orderCount", "lifetimeSpend" FROM "Customer" ORDER BY id`,
      ),
      sql.rows(`SELECT id, status FROM "Redemption" ORDER BY id`),
    ]),
  );
  const counts = Object.fromEntries(tables.map((table) => [table, Number(row[table])]));
  return JSON.stringify({ counts, members, redemptions }, jsonSafe);
}

/** The error contract of every public endpoint (design §4): a 4xx with `{error: {code, message}}`. */
export async function expectClientError(
  response: Response,
  context: string,
): Promise<{ code: string; message: string }> {
  expect(response.status, `${context}: status`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${context}: status`).toBeLessThan(500);
  expect(response.headers.get("Content-Type") ?? "", `${context}: content type`).toMatch(
    /^application\/json/,
  );
  const body = await response.json();
  expect(body, `${context}: error body`).toEqual({
    error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) },
  });
  expect(body.error.message.length, `${context}: message`).toBeGreaterThan(0);
  return body.error;
}

/**
 * The embedded admin's refusal (docs/decisions/011, 018): a 4xx JSON object the page can show — field
 * errors (`errors`, path → message or a list of `{path, message}`) or a `message`/`error` sentence.
 * Admin routes only: the machine-facing endpoints keep `expectClientError`'s `{error: {code, message}}`.
 */
export async function expectAdminRefusal(response: Response, context: string): Promise<unknown> {
  expect(response.status, `${context}: status`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${context}: status`).toBeLessThan(500);
  expect(response.headers.get("Content-Type") ?? "", `${context}: content type`).toMatch(
    /^application\/json/,
  );
  const body = (await response.json()) as Record<string, unknown>;
  expect(
    body && typeof body === "object" && !Array.isArray(body),
    `${context}: body is an object`,
  ).toBe(true);
  const says = (value: unknown) => typeof value === "string" && value.length > 0;
  const fieldErrors = (value: unknown) =>
    (Array.isArray(value) &&
      value.length > 0 &&
      value.every((item) => says((item as { message?: unknown })?.message))) ||
    (value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0 &&
      Object.values(value).every(says));
  expect(
    fieldErrors(body.errors) || says(body.message) || says(body.error),
    `${context}: the refusal says what is wrong: ${JSON.stringify(body).slice(0, 300)}`,
  ).toBe(true);
  return body;
}

/** After any accepted input, every cached balance still equals its ledger. */
export async function expectLedgerConsistent(shops: string[]): Promise<void> {
  for (const shop of shops) {
    const { mismatches } = await verifyLedger(getDb(), shop, new Date());
    expect(mismatches, `ledger of ${shop}`).toEqual([]);
  }
}

export interface FuzzOptions<T> {
  inputs: fc.Arbitrary<T>;
  send: (input: T) => Promise<Response>;
  /** Statuses the endpoint may answer for accepted input (default any 2xx). */
  accepted?: (status: number) => boolean;
  /** Checked after an accepted input (e.g. the ledger still verifies). */
  afterAccepted?: (input: T, response: Response) => Promise<void>;
  /** Called after each input is judged; the counts of answers feed a sanity check in the test. */
  onStatus?: (status: number) => void;
  numRuns: number;
  seed?: number;
  /** How a refusal must look (default the public endpoints' `expectClientError`; admin routes pass `expectAdminRefusal`). */
  refusal?: (response: Response, context: string) => Promise<unknown>;
  /** What must not change on a refusal (default `databaseFingerprint`; admin tests pass the whole-shop `shopSnapshot`). */
  fingerprint?: () => Promise<string>;
  /** Inputs always tried first, before the generated ones: the paths a test must see exercised. */
  examples?: T[];
}

/** Runs the property: no 5xx, clean rejections (nothing written), accepted inputs keep the ledger sound. */
export async function fuzzEndpoint<T>(options: FuzzOptions<T>): Promise<void> {
  const accepted = options.accepted ?? ((status: number) => status >= 200 && status < 300);
  const fingerprint = options.fingerprint ?? databaseFingerprint;
  // After a refusal the database is as it was (asserted), so that state is the next input's
  // "before": most inputs are refused, and each then costs one fingerprint instead of two.
  let unchangedSince: string | null = null;
  await fc.assert(
    fc.asyncProperty(options.inputs, async (input) => {
      const before = unchangedSince ?? (await fingerprint());
      unchangedSince = null;
      const response = await options.send(input);
      options.onStatus?.(response.status);
      const context = `input ${fc.stringify(input).slice(0, 300)}`;
      if (accepted(response.status)) {
        await options.afterAccepted?.(input, response);
        return;
      }
      await (options.refusal ?? expectClientError)(response, context);
      const after = await fingerprint();
      expect(after, `${context}: a rejected request wrote to the database`).toBe(before);
      unchangedSince = after;
    }),
    {
      numRuns: options.numRuns,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      endOnFailure: true,
      examples: options.examples?.map((input): [T] => [input]),
    },
  );
}
