// Regressions found by fuzzing the admin (tests/integration/fuzz-admin.test.ts), and the admin's body
// size limits: each case was a 500 (or an unbounded read) before its fix.
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { ADMIN_MAX_BODY_BYTES } from "~/admin/request-body.server";
import * as home from "~/routes/app._index";
import * as download from "~/routes/app.analytics.download";
import * as engagement from "~/routes/app.engagement";
import * as importPage from "~/routes/app.import";
import * as memberPage from "~/routes/app.members.$id";
import * as members from "~/routes/app.members._index";
import * as program from "~/routes/app.program";
import * as reward from "~/routes/app.rewards.$id";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { callRoute, rawAdminRequest } from "../support/admin-fuzz";
import { databaseFingerprint, expectAdminRefusal } from "../support/fuzz";
import { shopSnapshot } from "../support/isolation";
import { deliver } from "../support/webhooks";

const shop = "admin-hostile.myshopify.com";
let memberId: string;

beforeEach(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 940, customer: { id: 9400 }, lines: [{ price: 5000 }] }),
    { shop },
  );
  memberId = (await getDb().customer.findFirstOrThrow({ where: { shop } })).id;
});

const stored = async () => `${await databaseFingerprint()}\n${await shopSnapshot(shop)}`;

/** Sends, expects the admin's 4xx refusal with `status`, and that nothing stored changed. */
async function refused(status: number, send: () => Promise<Response>) {
  const before = await stored();
  const response = await send();
  expect(response.status).toBe(status);
  await expectAdminRefusal(response, `status ${status}`);
  expect(await stored()).toBe(before);
}

const post = async (
  handler: Parameters<typeof callRoute>[0],
  path: string,
  body: BodyInit,
  contentType: string | null,
  params: Record<string, string> = {},
) => callRoute(handler, await rawAdminRequest(shop, path, { body, contentType }), params);

describe("form actions sent something that is not a form (request.formData() threw: a 500)", () => {
  it("are refused with 415 JSON: home checklist, member adjustment, engagement, import", async () => {
    for (const contentType of ["text/plain", "application/json", null]) {
      await refused(415, () =>
        post(home.action, "/app", '{"placement":"checkout","done":"1"}', contentType),
      );
      await refused(415, () =>
        post(memberPage.action, `/app/members/${memberId}`, '{"points":"5"}', contentType, {
          id: memberId,
        }),
      );
      await refused(415, () =>
        post(engagement.action, "/app/engagement", '{"settings":"{}"}', contentType),
      );
      await refused(415, () =>
        post(importPage.action, "/app/import", "kind=balances", contentType),
      );
    }
  });

  it("a malformed multipart body is a 400, not a crash", async () => {
    await refused(400, () =>
      post(
        memberPage.action,
        `/app/members/${memberId}`,
        "--x\r\nnot a part",
        "multipart/form-data; boundary=x",
        { id: memberId },
      ),
    );
    await refused(400, () =>
      post(
        importPage.action,
        "/app/import",
        "--x\r\nnot a part",
        "multipart/form-data; boundary=x",
      ),
    );
  });
});

describe("ids and cursors with a NUL character (PostgreSQL refused the lookup: a 500)", () => {
  it("member, reward and import ids name no record: 404", async () => {
    for (const id of ["abc\u0000", "\u0000"]) {
      await refused(404, async () =>
        callRoute(memberPage.loader, await rawAdminRequest(shop, "/app/members/x"), { id }),
      );
      await refused(404, () =>
        post(
          memberPage.action,
          "/app/members/x",
          new URLSearchParams({
            points: "5",
            reason: "Goodwill",
            nonce: "nonce-nul-0001",
          }).toString(),
          "application/x-www-form-urlencoded",
          { id },
        ),
      );
      await refused(404, async () =>
        callRoute(reward.loader, await rawAdminRequest(shop, "/app/rewards/x"), { id }),
      );
      await refused(404, () =>
        post(
          reward.action,
          "/app/rewards/x",
          JSON.stringify({ intent: "delete" }),
          "application/json",
          { id },
        ),
      );
      await refused(404, async () =>
        callRoute(
          download.loader,
          await rawAdminRequest(
            shop,
            `/app/analytics/download?report=import-errors&id=${encodeURIComponent(id)}`,
          ),
        ),
      );
    }
  });

  it("members search, tier filter and cursors: 400", async () => {
    const cursor = Buffer.from(JSON.stringify([5, "id\u0000"])).toString("base64url");
    for (const query of ["q=ol%00", "tier=Gold%00", `after=${cursor}`]) {
      await refused(400, async () =>
        callRoute(members.loader, await rawAdminRequest(shop, `/app/members?${query}`)),
      );
    }
    // A search longer than the list can run is answered next to the field: the unsearched list.
    const long = await callRoute(
      members.loader,
      await rawAdminRequest(shop, `/app/members?q=${"x".repeat(101)}`),
    );
    expect(long.status).toBe(200);
    const body = (await long.json()) as {
      searchError: string | null;
      members: unknown[];
      query: { q: string };
    };
    expect(body.searchError).toBe(
      "Search with at most 100 characters: the start of an email or a name is enough.",
    );
    expect(body.members.length).toBeGreaterThan(0);
    expect(body.query.q).toBe("x".repeat(101));
    // The member page's history cursor is ignored (the first page is shown), never looked up.
    const ledgerCursor = Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", "id\u0000"])).toString(
      "base64url",
    );
    expect(
      (
        await callRoute(
          memberPage.loader,
          await rawAdminRequest(shop, `/app/members/${memberId}?before=${ledgerCursor}`),
          { id: memberId },
        )
      ).status,
    ).toBe(200);
  });
});

describe("refusals say what is wrong", () => {
  it("a reward request that is neither a save nor a delete names the expected body", async () => {
    await refused(400, () =>
      post(reward.action, "/app/rewards/new", "{}", "application/json", { id: "new" }),
    );
    await refused(400, () =>
      post(
        reward.action,
        "/app/rewards/new",
        JSON.stringify({ intent: "delete" }),
        "application/json",
        { id: "new" },
      ),
    );
  });

  it("a program save on top of a newer version says so (409 had no message)", async () => {
    const loaded = await (
      await callRoute(program.loader, await rawAdminRequest(shop, "/app/program"))
    ).json();
    const save = () =>
      post(
        program.action,
        "/app/program",
        // A change (an unchanged program writes no version, decision 034).
        JSON.stringify({
          intent: "save",
          program: { ...loaded.program, pointsName: "stars" },
          enabled: true,
          baseVersion: 1,
        }),
        "application/json",
      );
    expect((await save()).status).toBe(200);
    await refused(409, save);
  });

  it("a download with bad parameters answers JSON the admin can show", async () => {
    await refused(400, async () =>
      callRoute(
        download.loader,
        await rawAdminRequest(shop, "/app/analytics/download?report=secrets"),
      ),
    );
    await refused(404, async () =>
      callRoute(
        download.loader,
        await rawAdminRequest(shop, "/app/analytics/download?report=import-errors&id=nope"),
      ),
    );
  });
});

/** An endless body; `pulled` counts what the route read of it. */
function endless(chunkText: string) {
  const chunk = new TextEncoder().encode(chunkText);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe("admin bodies are size-limited before they are buffered whole", () => {
  const cases: [
    string,
    Parameters<typeof callRoute>[0],
    string,
    string,
    string,
    Record<string, string>,
  ][] = [
    [
      "program (JSON)",
      program.action,
      "/app/program",
      "application/json",
      `{"intent":"save","program":"${"x".repeat(64 * 1024)}`,
      {},
    ],
    [
      "reward (JSON)",
      reward.action,
      "/app/rewards/new",
      "application/json",
      `{"intent":"save","reward":"${"x".repeat(64 * 1024)}`,
      { id: "new" },
    ],
    [
      "member adjustment (form)",
      memberPage.action,
      "/app/members/m",
      "application/x-www-form-urlencoded",
      `reason=${"x".repeat(64 * 1024)}`,
      {},
    ],
    [
      "engagement (form)",
      engagement.action,
      "/app/engagement",
      "application/x-www-form-urlencoded",
      `settings=${"x".repeat(64 * 1024)}`,
      {},
    ],
    [
      "home checklist (form)",
      home.action,
      "/app",
      "application/x-www-form-urlencoded",
      `placement=${"x".repeat(64 * 1024)}`,
      {},
    ],
    [
      "backfill (form)",
      importPage.action,
      "/app/import",
      "application/x-www-form-urlencoded",
      `intent=${"x".repeat(64 * 1024)}`,
      {},
    ],
  ];
  for (const [name, handler, path, contentType, chunk, params] of cases) {
    it(`${name}: an endless body is refused with 413 after about the limit`, async () => {
      const { stream, state } = endless(chunk);
      const realParams = path.startsWith("/app/members/") ? { id: memberId } : params;
      await refused(413, () => post(handler, path, stream, contentType, realParams));
      expect(state.pulled).toBeLessThan(ADMIN_MAX_BODY_BYTES + 256 * 1024);
      // A declared length over the limit is refused without reading.
      await refused(413, async () =>
        callRoute(
          handler,
          await rawAdminRequest(shop, path, {
            body: "{}",
            contentType,
            headers: { "Content-Length": String(ADMIN_MAX_BODY_BYTES + 1) },
          }),
          realParams,
        ),
      );
    });
  }

  it("import upload: a declared length over 512 MB is refused unread; endless parts are refused early; no temporary file is left", async () => {
    const leftovers = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith("tally-import-")).sort();
    const before = await leftovers();
    await refused(413, async () =>
      callRoute(
        importPage.action,
        await rawAdminRequest(shop, "/app/import", {
          body: "--x--",
          contentType: "multipart/form-data; boundary=x",
          headers: { "Content-Length": String(513 * 1024 * 1024) },
        }),
      ),
    );
    // An endless run of small fields (each under the per-field limit) used to be kept in memory.
    const fields = endless(
      `--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbalances\r\n`,
    );
    await refused(400, () =>
      post(importPage.action, "/app/import", fields.stream, "multipart/form-data; boundary=x"),
    );
    expect(fields.state.pulled).toBeLessThan(1024 * 1024);
    // A second file, and a file cut off by a malformed end: refused, and the file written so far removed.
    const twoFiles = new FormData();
    twoFiles.set("kind", "balances");
    twoFiles.append("file", new File(["shopify_customer_id,points_balance\n1,5\n"], "a.csv"));
    twoFiles.append("file", new File(["shopify_customer_id,points_balance\n2,5\n"], "b.csv"));
    await refused(400, () => post(importPage.action, "/app/import", twoFiles, null));
    const cutOff = `--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nshopify_customer_id,points_balance\n1,5\n`;
    await refused(400, () =>
      post(importPage.action, "/app/import", cutOff, "multipart/form-data; boundary=x"),
    );
    // A file with no kind used to stay on disk after the 422.
    const noKind = new FormData();
    noKind.append("file", new File(["shopify_customer_id,points_balance\n1,5\n"], "a.csv"));
    await refused(422, () => post(importPage.action, "/app/import", noKind, null));
    expect(await leftovers()).toEqual(before);
  });
});
