// Where each Flow trigger is fired from besides the order path (issue #9, docs/flow.md "When each
// trigger fires"): the expiry job ("points expiring soon"), every tier move ("tier changed": the
// re-evaluation job, staff overrides, imports, the order backfill, upgrades from adjustments and Flow
// awards) and every positive credit ("points earned": staff adjustments, the Flow action, badge and
// journey bonuses).
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { createImport } from "~/models/data-import.server";
import { advanceBackfill, requestBackfill } from "~/services/backfill.server";
import { pushDueFlowTriggers } from "~/services/flow-triggers.server";
import { runImport } from "~/services/import.server";
import { runDueJourneys } from "~/services/journeys.server";
import { adjustMemberPoints } from "~/services/member-adjustment.server";
import { expireShopPoints } from "~/services/point-expiry.server";
import { setTierOverride } from "~/services/tier-override.server";
import { reevaluateShopTiers } from "~/services/tier-reevaluation.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import type { EngagementSettings } from "~/loyalty/engagement";
import { bulkOrder } from "../factories/bulk-orders";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { configureEngagement } from "../support/engagement";
import { flowActionBody, sendFlowAction } from "../support/flow";
import { aMember, changeProgram, entry, tierOf } from "../support/members";
import { deliver } from "../support/webhooks";

const shop = "flow-sources.myshopify.com";
const DAY = 86_400_000;

const events = async (handle: string) =>
  (
    await getDb().flowTriggerOutbox.findMany({
      where: { shop, handle },
      orderBy: [{ createdAt: "asc" }, { eventKey: "asc" }],
    })
  ).map((row) => ({ eventKey: row.eventKey, payload: row.payload }));
const payloads = async (handle: string) => (await events(handle)).map((event) => event.payload);
const pushAll = () =>
  pushDueFlowTriggers(
    getSql(),
    async (domain) => createFetchAdminClient({ shop: domain }),
    new Date(Date.now() + 365 * DAY),
  );
const switchOn = (...kinds: (keyof EngagementSettings["flowTriggers"])[]) =>
  configureEngagement(shop, (settings) => ({
    ...settings,
    flowTriggers: {
      ...settings.flowTriggers,
      ...Object.fromEntries(kinds.map((kind) => [kind, true])),
    },
  }));
const customer = (id: string) => getDb().customer.findUniqueOrThrow({ where: { id } });
const tierChanges = (customerId: string) =>
  getDb().tierChange.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("points expiring soon: the expiry job", () => {
  const expire = (at: string) => expireShopPoints(getSql(), shop, new Date(at));

  beforeEach(async () => {
    await changeProgram(
      shop,
      { expiry: { mode: "after_earning", days: 365 }, expiryNoticeDays: 14 },
      "2024-01-01T00:00:00Z",
    );
  });

  it("enqueues one event per member and expiry date when the notice appears; reruns, a spend and a sent event add none; the next lot gets its own", async () => {
    await switchOn("points_expiring");
    const id = await aMember(shop, 7001);
    await entry(shop, id, "earn", 100, "2024-01-01T00:00:00Z");
    await entry(shop, id, "earn", 50, "2024-01-10T00:00:00Z");

    await expire("2024-12-01T00:00:00Z"); // nothing within 14 days yet
    expect(await events("tally-points-expiring")).toEqual([]);

    expect(await expire("2024-12-20T00:00:00Z")).toMatchObject({ noticesChanged: 1 });
    const first = {
      customer_id: 7001,
      points: 100,
      "expires at": "2024-12-31T00:00:00.000Z",
      balance: 150,
      tier: "Member",
    };
    expect(await events("tally-points-expiring")).toEqual([
      { eventKey: `points_expiring:${id}:2024-12-31T00:00:00.000Z`, payload: first },
    ]);
    await expire("2024-12-20T00:00:00Z");
    await expire("2024-12-21T00:00:00Z");
    expect(await payloads("tally-points-expiring")).toEqual([first]);

    // Sent (the outbox row is gone), then the member spends some: the same notice is not sent again.
    expect(await pushAll()).toMatchObject({ sent: 1 });
    await entry(shop, id, "redeem", -10, "2024-12-22T00:00:00Z");
    expect(await expire("2024-12-23T00:00:00Z")).toMatchObject({ checked: 1, noticesChanged: 1 });
    expect(await customer(id)).toMatchObject({
      expiringPoints: 90,
      expiringAt: new Date("2024-12-31T00:00:00Z"),
      expiryNotifiedAt: new Date("2024-12-31T00:00:00Z"),
    });
    expect(await events("tally-points-expiring")).toEqual([]);

    // The first lot expires; the second (due 2025-01-09) is now within the window: a new event.
    expect(await expire("2024-12-31T00:00:00Z")).toMatchObject({
      membersExpired: 1,
      pointsExpired: 90,
    });
    expect(await payloads("tally-points-expiring")).toEqual([
      {
        customer_id: 7001,
        points: 50,
        "expires at": "2025-01-09T00:00:00.000Z",
        balance: 50,
        tier: "Member",
      },
    ]);
    await expire("2024-12-31T00:00:00Z");
    expect(await payloads("tally-points-expiring")).toHaveLength(1);
  });

  it("commits a page's notices and their events together: a failure loses neither", async () => {
    await switchOn("points_expiring");
    const id = await aMember(shop, 7003);
    await entry(shop, id, "earn", 100, "2024-01-01T00:00:00Z");
    // The outbox refuses writes, as a crash right after the page's figures were stored would.
    const sql = getSql();
    const refuse =
      sql.dialect === "sqlite"
        ? [
            `CREATE TRIGGER refuse_flow_events BEFORE INSERT ON "FlowTriggerOutbox" BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`,
          ]
        : [
            `CREATE FUNCTION refuse_flow_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`,
            `CREATE TRIGGER refuse_flow_events BEFORE INSERT ON "FlowTriggerOutbox" FOR EACH ROW EXECUTE FUNCTION refuse_flow_events()`,
          ];
    for (const statement of refuse) await sql.run(statement);
    try {
      await expect(expire("2024-12-20T00:00:00Z")).rejects.toThrow(/outbox unavailable/);
    } finally {
      await sql.run(
        sql.dialect === "sqlite"
          ? `DROP TRIGGER refuse_flow_events`
          : `DROP TRIGGER refuse_flow_events ON "FlowTriggerOutbox"`,
      );
    }
    expect(await customer(id)).toMatchObject({
      expiringPoints: 0,
      expiryCheckedAt: null,
      expiryNotifiedAt: null,
    });

    expect(await expire("2024-12-20T00:00:00Z")).toMatchObject({ checked: 1, noticesChanged: 1 });
    expect(await payloads("tally-points-expiring")).toEqual([
      {
        customer_id: 7003,
        points: 100,
        "expires at": "2024-12-31T00:00:00.000Z",
        balance: 100,
        tier: "Member",
      },
    ]);
  });

  it("enqueues each notice once when two runners work the same members at once", async () => {
    await switchOn("points_expiring");
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const id = await aMember(shop, 7100 + n);
      await entry(shop, id, "earn", 10 * n, "2024-01-01T00:00:00Z");
      ids.push(id);
    }
    await Promise.all([
      expireShopPoints(getSql(), shop, new Date("2024-12-20T00:00:00Z"), 2),
      expireShopPoints(getSql(), shop, new Date("2024-12-20T00:00:00Z"), 2),
    ]);
    const rows = await payloads("tally-points-expiring");
    expect(rows.map((payload) => (payload as { customer_id: number }).customer_id).sort()).toEqual([
      7101, 7102, 7103, 7104, 7105,
    ]);
  });

  it("writes nothing while the merchant has the trigger off (the figures are still kept)", async () => {
    const id = await aMember(shop, 7002);
    await entry(shop, id, "earn", 100, "2024-01-01T00:00:00Z");
    await expire("2024-12-20T00:00:00Z");
    expect(await customer(id)).toMatchObject({ expiringPoints: 100, expiryNotifiedAt: null });
    expect(await getDb().flowTriggerOutbox.count()).toBe(0);
  });
});

describe("tier changed: every tier move", () => {
  it("re-evaluation reports upgrades and downgrades once, keyed by the TierChange", async () => {
    await switchOn("tier_changed");
    const alice = await aMember(shop, 1);
    await entry(shop, alice, "earn", 3000, "2025-03-01T10:00:00Z");
    await reevaluateShopTiers(getSql(), shop, new Date("2025-03-02T00:00:00Z"));
    await reevaluateShopTiers(getSql(), shop, new Date("2026-03-01T10:00:01Z"));
    expect(await tierOf(alice)).toBe("Member");
    await reevaluateShopTiers(getSql(), shop, new Date("2026-03-01T10:00:02Z"));
    const [up, down] = await tierChanges(alice);
    expect(await events("tally-tier-changed")).toEqual([
      {
        eventKey: `tier_changed:${up.id}`,
        payload: {
          customer_id: 1,
          "previous tier": "Member",
          tier: "Gold",
          direction: "upgrade",
          source: "re-evaluation",
          balance: 3000,
        },
      },
      {
        eventKey: `tier_changed:${down.id}`,
        payload: {
          customer_id: 1,
          "previous tier": "Gold",
          tier: "Member",
          direction: "downgrade",
          source: "re-evaluation",
          balance: 3000,
        },
      },
    ]);
  });

  it("reports a move out of a tier the merchant removed as neither up nor down", async () => {
    await switchOn("tier_changed");
    const carol = await aMember(shop, 3);
    await entry(shop, carol, "earn", 3000, "2025-05-01T00:00:00Z");
    await reevaluateShopTiers(getSql(), shop, new Date("2025-05-02T00:00:00Z"));
    await changeProgram(shop, {
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 1000, multiplier: 125 },
      ],
    });
    await reevaluateShopTiers(getSql(), shop, new Date("2025-05-03T00:00:00Z"));
    expect(
      (await payloads("tally-tier-changed")).map(
        (payload) => (payload as { direction: string }).direction,
      ),
    ).toEqual(["upgrade", "moved"]);
  });

  it("staff overrides report the move, not a pin of the tier already held; nothing when the trigger is off", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 51 }, lines: [{ price: 10000 }] }),
      { shop },
    );
    const { id } = await getDb().customer.findFirstOrThrow({ where: { shop } });
    // A second apart, so the events' order is the overrides' order (two in one millisecond would sort by their random keys).
    let clock = Date.now();
    const override = (tierName: string | null) =>
      setTierOverride(getSql(), {
        shop,
        customerId: id,
        tierName,
        staffId: "staff-7",
        reason: "VIP guest",
        now: new Date((clock += 1000)),
      });
    await override("Silver");
    expect(await getDb().flowTriggerOutbox.count()).toBe(0);
    await override(null);

    await switchOn("tier_changed");
    await override("Member"); // pins the tier held: recorded, but no change to report
    await override("Gold");
    await override("Gold");
    await override(null);
    expect(await payloads("tally-tier-changed")).toEqual([
      {
        customer_id: 51,
        "previous tier": "Member",
        tier: "Gold",
        direction: "upgrade",
        source: "staff override",
        balance: 100,
      },
      {
        customer_id: 51,
        "previous tier": "Gold",
        tier: "Member",
        direction: "downgrade",
        source: "staff override",
        balance: 100,
      },
    ]);
  });

  it("an upgrade the order backfill finds (tiers by amount spent, past orders without points)", async () => {
    await switchOn("tier_changed");
    await changeProgram(shop, {
      tierBasis: "amount_spent",
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 10000, multiplier: 125 },
      ],
    });
    adminApi.state.shop(shop).orders.push(
      bulkOrder({
        id: 501,
        createdAt: new Date(Date.now() - 10 * DAY).toISOString(),
        customer: { id: 7 },
        lines: [{ id: 1, price: 20000 }],
      }),
    );
    const { id } = await requestBackfill(getDb(), getSql(), shop, {
      awardPoints: false,
      now: new Date(),
    });
    for (let step = 0; step < 10; step++) {
      const result = await advanceBackfill(
        getDb(),
        getSql(),
        createFetchAdminClient({ shop }),
        id,
        new Date(),
      );
      if (result === "processed" || result === "failed" || result === "finished") break;
    }
    expect(await payloads("tally-tier-changed")).toEqual([
      {
        customer_id: 7,
        "previous tier": "Member",
        tier: "Silver",
        direction: "upgrade",
        source: "order backfill",
        balance: 0,
      },
    ]);
  });

  it("an import that sets a member's tier reports it once; importing the entry tier reports nothing", async () => {
    await switchOn("tier_changed");
    const csv = [
      "shopify_customer_id,email,first_name,last_name,points_balance,points_pending,lifetime_points,orders,lifetime_spend,tier,enrolled_at",
      "101,ada@example.com,Ada,Lovelace,1200,0,0,0,0.00,Silver,2024-01-01T00:00:00.000Z",
      "102,bob@example.com,Bob,,300,0,0,0,0.00,Member,",
    ].join("\n");
    // An import credits only customers Shopify knows (decision 031).
    for (const id of [101, 102])
      adminApi.state.shop(shop).customers.push({ id: `gid://shopify/Customer/${id}`, email: null });
    for (let run = 0; run < 2; run++) {
      const importId = await createImport(getDb(), shop, "balances", "file.csv", csv.length);
      await runImport(
        getDb(),
        getSql(),
        importId,
        shop,
        "balances",
        Readable.from([Buffer.from(csv)]),
        { admin: createFetchAdminClient({ shop }) },
      );
    }
    expect(await payloads("tally-tier-changed")).toEqual([
      {
        customer_id: 101,
        "previous tier": "Member",
        tier: "Silver",
        direction: "upgrade",
        source: "import",
        balance: 1200,
      },
    ]);
  });
});

describe("points earned: every positive credit", () => {
  it("a staff adjustment that adds points (once per form submit), with the upgrade it causes; removals report nothing", async () => {
    await switchOn("points_earned", "tier_changed");
    const id = await aMember(shop, 61);
    const adjust = (points: number, nonce: string) =>
      adjustMemberPoints(
        getSql(),
        shop,
        id,
        { points, reason: "Sorry for the late parcel", nonce },
        "staff-3",
        new Date(),
      );
    expect(await adjust(1200, "nonce-0001")).toMatchObject({ status: "applied" });
    expect(await adjust(1200, "nonce-0001")).toMatchObject({ status: "duplicate" });
    expect(await adjust(-100, "nonce-0002")).toMatchObject({ status: "applied" });
    expect(await events("tally-points-earned")).toEqual([
      {
        eventKey: "points_earned:adjust:nonce-0001",
        payload: {
          customer_id: 61,
          points: 1200,
          reason: "Sorry for the late parcel",
          source: "staff adjustment",
          balance: 1200,
          tier: "Silver",
        },
      },
    ]);
    expect(await payloads("tally-tier-changed")).toEqual([
      {
        customer_id: 61,
        "previous tier": "Member",
        tier: "Silver",
        direction: "upgrade",
        source: "staff adjustment",
        balance: 1200,
      },
    ]);
  });

  it("the Flow action Award loyalty points, marked as such so a workflow can filter its own awards out; a retried run reports nothing new", async () => {
    await switchOn("points_earned", "tier_changed");
    const body = flowActionBody(
      shop,
      { customer_id: "8001", points: 150, reason: "Product review" },
      "run-1",
    );
    expect((await sendFlowAction(body)).status).toBe(200);
    expect((await sendFlowAction(body)).status).toBe(200);
    expect(await events("tally-points-earned")).toEqual([
      {
        eventKey: "points_earned:flow:run:run-1",
        payload: {
          customer_id: 8001,
          points: 150,
          reason: "Product review",
          source: "flow action",
          balance: 150,
          tier: "Member",
        },
      },
    ]);
    expect(
      (
        await sendFlowAction(
          flowActionBody(
            shop,
            { customer_id: "8001", points: 900, reason: "Survey", event_key: "survey-1" },
            "run-2",
          ),
        )
      ).status,
    ).toBe(200);
    expect(
      (await events("tally-points-earned")).find(
        (event) => event.eventKey === "points_earned:flow:event:8001:survey-1",
      )?.payload,
    ).toEqual({
      customer_id: 8001,
      points: 900,
      reason: "Survey",
      source: "flow action",
      balance: 1050,
      tier: "Silver",
    });
    expect(await payloads("tally-tier-changed")).toEqual([
      {
        customer_id: 8001,
        "previous tier": "Member",
        tier: "Silver",
        direction: "upgrade",
        source: "flow action",
        balance: 1050,
      },
    ]);
  });

  it("a journey's welcome bonus", async () => {
    await configureEngagement(shop, (settings) => ({
      ...settings,
      flowTriggers: { ...settings.flowTriggers, points_earned: true },
      journeys: { ...settings.journeys, "first-order-14d": { enabled: true, bonusPoints: 25 } },
    }));
    await deliver(
      "orders/paid",
      orderPayload({ id: 1, customer: { id: 3001 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    await runDueJourneys(getSql(), new Date(Date.now() + 14 * DAY));
    await runDueJourneys(getSql(), new Date(Date.now() + 15 * DAY));
    expect(await payloads("tally-points-earned")).toEqual([
      {
        customer_id: 3001,
        points: 50,
        reason: "order 1",
        source: "order",
        balance: 50,
        tier: "Member",
      },
      {
        customer_id: 3001,
        points: 25,
        reason: "Welcome bonus",
        source: "journey",
        balance: 75,
        tier: "Member",
      },
    ]);
  });
});
