import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { currentProgramVersion } from "~/models/program.server";
import { action, loader } from "~/routes/app.program";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminRequest, routeResult } from "../support/admin-request";
import { aMember, entry } from "../support/members";
import { deliver } from "../support/webhooks";

const shop = "admin-program.myshopify.com";
type Body = Record<string, unknown> & { program: Record<string, unknown>; version: number };

async function load() {
  return routeResult<Body>(async () =>
    loader({ request: await adminRequest(shop, "/app/program"), params: {}, context: {} }),
  );
}

async function act(json: unknown, staffUserId?: string) {
  return routeResult<Record<string, unknown>>(async () =>
    action({
      request: await adminRequest(shop, "/app/program", { json, staffUserId }),
      params: {},
      context: {},
    }),
  );
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("program settings route", () => {
  it("loads the current version with the program and its names", async () => {
    const { status, body } = await load();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      version: 1,
      enabled: true,
      currencyCode: "USD",
      program: { name: "Rewards", pointsName: "points", purchase: { pointsPerUnit: 1 } },
    });
  });

  it("saves a valid draft as a new version recorded with the staff user, and switches the program off", async () => {
    const { body } = await load();
    const program = {
      ...body.program,
      name: "Club",
      purchase: { ...(body.program.purchase as object), pointsPerUnit: 3 },
    };
    const saved = await act({ intent: "save", program, enabled: false, baseVersion: 1 }, "777");
    expect(saved).toEqual({ status: 200, body: { status: "saved", version: 2, tiers: null } });
    const current = await currentProgramVersion(getDb(), shop);
    expect(current.program).toMatchObject({ name: "Club", purchase: { pointsPerUnit: 3 } });
    const row = await getDb().programVersion.findFirstOrThrow({ where: { shop, version: 2 } });
    expect(row.createdBy).toBe("staff:777");
    expect((await getDb().shop.findUniqueOrThrow({ where: { shop } })).programEnabled).toBe(false);
  });

  it("answers 422 with messages keyed by field path and saves nothing", async () => {
    const { body } = await load();
    const tiers = body.program.tiers as { name: string; threshold: number; multiplier: number }[];
    const program = {
      ...body.program,
      purchase: { ...(body.program.purchase as object), pointsPerUnit: "lots" },
      tiers: [tiers[0], { ...tiers[1], threshold: 0 }, tiers[2]],
    };
    const result = await act({ intent: "save", program, enabled: true, baseVersion: 1 });
    expect(result.status).toBe(422);
    expect(result.body.errors).toMatchObject({
      "purchase.pointsPerUnit": expect.stringMatching(/^Enter a whole number from 0 to 100,000/),
      "tiers.1.threshold": expect.stringContaining("sorted by threshold"),
    });
    expect((await currentProgramVersion(getDb(), shop)).version).toBe(1);
  });

  it("refuses a save on top of a newer version (409) instead of undoing it", async () => {
    const { body } = await load();
    await act({
      intent: "save",
      program: { ...body.program, name: "Club" },
      enabled: true,
      baseVersion: 1,
    });
    const stale = await act({
      intent: "save",
      program: { ...body.program, pointsName: "stars" },
      enabled: true,
      baseVersion: 1,
    });
    expect(stale).toEqual({
      status: 409,
      body: { status: "conflict", message: expect.stringContaining("version 2") },
    });
  });

  it("saves nothing new when nothing changed: no new program version", async () => {
    const { body } = await load();
    const same = await act({
      intent: "save",
      program: body.program,
      enabled: true,
      baseVersion: 1,
    });
    expect(same).toEqual({ status: 200, body: { status: "unchanged", version: 1 } });
    expect(await getDb().programVersion.count({ where: { shop } })).toBe(1);
    // Switching the program off alone is a change of the shop, not of the program: no version either.
    const off = await act({
      intent: "save",
      program: body.program,
      enabled: false,
      baseVersion: 1,
    });
    expect(off.body).toMatchObject({ status: "saved", version: 1 });
    expect(await getDb().programVersion.count({ where: { shop } })).toBe(1);
  });

  it("moves qualifying members up as soon as a new tier is saved, and their progress never reads 0 to go", async () => {
    const qualifying = await aMember(shop, 9101);
    const below = await aMember(shop, 9102);
    await entry(shop, qualifying, "earn", 6000, "2026-01-01T00:00:00Z");
    await entry(shop, below, "earn", 3000, "2026-01-01T00:00:00Z");
    await getDb().customer.updateMany({ where: { shop }, data: { tierName: "Gold" } });
    const { body } = await load();
    const tiers = body.program.tiers as object[];
    const program = {
      ...body.program,
      tiers: [...tiers, { name: "Platinum", threshold: 5000, multiplier: 200 }],
    };
    const saved = await act({ intent: "save", program, enabled: true, baseVersion: 1 });
    expect(saved.body).toMatchObject({ status: "saved", version: 2, tiers: { upgraded: 1 } });
    const tierOf = async (id: string) =>
      (await getDb().customer.findUniqueOrThrow({ where: { id } })).tierName;
    expect(await tierOf(qualifying)).toBe("Platinum");
    expect(await tierOf(below)).toBe("Gold");
    const run = await getDb().jobStatus.findFirst({ where: { job: "tier-upgrades", shop } });
    expect(run?.lastStatus).toBe("ok");
  });

  it("rejects a body that is not the expected JSON with 400", async () => {
    expect((await act({ intent: "publish" })).status).toBe(400);
  });

  it("simulates a draft on the last 90 days of orders without saving it", async () => {
    // 146.50 and 60.00 paid orders: 146 + 60 points under 1 point per unit.
    const recently = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await deliver(
      "orders/paid",
      orderPayload({
        id: 5001,
        customer: { id: 71 },
        createdAt: recently,
        lines: [{ price: 14650 }],
      }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({
        id: 5002,
        customer: { id: 72 },
        createdAt: recently,
        lines: [{ price: 6000 }],
      }),
      { shop },
    );
    // Older than 90 days: not replayed.
    await deliver(
      "orders/paid",
      orderPayload({
        id: 5003,
        customer: { id: 72 },
        createdAt: new Date(Date.now() - 120 * 86_400_000).toISOString(),
        lines: [{ price: 1000 }],
      }),
      { shop },
    );
    const { body } = await load();
    const draft = {
      ...body.program,
      purchase: { ...(body.program.purchase as object), pointsPerUnit: 20 },
    };
    const result = await act({ intent: "simulate", program: draft });
    expect(result.status).toBe(200);
    const simulation = result.body.simulation as Record<string, unknown>;
    // 20 per unit: 2930 + 1200. The first member passes Gold (2500), the second Silver (1000).
    expect(simulation).toMatchObject({
      orders: 2,
      pointsBefore: 206,
      pointsAfter: 4130,
      pointsDelta: 3924,
      upgrades: 2,
      downgrades: 0,
      truncated: false,
    });
    // The default reward values 500 points at 5.00: 3924 points ≈ 39.24.
    expect(simulation.liabilityDelta).toBe(3924);
    expect((await currentProgramVersion(getDb(), shop)).version).toBe(1);
  });
});
