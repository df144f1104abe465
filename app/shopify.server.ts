// The Shopify app: OAuth/token exchange, session storage, webhooks and request authentication.
import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { env } from "./config/env.server";
import { getDb, getSql } from "./db.server";
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

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
