// Emails of a CSV import that Tally does not know yet, resolved to Shopify customers through the
// Admin API, many emails per query (docs/decisions/013). Throttling is waited out (Shopify's
// bucket refills in seconds); other failures are retried a few times, then thrown.
import { AdminApiError } from "../shopify/admin-api-error";
import { runAdminOperation, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { CUSTOMERS_BY_EMAIL } from "../shopify/documents/customers";

/** Emails per query: keeps the search string short (~4 KB) and the requested cost at 252. */
export const EMAILS_PER_QUERY = 100;
const PAGE_SIZE = 250;
const MAX_ATTEMPTS = 8;
const MAX_WAIT_MS = 30_000;

/** The Shopify customer id (digits) per email, or "ambiguous" when Shopify has several. */
export type EmailMatches = Map<string, string | "ambiguous">;

export interface LookupOptions {
  /** Waits between attempts; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `email:"a@x" OR email:"b@y"`: quoted, because Shopify tokenizes the email field. */
export function emailSearch(emails: string[]): string {
  return emails.map((email) => `email:"${email.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(" OR ");
}

async function withRetries<T>(work: () => Promise<T>, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof AdminApiError && error.code !== "GRAPHQL_ERROR";
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      // THROTTLED says how long until the bucket holds the query's cost; else back off 1, 2, 4 … s.
      const wait = error.code === "THROTTLED" && error.retryAfterMs ? error.retryAfterMs : 1000 * 2 ** (attempt - 1);
      await sleep(Math.min(MAX_WAIT_MS, wait));
    }
  }
}

/** Looks the (lower-case) emails up in the shop's customers; emails Shopify does not know are absent. */
export async function shopifyCustomersByEmail(admin: AdminGraphqlClient, emails: string[], options: LookupOptions = {}): Promise<EmailMatches> {
  const sleep = options.sleep ?? defaultSleep;
  const matches: EmailMatches = new Map();
  for (let start = 0; start < emails.length; start += EMAILS_PER_QUERY) {
    const chunk = emails.slice(start, start + EMAILS_PER_QUERY);
    const wanted = new Set(chunk);
    const query = emailSearch(chunk);
    let after: string | null = null;
    do {
      const data = await withRetries(() => runAdminOperation(admin, CUSTOMERS_BY_EMAIL, { query, first: PAGE_SIZE, after }), sleep);
      for (const node of data.customers.nodes) {
        // Only exact matches count, whatever the search matched.
        const email = node.defaultEmailAddress?.emailAddress?.toLowerCase();
        if (!email || !wanted.has(email)) continue;
        const id = node.id.split("/").pop()!;
        const known = matches.get(email);
        matches.set(email, known === undefined || known === id ? id : "ambiguous");
      }
      after = data.customers.pageInfo.hasNextPage ? (data.customers.pageInfo.endCursor ?? null) : null;
    } while (after);
  }
  return matches;
}
