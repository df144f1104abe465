/// <reference types="vite/client" />
// Issue 17 item 1: a shopper's session token never opens the admin. Shopify signs the checkout and
// customer-account tokens with the same secret and audience as the admin's, so every admin loader and
// action must refuse them (401, nothing written, no 500), whichever way the token is sent.
import { readdirSync, statSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { surfaceToken, type Surface } from "../support/session-tokens";
import { TEST_APP_URL } from "../setup/test-env";

const shop = "token-boundary.myshopify.com";

type RouteModule = {
  loader?: (args: unknown) => Promise<unknown>;
  action?: (args: unknown) => Promise<unknown>;
};
// Every module under app/routes whose loader or action is the admin's: the /app frame and its pages,
// and the /auth paths that authenticate admin requests (the login page is public).
const modules = import.meta.glob<RouteModule>(
  ["/app/routes/app.tsx", "/app/routes/app.*.tsx", "/app/routes/auth.*.tsx"],
  { eager: true },
);
const ADMIN_ROUTE_FILE = /^(app|auth)(\..+)?\.tsx$/;
const PUBLIC_ADMIN_FILES = new Set(["auth.login.tsx"]);

function pathOf(file: string): string {
  return (
    "/" +
    file
      .replace(/\.tsx$/, "")
      .replace(/\._index$/, "")
      .split(".")
      .map((part) => (part.startsWith("$") ? "m1" : part))
      .join("/")
  );
}

async function call(
  fn: NonNullable<RouteModule["loader"]>,
  file: string,
  request: Request,
): Promise<number> {
  let outcome: unknown;
  try {
    outcome = await fn({ request, params: { id: "m1", "*": "x" }, context: {} });
  } catch (thrown) {
    outcome = thrown;
  }
  if (outcome instanceof Response) return outcome.status;
  if (outcome instanceof Error) return 500;
  if (outcome === null || typeof outcome === "object") return 200;
  throw new Error(`${file}: unexpected outcome ${String(outcome)}`);
}

async function request(
  file: string,
  method: "GET" | "POST",
  token: string,
  via: "header" | "id_token",
): Promise<Request> {
  const url = new URL(pathOf(file), TEST_APP_URL);
  const headers = new Headers();
  if (via === "header") headers.set("Authorization", `Bearer ${token}`);
  else
    url.search = new URLSearchParams({
      embedded: "1",
      shop,
      host: Buffer.from(`admin.shopify.com/store/token-boundary`).toString("base64url"),
      id_token: token,
    }).toString();
  const body =
    method === "POST"
      ? new URLSearchParams({ points: "1000", reason: "self-service", nonce: crypto.randomUUID() })
      : undefined;
  if (body) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(url, { method, headers, body });
}

const handlers = Object.entries(modules).flatMap(([path, module]) => {
  const file = path.split("/").pop()!;
  if (PUBLIC_ADMIN_FILES.has(file)) return [];
  return (["loader", "action"] as const)
    .filter((kind) => module[kind])
    .map((kind) => ({ file, kind, fn: module[kind]! }));
});

beforeEach(async () => {
  await installShop(getDb(), shop);
  await getDb().customer.create({
    data: { shop, id: "m1", shopifyCustomerId: "77", email: "shopper@example.com", balance: 0 },
  });
});

describe("admin routes accept only admin session tokens", () => {
  it("the list of admin route modules is every app.* and auth.* route file", () => {
    const routes = new URL("../../app/routes/", import.meta.url);
    const entries = readdirSync(routes);
    // A folder route (app.x/route.tsx) would escape the glob above: there is none.
    expect(
      entries.filter(
        (entry) => /^(app|auth)\b/.test(entry) && statSync(new URL(entry, routes)).isDirectory(),
      ),
    ).toEqual([]);
    const files = entries.filter(
      (file) => ADMIN_ROUTE_FILE.test(file) && !PUBLIC_ADMIN_FILES.has(file),
    );
    expect(Object.keys(modules).map((path) => path.split("/").pop())).toEqual(
      expect.arrayContaining(files),
    );
    expect(handlers.length).toBeGreaterThanOrEqual(files.length);
  });

  for (const surface of ["checkout", "customer-account"] as Surface[])
    for (const via of ["header", "id_token"] as const)
      it(`refuses a ${surface} token (sent as ${via}) on every admin loader and action with 401, writing nothing`, async () => {
        const token = await surfaceToken(surface, shop);
        const statuses: Record<string, number> = {};
        for (const { file, kind, fn } of handlers) {
          const method = kind === "loader" ? "GET" : "POST";
          statuses[`${file} ${kind}`] = await call(
            fn,
            file,
            await request(file, method, token, via),
          );
        }
        expect(statuses).toEqual(
          Object.fromEntries(Object.keys(statuses).map((key) => [key, 401])),
        );
        const member = await getDb().customer.findUniqueOrThrow({ where: { id: "m1" } });
        expect(member.balance).toBe(0);
        await expect(getDb().ledgerEntry.count({ where: { shop } })).resolves.toBe(0);
      });

  it("refuses an admin-shaped token whose sub is a Customer gid (the demo's self-award)", async () => {
    const token = await surfaceToken("admin", shop, "gid://shopify/Customer/77");
    const { action } = modules["/app/routes/app.members.$id.tsx"];
    const status = await call(
      action!,
      "app.members.$id.tsx",
      await request("app.members.$id.tsx", "POST", token, "header"),
    );
    expect(status).toBe(401);
    await expect(getDb().ledgerEntry.count({ where: { shop } })).resolves.toBe(0);
  });

  it("still serves the admin's own token on every admin loader", async () => {
    const token = await surfaceToken("admin", shop);
    for (const { file, kind, fn } of handlers) {
      if (kind !== "loader") continue;
      const status = await call(fn, file, await request(file, "GET", token, "header"));
      expect({ file, status }).not.toEqual({ file, status: 401 });
      expect(status).toBeLessThan(500);
    }
  });
});
