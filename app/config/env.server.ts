// The environment, validated once at boot. A missing or malformed variable stops the app with one
// line per problem naming the variable and what is expected, instead of failing later mid-request.
import { z } from "zod";
import { databaseKind } from "../db/database-url";
import { DEFAULT_DATABASE_URL } from "./defaults";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

const envSchema = z
  .object({
    NODE_ENV: z
      .enum(["development", "production", "test"], {
        error: 'expected "development", "production" or "test"',
      })
      .default("production"),
    SHOPIFY_API_KEY: z
      .string({ error: "required: the app's client id (Partner dashboard → App setup)" })
      .min(1, "must not be empty"),
    SHOPIFY_API_SECRET: z
      .string({
        error: "required: the app's client secret, used to verify webhooks and session tokens",
      })
      .min(16, "must be the app's client secret (at least 16 characters)"),
    SHOPIFY_APP_URL: z.url({
      error: "required: the app's public https URL, e.g. https://tally.example.com",
    }),
    SCOPES: z
      .string()
      .regex(
        /^[a-z_]+(,[a-z_]+)*$/,
        "a comma-separated list of access scopes, e.g. read_orders,write_customers",
      )
      .optional(),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((url) => {
        try {
          databaseKind(url);
          return true;
        } catch {
          return false;
        }
      }, 'must be "file:<path>" for SQLite or "postgresql://user@host:5432/db" for PostgreSQL'),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    WEBHOOK_MAX_BODY_BYTES: z.coerce
      .number({ error: "must be a whole number of bytes" })
      .int()
      .min(1024)
      .max(10_000_000)
      .default(1_000_000),
    TALLY_LOCAL_DEMO: z.enum(["0", "1"], { error: 'expected "0" or "1"' }).default("0"),
    // Local demo only: the Admin API stand-in runs as its own process (scripts/demo/admin-api-server.ts)
    // instead of inside the app, so a benchmark sees the app's own time as Shopify would leave it.
    TALLY_LOCAL_ADMIN_API_URL: z
      .url({ error: "must be an http://127.0.0.1:<port> URL" })
      .optional(),
  })
  .superRefine((env, ctx) => {
    // The local demo mints its own admin session tokens: never allow it where Shopify could reach it.
    if (
      env.TALLY_LOCAL_DEMO === "1" &&
      !LOOPBACK_HOSTS.has(new URL(env.SHOPIFY_APP_URL).hostname)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["TALLY_LOCAL_DEMO"],
        message: "is only allowed when SHOPIFY_APP_URL is a loopback address (http://localhost:…)",
      });
    }
    if (
      env.TALLY_LOCAL_ADMIN_API_URL &&
      (env.TALLY_LOCAL_DEMO !== "1" ||
        !LOOPBACK_HOSTS.has(new URL(env.TALLY_LOCAL_ADMIN_API_URL).hostname))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["TALLY_LOCAL_ADMIN_API_URL"],
        message: "is only allowed in the local demo (TALLY_LOCAL_DEMO=1) and on a loopback address",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const result = envSchema.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      const value = source[name];
      const shown =
        value === undefined
          ? ""
          : ` (got "${name.includes("SECRET") ? "***" : value.slice(0, 40)}")`;
      return `Invalid configuration: ${name} ${issue.message}${shown}`;
    }),
  };
}

function loadEnv(): Env {
  const result = parseEnv(process.env);
  if (result.ok) return result.env;
  for (const problem of result.problems) console.error(problem);
  process.exit(1);
}

export const env: Env = loadEnv();

export const isLocalDemo = env.TALLY_LOCAL_DEMO === "1";
