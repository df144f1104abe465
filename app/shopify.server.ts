// The Shopify app: OAuth/token exchange, session storage, webhooks and request authentication.
import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { decodeJwt } from "jose";
import { adminTokenProblem, type SessionTokenClaims } from "./admin/session-token";
import { env } from "./config/env.server";
import { getDb, getSql } from "./db.server";
import { log } from "./logger.server";
import { setCurrentAdminLocale } from "./i18n/current-locale";
import { effectiveAdminLocale } from "./i18n/locales";
import { adminLanguageOf } from "./services/admin-language.server";
import { ensureShopInstalled } from "./services/install.server";
import { ADMIN_API_VERSION } from "./shopify/api-version";

const DEFAULT_SCOPES =
  "write_customers,read_orders,read_products,write_discounts,write_store_credit_account_transactions";

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: ADMIN_API_VERSION,
  scopes: (env.SCOPES ?? DEFAULT_SCOPES).split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(getDb()),
  distribution: AppDistribution.AppStore,
  // Info logs one line per authenticated request; Tally logs what operators need itself.
  logger: { level: LogSeverity.Warning },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await ensureShopInstalled(getDb(), getSql(), session.shop, admin);
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

/** The session token of an admin request, where Shopify's library reads it: the header, else `id_token`. */
function sessionTokenOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header) return header.replace(/^Bearer\s+/i, "");
  return new URL(request.url).searchParams.get("id_token");
}

function refuseNonAdminToken(request: Request, claims: SessionTokenClaims): void {
  const problem = adminTokenProblem(claims);
  if (!problem) return;
  log.warn("admin request refused: not an admin session token", {
    path: new URL(request.url).pathname,
    problem,
  });
  throw new Response("This session token was not issued by the Shopify admin to a staff member.", {
    status: 401,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** This request's text in the staff member's admin language (docs/decisions/039). */
async function serveInStaffLanguage(
  request: Request,
  shop: string,
  staffUserId: string | undefined,
) {
  const shopifyLocale = new URL(request.url).searchParams.get("locale");
  const { locale } = staffUserId
    ? await adminLanguageOf(getDb(), { shop, staffUserId }, shopifyLocale)
    : { locale: effectiveAdminLocale("shopify", shopifyLocale) };
  setCurrentAdminLocale(locale);
}

/**
 * Every admin page and action authenticates here (design §7, docs/decisions/026). Shopify's library
 * verifies a session token's signature, expiry and audience, which a shopper's checkout or
 * customer-account token passes too; the claims that only an admin token has are checked before the
 * library sees the token (a checkout token's bare `dest` would make it throw) and again on the
 * verified token it returns.
 */
async function authenticateAdmin(request: Request) {
  const token = sessionTokenOf(request);
  if (token) {
    let claims: SessionTokenClaims | null = null;
    try {
      claims = decodeJwt(token);
    } catch {
      // Not a JWT at all: Shopify's library answers it (401, or the bounce page for a document).
    }
    if (claims) refuseNonAdminToken(request, claims);
  }
  const context = await shopify.authenticate.admin(request);
  refuseNonAdminToken(request, (context.sessionToken ?? {}) as SessionTokenClaims);
  await serveInStaffLanguage(request, context.session.shop, context.sessionToken?.sub);
  return context;
}

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate: typeof shopify.authenticate = {
  ...shopify.authenticate,
  admin: authenticateAdmin as typeof shopify.authenticate.admin,
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
