import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "~/config/env.server";
import * as appBridge from "~/routes/local-dev.app-bridge[.js]";
import * as open from "~/routes/local-dev.open";
import * as sessionToken from "~/routes/local-dev.session-token";

const args = (path: string) => ({
  request: new Request(`https://tally.test${path}`),
  params: {},
  context: {},
});

describe("the local demo mode", () => {
  it("is off by default: its token and App Bridge endpoints do not exist", async () => {
    expect((await open.loader(args("/local-dev/open"))).status).toBe(404);
    expect((await sessionToken.loader(args("/local-dev/session-token"))).status).toBe(404);
    expect((await appBridge.loader()).status).toBe(404);
  });

  it("cannot be switched on for an app URL that is not loopback", () => {
    const result = parseEnv({
      SHOPIFY_API_KEY: "key",
      SHOPIFY_API_SECRET: "a-secret-of-16-chars",
      SHOPIFY_APP_URL: "https://tally.example.com",
      TALLY_LOCAL_DEMO: "1",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'Invalid configuration: TALLY_LOCAL_DEMO is only allowed when SHOPIFY_APP_URL is a loopback address (http://localhost:…) (got "1")',
      ],
    });
  });

  it("sends Admin API calls to a stand-in server only in the local demo and only on loopback", () => {
    const base = {
      SHOPIFY_API_KEY: "key",
      SHOPIFY_API_SECRET: "a-secret-of-16-chars",
      SHOPIFY_APP_URL: "http://localhost:3000",
    };
    expect(
      parseEnv({
        ...base,
        TALLY_LOCAL_DEMO: "1",
        TALLY_LOCAL_ADMIN_API_URL: "http://127.0.0.1:3990",
      }).ok,
    ).toBe(true);
    const problem = [
      'Invalid configuration: TALLY_LOCAL_ADMIN_API_URL is only allowed in the local demo (TALLY_LOCAL_DEMO=1) and on a loopback address (got "http://127.0.0.1:3990")',
    ];
    expect(parseEnv({ ...base, TALLY_LOCAL_ADMIN_API_URL: "http://127.0.0.1:3990" })).toEqual({
      ok: false,
      problems: problem,
    });
    expect(
      parseEnv({
        ...base,
        TALLY_LOCAL_DEMO: "1",
        TALLY_LOCAL_ADMIN_API_URL: "https://attacker.example",
      }),
    ).toMatchObject({ ok: false });
  });

  it("can be switched on for localhost", () => {
    const result = parseEnv({
      SHOPIFY_API_KEY: "key",
      SHOPIFY_API_SECRET: "a-secret-of-16-chars",
      SHOPIFY_APP_URL: "http://localhost:3000",
      TALLY_LOCAL_DEMO: "1",
    });
    expect(result.ok).toBe(true);
  });
});

describe("configuration at boot", () => {
  it("names each missing or malformed variable with what is expected, in one line each", () => {
    const result = parseEnv({
      SHOPIFY_API_SECRET: "short",
      SHOPIFY_APP_URL: "not a url",
      DATABASE_URL: "mysql://x",
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.stringMatching(
        /^Invalid configuration: SHOPIFY_API_KEY required: the app's client id/,
      ),
      expect.stringMatching(
        /^Invalid configuration: SHOPIFY_API_SECRET must be the app's client secret .*\(got "\*\*\*"\)$/,
      ),
      expect.stringMatching(
        /^Invalid configuration: SHOPIFY_APP_URL required: the app's public https URL.*\(got "not a url"\)$/,
      ),
      expect.stringMatching(
        /^Invalid configuration: DATABASE_URL must be "file:<path>" for SQLite or "postgresql:/,
      ),
    ]);
  });

  it("stops the app with exit code 1 and those lines on stderr", async () => {
    const { execFileSync } = await import("node:child_process");
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(
        process.execPath,
        ["--import", "tsx", "-e", 'await import("./app/config/env.server.ts")'],
        {
          env: {
            PATH: process.env.PATH,
            SHOPIFY_API_SECRET: "a-secret-of-16-chars",
            SHOPIFY_APP_URL: "https://tally.example.com",
          } as unknown as NodeJS.ProcessEnv,
          stdio: "pipe",
          encoding: "utf8",
        },
      );
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      "Invalid configuration: SHOPIFY_API_KEY required: the app's client id (Partner dashboard → App setup)",
    );
  });
});

describe("the local demo's token routes answer this machine only", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  async function demoRoutes() {
    Object.assign(process.env, { TALLY_LOCAL_DEMO: "1", SHOPIFY_APP_URL: "http://localhost:3000" });
    vi.resetModules();
    return {
      open: await import("~/routes/local-dev.open"),
      sessionToken: await import("~/routes/local-dev.session-token"),
      bounce: await import("~/routes/auth.session-token"),
    };
  }
  const from = (peerAddress: string, path: string, headers: Record<string, string> = {}) => ({
    request: new Request(`http://localhost:3000${path}`, { headers }),
    params: {},
    context: { peerAddress },
  });

  it("mints tokens for a loopback peer", async () => {
    const routes = await demoRoutes();
    expect((await routes.open.loader(from("127.0.0.1", "/local-dev/open"))).status).toBe(302);
    const minted = await routes.sessionToken.loader(from("::1", "/local-dev/session-token"));
    expect(minted.status).toBe(200);
    expect(await minted.json()).toMatchObject({ token: expect.any(String) });
    const bounced = (await routes.bounce.loader(
      from("127.0.0.1", "/auth/session-token?shopify-reload=/app"),
    )) as Response;
    expect(bounced.headers.get("Location")).toMatch(/^\/app\?id_token=/);
  });

  it("opens the requested admin path with its own query string", async () => {
    const routes = await demoRoutes();
    const path = encodeURIComponent("/app/members?q=zofia&sort=balance");
    const opened = await routes.open.loader(from("127.0.0.1", `/local-dev/open?path=${path}`));
    const location = new URL(opened.headers.get("Location")!, "http://localhost:3000");
    expect(location.pathname).toBe("/app/members");
    expect(location.searchParams.get("q")).toBe("zofia");
    expect(location.searchParams.get("sort")).toBe("balance");
    expect(location.searchParams.get("embedded")).toBe("1");
    expect(location.searchParams.get("id_token")).toMatch(/^eyJ/);
  });

  it("refuses another machine's requests, proxied ones and a tunnel's host with 404", async () => {
    const routes = await demoRoutes();
    for (const call of [
      () => routes.open.loader(from("192.168.1.20", "/local-dev/open")),
      () => routes.sessionToken.loader(from("10.1.2.3", "/local-dev/session-token")),
      () => routes.bounce.loader(from("192.168.1.20", "/auth/session-token?shopify-reload=/app")),
      () =>
        routes.sessionToken.loader(
          from("127.0.0.1", "/local-dev/session-token", { "X-Forwarded-For": "203.0.113.9" }),
        ),
      () =>
        routes.sessionToken.loader({
          ...from("127.0.0.1", "/local-dev/session-token"),
          request: new Request("https://tally-demo.trycloudflare.com/local-dev/session-token"),
        }),
    ]) {
      const response = (await call()) as Response;
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/eyJ/);
    }
  });
});
