// Emails of a CSV import that Tally does not know yet, resolved to Shopify customers through the
// Admin API, many emails per query (docs/decisions/013). Throttling is waited out (Shopify's
// bucket refills in seconds; up to 60 waits in a row); other transport failures are retried with
// backoff, eight attempts, then thrown.
import { AdminApiError } from "../shopify/admin-api-error";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { CUSTOMERS_BY_EMAIL, CUSTOMERS_BY_IDS } from "../shopify/documents/customers";

/** Ids per `nodes(ids:)` query: Shopify's limit. */
export const IDS_PER_QUERY = 250;
/** Emails per query: keeps the search string short (~4 KB) and the requested cost at 252. */
export const EMAILS_PER_QUERY = 100;
const PAGE_SIZE = 250;
export const MAX_ATTEMPTS = 8;
const MAX_THROTTLED_WAITS = 60;
const MAX_WAIT_MS = 30_000;

/** The Shopify customer id (digits) per email, or "ambiguous" when Shopify has several. */
export type EmailMatches = Map<string, string | "ambiguous">;

export interface LookupOptions {
  /** Waits between attempts; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait (the import's heartbeat: a long throttle must not look like a dead import). */
  beforeWait?: () => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `email:"a@x" OR email:"b@y"`: quoted, because Shopify tokenizes the email field. */
export function emailSearch(emails: string[]): string {
  return emails
    .map((email) => `email:"${email.replace(/[\\"]/g, (char) => `\\${char}`)}"`)
    .join(" OR ");
}

export async function withRetries<T>(
  work: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  let failures = 0;
  let throttles = 0;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AdminApiError) || error.code === "GRAPHQL_ERROR") throw error;
      if (error.code === "THROTTLED") {
        // The bucket refills in seconds; other calls of the app share it, so be patient (≈ 30 min at most).
        if (++throttles > MAX_THROTTLED_WAITS) throw error;
        await sleep(Math.min(MAX_WAIT_MS, error.retryAfterMs ?? 1000));
      } else {
        if (++failures >= MAX_ATTEMPTS) throw error;
        await sleep(Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - 1)));
      }
    }
  }
}

/** Looks the (lower-case) emails up in the shop's customers; emails Shopify does not know are absent. */
export async function shopifyCustomersByEmail(
  admin: AdminGraphqlClient,
  emails: string[],
  options: LookupOptions = {},
): Promise<EmailMatches> {
  const rawSleep = options.sleep ?? defaultSleep;
  const sleep = async (ms: number) => {
    await options.beforeWait?.();
    await rawSleep(ms);
  };
  const matches: EmailMatches = new Map();
  for (let start = 0; start < emails.length; start += EMAILS_PER_QUERY) {
    const chunk = emails.slice(start, start + EMAILS_PER_QUERY);
    const wanted = new Set(chunk);
    const query = emailSearch(chunk);
    let after: string | null = null;
    do {
      const data = await withRetries(
        () => runAdminOperation(admin, CUSTOMERS_BY_EMAIL, { query, first: PAGE_SIZE, after }),
        sleep,
      );
      for (const node of data.customers.nodes) {
        // Only exact matches count, whatever the search matched.
        const email = node.defaultEmailAddress?.emailAddress?.toLowerCase();
        if (!email || !wanted.has(email)) continue;
        const id = node.id.split("/").pop()!;
        const known = matches.get(email);
        matches.set(email, known === undefined || known === id ? id : "ambiguous");
      }
      after = data.customers.pageInfo.hasNextPage
        ? (data.customers.pageInfo.endCursor ?? null)
        : null;
    } while (after);
  }
  return matches;
}

/**
 * Which of these Shopify customer ids (digits) are customers of the shop: id → their email (or null
 * without one). Ids Shopify does not have are absent. Throttling and failures as for emails.
 */
export async function shopifyCustomersByIds(
  admin: AdminGraphqlClient,
  ids: string[],
  options: LookupOptions = {},
): Promise<Map<string, string | null>> {
  const rawSleep = options.sleep ?? defaultSleep;
  const sleep = async (ms: number) => {
    await options.beforeWait?.();
    await rawSleep(ms);
  };
  const found = new Map<string, string | null>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const chunk = ids.slice(start, start + IDS_PER_QUERY);
    const data = await withRetries(
      () =>
        runAdminOperation(admin, CUSTOMERS_BY_IDS, {
          ids: chunk.map((id) => `gid://shopify/Customer/${id}`),
        }),
      sleep,
    );
    for (const node of data.nodes) {
      if (node?.__typename !== "Customer") continue;
      found.set(
        node.id.split("/").pop()!,
        node.defaultEmailAddress?.emailAddress?.toLowerCase() ?? null,
      );
    }
  }
  return found;
}
