// "Every setting the admin shows does what it says" (design §7, issue 21 item 5). Walks every field
// of the program schema: each earn rule (a field with an `enabled` switch) is switched on alone
// through the admin's program page, the event that should award it is driven through its real
// entry point (webhook, shopper API, periodic job), and a ledger entry must name the rule. A rule
// added to the schema without a case here fails the walk; so does any other field nobody classified.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { JOBS } from "~/jobs/jobs.server";
import { runJob } from "~/jobs/registry.server";
import { DEFAULT_PROGRAM, programSchema } from "~/loyalty/program";
import { action, loader } from "~/routes/app.program";
import { loader as landing } from "~/routes/r.$shop.$code";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload } from "../factories/webhook-payloads";
import { adminRequest, routeResult } from "../support/admin-request";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, setBirthday } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

type ProgramJson = Record<string, unknown>;

const shop = "no-dead-settings.myshopify.com";
const customer = 6101;

/** The earn rules: top-level program fields that the admin switches on and off. */
function earnRuleFields(): string[] {
  const shape = (programSchema as unknown as { shape: Record<string, unknown> }).shape;
  return Object.keys(shape).filter((field) => {
    const value = (DEFAULT_PROGRAM as unknown as ProgramJson)[field];
    return typeof value === "object" && value !== null && "enabled" in value;
  });
}

async function programPage(): Promise<{ program: ProgramJson; version: number }> {
  return (
    await routeResult<{ program: ProgramJson; version: number }>(async () =>
      loader({ request: await adminRequest(shop, "/app/program"), params: {}, context: {} }),
    )
  ).body;
}

/** Saves the program as the merchant does, with every earn rule off except `only` (if any). */
async function enableOnly(only: string | null, settings: ProgramJson = {}): Promise<void> {
  const { program, version } = await programPage();
  const draft: ProgramJson = structuredClone(program);
  for (const field of earnRuleFields())
    draft[field] = { ...(draft[field] as ProgramJson), enabled: field === only };
  if (only) draft[only] = { ...(draft[only] as ProgramJson), ...settings, enabled: true };
  const saved = await routeResult<{ status: string }>(async () =>
    action({
      request: await adminRequest(shop, "/app/program", {
        json: { intent: "save", program: draft, enabled: true, baseVersion: version },
      }),
      params: {},
      context: {},
    }),
  );
  // "unchanged": the settings were already exactly these (no new version, decision 034).
  expect(["saved", "unchanged"]).toContain(saved.body.status);
}

/** The rules named by the shop's ledger entries (bonus snapshots and order firings). */
async function awardedRules(): Promise<string[]> {
  const rules = new Set<string>();
  for (const entry of await getDb().ledgerEntry.findMany({ where: { shop, kind: "earn" } })) {
    const snapshot = (entry.snapshot ?? {}) as {
      rule?: string;
      firings?: { rule: string; points: number }[];
    };
    if (snapshot.rule) rules.add(snapshot.rule);
    for (const firing of snapshot.firings ?? []) if (firing.points > 0) rules.add(firing.rule);
  }
  return [...rules].sort();
}

const order = (id: number, price: number) =>
  deliver("orders/paid", orderPayload({ id, customer: { id: customer }, lines: [{ price }] }), {
    shop,
  });

async function birthdayToday() {
  const now = new Date();
  await order(1, 1000);
  const month = now.getUTCMonth() + 1;
  const day = now.getUTCDate();
  expect(
    (await setBirthday(await shopperToken({ shop, customerId: customer }), { month, day })).status,
  ).toBe(200);
  const job = JOBS.find((candidate) => candidate.name === "birthdays")!;
  await runJob(job, { db: getDb(), sql: getSql(), now, adminFor: async () => null });
}

/** The member shares their link, a friend opens it and places a first order with the code. */
async function referAFriend() {
  await order(1, 1000);
  const loyalty = await (
    await getLoyalty(await shopperToken({ shop, customerId: customer }))
  ).json();
  if (!loyalty.referral) return; // referrals off: nothing to share
  const code = loyalty.referral.code as string;
  const opened = (await landing({
    request: new Request(`https://tally.example/r/${shop}/${code}`),
    params: { shop, code },
    context: { peerAddress: "198.51.100.7" },
  })) as Response;
  const friendCode = decodeURIComponent(opened.headers.get("Location")!.split("/discount/")[1]);
  await deliver(
    "orders/paid",
    orderPayload({
      id: 2,
      customer: { id: customer + 1 },
      lines: [{ price: 5000 }],
      discountCodes: [friendCode],
      shippingStreet: "2 Friend Street",
    }),
    { shop },
  );
}

interface EarnRuleCase {
  /** The rule's name in ledger snapshots. */
  rule: string;
  /** Settings besides `enabled: true`. */
  settings?: ProgramJson;
  /** Drives the event that should award the rule, through its real entry point. */
  drive(): Promise<unknown>;
}

/** One case per earn rule of the program schema. A new rule kind needs one here. */
const EARN_RULE_CASES: Record<string, EarnRuleCase> = {
  purchase: { rule: "purchase", drive: () => order(1, 5000) },
  signup: {
    rule: "signup",
    drive: () => deliver("customers/create", customerPayload({ id: customer }), { shop }),
  },
  accountActivation: {
    rule: "account_activation",
    async drive() {
      await order(1, 1000);
      await getLoyalty(await shopperToken({ shop, customerId: customer }));
    },
  },
  birthday: { rule: "birthday", drive: birthdayToday },
  firstOrder: { rule: "first_order", drive: () => order(1, 1000) },
  everyNthOrder: {
    rule: "every_nth_order",
    settings: { every: 3 },
    async drive() {
      for (const id of [1, 2, 3]) await order(id, 1000);
    },
  },
  referrals: { rule: "referral", drive: referAFriend },
  spendMilestones: {
    rule: "spend_milestone",
    settings: { milestones: [{ lifetimeSpend: 20_000, points: 500 }] },
    async drive() {
      await order(1, 15_000);
      await order(2, 6_000);
    },
  },
};

/**
 * The other program fields, each with the test file that proves the code honours it. They are not
 * earn rules; the walk only insists that nobody adds a field without saying where it is honoured.
 */
const OTHER_FIELDS: Record<string, string> = {
  // Display names: the admin's preview and member page (the shopper extensions use their locales).
  name: "tests/integration/admin-program.test.ts",
  pointsName: "tests/integration/admin-program.test.ts",
  currencyExponent: "tests/integration/metafield-sync.test.ts",
  pendingDays: "tests/integration/order-webhooks.test.ts",
  expiry: "tests/integration/point-expiry.test.ts",
  expiryNoticeDays: "tests/integration/point-expiry.test.ts",
  tierBasis: "tests/integration/tier-reevaluation.test.ts",
  tierPeriod: "tests/integration/tier-reevaluation.test.ts",
  tiers: "tests/integration/tier-reevaluation.test.ts",
  tierGraceDays: "tests/integration/tier-reevaluation.test.ts",
};

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("no dead program settings", () => {
  it("knows every field of the program schema: an earn rule has a case, any other field a test", () => {
    const shape = (programSchema as unknown as { shape: Record<string, unknown> }).shape;
    const rules = earnRuleFields();
    expect(rules.length).toBeGreaterThan(0);
    expect(Object.keys(EARN_RULE_CASES).sort()).toEqual([...rules].sort());
    expect(
      Object.keys(shape)
        .filter((field) => !rules.includes(field))
        .sort(),
    ).toEqual(Object.keys(OTHER_FIELDS).sort());
    for (const [field, file] of Object.entries(OTHER_FIELDS)) {
      const path = join(import.meta.dirname, "..", "..", file);
      expect(existsSync(path), `${field}: ${file}`).toBe(true);
      expect(readFileSync(path, "utf8"), `${file} never mentions ${field}`).toContain(field);
    }
  });

  it.each(earnRuleFields())("awards the %s rule when it alone is switched on", async (field) => {
    const ruleCase = EARN_RULE_CASES[field];
    expect(ruleCase, `no code path is known to award the "${field}" rule`).toBeDefined();
    await enableOnly(field, ruleCase.settings);
    await ruleCase.drive();
    expect(await awardedRules()).toEqual([ruleCase.rule]);
  });

  it("awards nothing for the same events while every rule is off", async () => {
    await enableOnly(null);
    for (const ruleCase of Object.values(EARN_RULE_CASES)) await ruleCase.drive();
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);
  });
});
