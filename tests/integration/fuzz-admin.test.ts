// Hostile input on the embedded admin's actions and loaders, sent with a valid staff session token:
// mutated JSON drafts (program, rewards), hostile form fields (member adjustment and tier override,
// engagement, the home checklist, backfill), hostile uploads, hostile path ids and query parameters.
// Never a 5xx; a refusal is the admin's 4xx JSON (field errors or a message, docs/decisions/011) and
// changes nothing stored for the shop; an accepted input keeps the ledger consistent.
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { validateProgram } from "~/loyalty/program";
import { loadEngagement } from "~/models/engagement.server";
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
import {
  callRoute,
  formBody,
  formEncoding,
  formText,
  hostilePathId,
  hostileQueryValue,
  rawAdminRequest,
} from "../support/admin-fuzz";
import {
  databaseFingerprint,
  expectAdminRefusal,
  expectLedgerConsistent,
  fuzzEndpoint,
} from "../support/fuzz";
import { garbageBody, hostileBody, hostileValue, mutated } from "../support/fuzz-arbitraries";
import { shopSnapshot } from "../support/isolation";
import { deliver } from "../support/webhooks";

const shop = "fuzz-admin.myshopify.com";
const member = { id: 9300, email: "member@example.com" };
let memberId: string;
let rewardId: string;

beforeEach(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 930, customer: member, lines: [{ price: 25000 }] }),
    { shop },
  );
  memberId = (await getDb().customer.findFirstOrThrow({ where: { shop } })).id;
  rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
});

/** Everything stored for the shop plus every table's row count: a refusal changes neither. */
const fingerprint = async () => `${await databaseFingerprint()}\n${await shopSnapshot(shop)}`;
/** The same without the analytics rollups, which a page view brings up to date by design (decision 012). */
const ANALYTICS_CACHE = ["AnalyticsDay", "AnalyticsCustomer", "AnalyticsWatermark"];
async function storedFacts(): Promise<string> {
  const tables = JSON.parse(await shopSnapshot(shop)) as Record<string, unknown>;
  for (const cache of ANALYTICS_CACHE) delete tables[cache];
  const { counts, ...rest } = JSON.parse(await databaseFingerprint()) as {
    counts: Record<string, number>;
  };
  for (const cache of ANALYTICS_CACHE) delete counts[cache];
  return JSON.stringify({ tables, counts, rest });
}

const admin = {
  refusal: expectAdminRefusal,
  fingerprint,
  afterAccepted: () => expectLedgerConsistent([shop]),
};

async function loaded<T>(
  handler: Parameters<typeof callRoute>[0],
  path: string,
  params: Record<string, string> = {},
): Promise<T> {
  const response = await callRoute(handler, await rawAdminRequest(shop, path), params);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const jsonContentType = fc.constantFrom(
  "application/json",
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "",
);

describe("JSON drafts: program settings and rewards", () => {
  it("program save and simulate: applied, or refused with field errors and nothing saved", async () => {
    const { program: draft } = await loaded<{ program: Record<string, unknown> }>(
      program.loader,
      "/app/program",
    );
    const valid = { intent: "save", program: draft, enabled: true, baseVersion: 1 };
    const statuses: number[] = [];
    await fuzzEndpoint({
      ...admin,
      inputs: fc.record({
        body: fc.oneof(
          hostileBody(valid, {
            ...valid,
            program: (validateProgram({ ...draft, currencyExponent: 2 }) as { program: unknown })
              .program,
          }),
          hostileBody({ intent: "simulate", program: draft }),
        ),
        contentType: jsonContentType,
      }),
      send: async ({ body, contentType }) =>
        callRoute(
          program.action,
          await rawAdminRequest(shop, "/app/program", { body, contentType }),
        ),
      onStatus: (status) => statuses.push(status),
      numRuns: 20,
      examples: [
        { body: '{"intent":', contentType: "application/json" },
        {
          body: JSON.stringify({ intent: "simulate", program: draft }),
          contentType: "application/json",
        },
      ],
    });
    expect(statuses.some((status) => status >= 400)).toBe(true);
    expect(statuses.some((status) => status === 200)).toBe(true);
  });

  it("reward create, edit and delete, with hostile ids in the URL", async () => {
    const { reward: fields } = await loaded<{ reward: Record<string, unknown> }>(
      reward.loader,
      "/app/rewards/new",
      { id: "new" },
    );
    const statuses: number[] = [];
    await fuzzEndpoint({
      ...admin,
      inputs: fc.record({
        id: fc.oneof(fc.constant("new"), fc.constant("existing"), hostilePathId),
        body: fc.oneof(
          hostileBody({ intent: "save", reward: fields }),
          fc.constant(JSON.stringify({ intent: "delete" })),
          garbageBody,
        ),
        contentType: jsonContentType,
      }),
      send: async ({ id, body, contentType }) => {
        const realId = id === "existing" ? rewardId : id;
        return callRoute(
          reward.action,
          await rawAdminRequest(shop, `/app/rewards/${encodeURIComponent(realId)}`, {
            body,
            contentType,
          }),
          { id: realId },
        );
      },
      onStatus: (status) => statuses.push(status),
      numRuns: 30,
      examples: [
        {
          id: "new",
          body: JSON.stringify({ intent: "save", reward: { ...fields, cost: -1 } }),
          contentType: "application/json",
        },
        {
          id: "new",
          body: JSON.stringify({ intent: "save", reward: fields }),
          contentType: "application/json",
        },
      ],
    });
    expect(statuses.some((status) => status >= 400)).toBe(true);
    expect(statuses.some((status) => status === 200)).toBe(true);
  });
});

describe("form actions", () => {
  it("member adjustment and tier override: hostile fields, encodings and member ids", async () => {
    const valid = {
      intent: "adjust",
      points: "25",
      reason: "Goodwill gesture",
      nonce: "nonce-0000-0001",
    };
    const override = { intent: "tierOverride", tierName: "Gold", reason: "VIP" };
    const statuses: number[] = [];
    let nonces = 0;
    await fuzzEndpoint({
      ...admin,
      inputs: fc.record({
        id: fc.oneof(
          { weight: 4, arbitrary: fc.constant("member") },
          { weight: 1, arbitrary: hostilePathId },
        ),
        fields: fc.oneof(
          mutated(valid),
          mutated(override),
          fc.dictionary(fc.string({ maxLength: 10 }), hostileValue.map(formText), { maxKeys: 4 }),
        ),
        encoding: formEncoding,
      }),
      send: async ({ id, fields, encoding }) => {
        const values = Object.fromEntries(
          Object.entries(fields as Record<string, unknown>).map(([name, value]) => [
            name,
            formText(value),
          ]),
        );
        // A fresh nonce per valid-looking adjustment, so an accepted one is new rather than a replay.
        if (values.nonce === valid.nonce)
          values.nonce = `nonce-${String(++nonces).padStart(12, "0")}`;
        const realId = id === "member" ? memberId : id;
        const { body, contentType } = formBody(values, encoding);
        return callRoute(
          memberPage.action,
          await rawAdminRequest(shop, `/app/members/${encodeURIComponent(realId)}`, {
            body,
            contentType,
          }),
          { id: realId },
        );
      },
      onStatus: (status) => statuses.push(status),
      numRuns: 30,
      examples: [
        { id: "member", fields: { ...valid, points: "0" }, encoding: "urlencoded" },
        { id: "member", fields: valid, encoding: "urlencoded" },
        { id: "member", fields: override, encoding: "multipart" },
      ],
    });
    expect(statuses.some((status) => status >= 400)).toBe(true);
    expect(statuses.some((status) => status === 200)).toBe(true);
  });

  it("engagement settings: a mutated settings document, or no document at all", async () => {
    type Encoding = "urlencoded" | "multipart" | "json" | "text";
    const settings = await loadEngagement(getDb(), shop);
    const statuses: number[] = [];
    await fuzzEndpoint({
      ...admin,
      inputs: fc.record({
        settings: fc.oneof(
          { weight: 4, arbitrary: hostileBody(settings) },
          { weight: 1, arbitrary: hostileValue.map(formText) },
        ),
        field: fc.constantFrom("settings", "settings", "settings", "other"),
        encoding: formEncoding,
      }),
      send: async ({ settings: text, field, encoding }) => {
        const { body, contentType } = formBody({ [field]: text }, encoding);
        return callRoute(
          engagement.action,
          await rawAdminRequest(shop, "/app/engagement", { body, contentType }),
        );
      },
      onStatus: (status) => statuses.push(status),
      numRuns: 20,
      examples: [
        { settings: "{", field: "settings", encoding: "urlencoded" as Encoding },
        {
          settings: JSON.stringify(settings),
          field: "settings",
          encoding: "urlencoded" as Encoding,
        },
      ],
    });
    expect(statuses.some((status) => status >= 400)).toBe(true);
    expect(statuses.some((status) => status === 200)).toBe(true);
  });

  it("home checklist: hostile placement fields", async () => {
    await fuzzEndpoint({
      ...admin,
      inputs: fc.record({
        fields: mutated({ placement: "checkout", done: "1" }),
        encoding: formEncoding,
      }),
      send: async ({ fields, encoding }) => {
        const values = Object.fromEntries(
          Object.entries(fields as Record<string, unknown>).map(([name, value]) => [
            name,
            formText(value),
          ]),
        );
        const { body, contentType } = formBody(values, encoding);
        return callRoute(home.action, await rawAdminRequest(shop, "/app", { body, contentType }));
      },
      numRuns: 20,
    });
  });

  it("import: hostile backfill forms and uploads are refused cleanly", async () => {
    await fuzzEndpoint({
      ...admin,
      // Only refusals here: an accepted import or backfill starts background work, tested in import.test.ts.
      accepted: () => false,
      inputs: fc.oneof(
        fc.record({
          kind: fc.constant("backfill" as const),
          fields: fc.dictionary(
            fc.constantFrom("intent", "awardPoints", "x"),
            hostileValue.map(formText),
            { maxKeys: 3 },
          ),
        }),
        fc.record({
          kind: fc.constant("upload" as const),
          fields: fc.record({
            kind: fc.oneof(
              fc.constantFrom("", "everything", "balances\u0000"),
              hostileValue.map(formText),
            ),
          }),
          file: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        }),
        fc.record({
          kind: fc.constant("raw" as const),
          body: garbageBody,
          contentType: fc.constantFrom(
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "multipart/form-data; boundary=",
            "application/octet-stream",
            "text/csv",
          ),
        }),
      ),
      send: async (input) => {
        let body: BodyInit;
        let contentType: string | null;
        if (input.kind === "backfill") {
          const fields = { ...input.fields };
          if (fields.intent === "backfill") fields.intent = "backfill!";
          ({ body, contentType } = formBody(fields, "urlencoded"));
        } else if (input.kind === "upload") {
          const form = new FormData();
          form.set(
            "kind",
            input.fields.kind === "balances" || input.fields.kind === "history"
              ? `${input.fields.kind}?`
              : input.fields.kind,
          );
          if (input.file !== undefined)
            form.set("file", new File([input.file], "members.csv", { type: "text/csv" }));
          body = form;
          contentType = null;
        } else ({ body, contentType } = input);
        return callRoute(
          importPage.action,
          await rawAdminRequest(shop, "/app/import", { body, contentType }),
        );
      },
      numRuns: 20,
    });
  });
});

describe("loaders with hostile parameters", () => {
  it("members list, member page, reward page and downloads never fail with a 5xx", async () => {
    const query = (names: string[]) =>
      fc.dictionary(fc.constantFrom(...names), hostileQueryValue, { maxKeys: names.length });
    await fuzzEndpoint({
      ...admin,
      fingerprint: storedFacts,
      // Loaders write nothing: every answer (a page or a refusal) must leave the shop as it was.
      accepted: () => false,
      refusal: async (response, context) => {
        expect(response.status, `${context}: status`).toBeLessThan(500);
        if (response.status >= 400) await expectAdminRefusal(response, context);
      },
      inputs: fc.oneof(
        fc.record({
          route: fc.constant("members" as const),
          id: fc.constant(""),
          query: query(["q", "tier", "sort", "after"]),
        }),
        fc.record({
          route: fc.constant("member" as const),
          id: fc.oneof(fc.constant("member"), hostilePathId),
          query: query(["before", "order"]),
        }),
        fc.record({
          route: fc.constant("reward" as const),
          id: fc.oneof(fc.constant("existing"), hostilePathId),
          query: fc.constant({}),
        }),
        fc.record({
          route: fc.constant("download" as const),
          id: fc.constant(""),
          query: fc.oneof(
            query(["report", "id", "days"]),
            fc.record({
              report: fc.constantFrom("kpis", "daily", "members", "ledger", "import-errors"),
              days: fc.oneof(fc.constantFrom("30", "90", "365"), hostileQueryValue),
              id: hostileQueryValue,
            }),
          ),
        }),
      ),
      send: async ({ route, id, query: params }) => {
        const search = new URLSearchParams(params as Record<string, string>).toString();
        const realId = id === "member" ? memberId : id === "existing" ? rewardId : id;
        const [handler, path] =
          route === "members"
            ? [members.loader, "/app/members"]
            : route === "member"
              ? [memberPage.loader, `/app/members/${encodeURIComponent(realId)}`]
              : route === "reward"
                ? [reward.loader, `/app/rewards/${encodeURIComponent(realId)}`]
                : [download.loader, "/app/analytics/download"];
        const response = await callRoute(
          handler,
          await rawAdminRequest(shop, `${path}?${search}`),
          { id: realId },
        );
        // A download streams its CSV: read it whole, so a failure midway shows here.
        if (response.ok) await response.clone().text();
        return response;
      },
      numRuns: 30,
    });
  });
});
