import { beforeEach, describe, expect, it } from "vitest";
import { wordStored } from "~/i18n/coded-text";
import { en } from "~/i18n/en";
import { getDb, getSql } from "~/db.server";
import { reevaluateShopTiers } from "~/services/tier-reevaluation.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";
import { aMember, changeProgram, entry, tierOf } from "../support/members";

const shop = "tiers-test.myshopify.com";
const auckland = "tiers-nz.myshopify.com";

const reevaluate = (domain: string, at: string) =>
  reevaluateShopTiers(getSql(), domain, new Date(at));
/** The member's tier moves, their reasons worded in English as the member page shows them. */
const changes = async (customerId: string) =>
  (await getDb().tierChange.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } })).map(
    (change) => ({ ...change, reason: wordStored(change.reason, en.tierReasons) }),
  );

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("tier re-evaluation over the trailing 12 months", () => {
  it("downgrades once the points leave the window, records why, and a rerun changes nothing", async () => {
    const alice = await aMember(shop, 1);
    await entry(shop, alice, "earn", 3000, "2025-03-01T10:00:00Z");
    expect(await reevaluate(shop, "2025-03-02T00:00:00Z")).toEqual({
      checked: 1,
      upgraded: 1,
      downgraded: 0,
      atRisk: 0,
    });
    expect(await tierOf(alice)).toBe("Gold");

    // Exactly twelve months later the earn is still inside the window; a second later it is not.
    expect(await reevaluate(shop, "2026-03-01T10:00:00Z")).toMatchObject({ downgraded: 0 });
    expect(await reevaluate(shop, "2026-03-01T10:00:01Z")).toMatchObject({ downgraded: 1 });
    expect(await tierOf(alice)).toBe("Member");
    expect(await reevaluate(shop, "2026-03-01T10:00:02Z")).toEqual({
      checked: 1,
      upgraded: 0,
      downgraded: 0,
      atRisk: 0,
    });

    const recorded = await changes(alice);
    expect(recorded.map((change) => [change.fromTier, change.toTier])).toEqual([
      ["Member", "Gold"],
      ["Gold", "Member"],
    ]);
    expect(recorded[1].reason).toBe(
      "re-evaluation: 0 points earned over trailing 12 months is below Gold (2500)",
    );
    expect(recorded[1].createdAt.toISOString()).toBe("2026-03-01T10:00:01.000Z");
  });

  it("keeps the tier through a grace period that starts when the member first falls short", async () => {
    await changeProgram(shop, { tierGraceDays: 30 });
    const bob = await aMember(shop, 2);
    await entry(shop, bob, "earn", 1500, "2025-01-10T00:00:00Z");
    await reevaluate(shop, "2025-01-11T00:00:00Z");
    expect(await tierOf(bob)).toBe("Silver");

    expect(await reevaluate(shop, "2026-02-01T00:00:00Z")).toMatchObject({
      atRisk: 1,
      downgraded: 0,
    });
    expect(await reevaluate(shop, "2026-03-02T23:59:59Z")).toMatchObject({
      atRisk: 0,
      downgraded: 0,
    });
    expect(await tierOf(bob)).toBe("Silver");
    expect(await reevaluate(shop, "2026-03-03T00:00:00Z")).toMatchObject({ downgraded: 1 });
    expect(await tierOf(bob)).toBe("Member");
    expect((await changes(bob)).at(-1)?.reason).toContain("after a 30-day grace period");
  });

  it("moves members of a tier the merchant removed at the next run", async () => {
    const carol = await aMember(shop, 3);
    await entry(shop, carol, "earn", 3000, "2025-05-01T00:00:00Z");
    await reevaluate(shop, "2025-05-02T00:00:00Z");
    await changeProgram(shop, {
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 1000, multiplier: 125 },
      ],
    });
    expect(await reevaluate(shop, "2025-05-03T00:00:00Z")).toMatchObject({ downgraded: 1 });
    expect(await tierOf(carol)).toBe("Silver");
    expect((await changes(carol)).at(-1)?.reason).toContain('tier "Gold" no longer exists');
  });
});

describe("tiers by amount spent", () => {
  it("count paid, uncancelled orders placed inside the window", async () => {
    await changeProgram(shop, {
      tierBasis: "amount_spent",
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 50_000, multiplier: 125 },
        { name: "Gold", threshold: 200_000, multiplier: 150 },
      ],
    });
    await deliver(
      "orders/paid",
      orderPayload({
        id: 1,
        customer: { id: 40 },
        lines: [{ price: 60_000 }],
        createdAt: "2025-01-10T12:00:00Z",
      }),
      { shop },
    );
    await deliver(
      "orders/paid",
      orderPayload({
        id: 2,
        customer: { id: 40 },
        lines: [{ price: 500_000 }],
        createdAt: "2025-01-10T13:00:00Z",
      }),
      { shop },
    );
    await deliver(
      "orders/cancelled",
      orderPayload({
        id: 2,
        customer: { id: 40 },
        lines: [{ price: 500_000 }],
        createdAt: "2025-01-10T13:00:00Z",
        cancelledAt: "2025-01-10T14:00:00Z",
      }),
      { shop },
    );
    const { id } = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "40" },
    });
    await reevaluate(shop, "2025-01-11T00:00:00Z");
    expect(await tierOf(id)).toBe("Silver"); // 600.00 spent; the cancelled 5,000.00 does not count
    expect(await reevaluate(shop, "2026-01-10T12:00:01Z")).toMatchObject({ downgraded: 1 });
    expect((await changes(id)).at(-1)?.reason).toBe(
      "re-evaluation: 0 spent (minor units) over trailing 12 months is below Silver (50000)",
    );
  });
});

describe("calendar-year tiers", () => {
  beforeEach(async () => {
    await installShop(getDb(), auckland, { currencyCode: "NZD", timeZone: "Pacific/Auckland" });
    for (const domain of [shop, auckland])
      await changeProgram(domain, { tierPeriod: "calendar_year" });
  });

  it("re-evaluate at the new year of the shop's time zone: Auckland before UTC", async () => {
    const kiwi = await aMember(auckland, 10);
    const londoner = await aMember(shop, 10);
    for (const [domain, id] of [
      [auckland, kiwi],
      [shop, londoner],
    ] as const) {
      await entry(domain, id, "earn", 3000, "2025-06-15T00:00:00Z");
      await reevaluate(domain, "2025-06-16T00:00:00Z");
      expect(await tierOf(id)).toBe("Gold");
      // The first run of 2026 counts 2025 too: status earned in a year is kept through the next.
      expect(await reevaluate(domain, "2026-01-01T12:00:00Z")).toMatchObject({
        checked: 1,
        downgraded: 0,
      });
      // Later runs in the same year have nothing to do.
      expect(await reevaluate(domain, "2026-07-01T00:00:00Z")).toMatchObject({ checked: 0 });
    }

    // 12:00 UTC on Dec 31 2026 is Jan 1 2027 01:00 in Auckland: its 2027 re-evaluation runs, UTC's does not.
    expect(await reevaluate(auckland, "2026-12-31T12:00:00Z")).toMatchObject({
      checked: 1,
      downgraded: 1,
    });
    expect(await reevaluate(shop, "2026-12-31T12:00:00Z")).toMatchObject({
      checked: 0,
      downgraded: 0,
    });
    expect([await tierOf(kiwi), await tierOf(londoner)]).toEqual(["Member", "Gold"]);
    expect(await reevaluate(shop, "2027-01-01T00:00:00Z")).toMatchObject({
      checked: 1,
      downgraded: 1,
    });
    expect(await tierOf(londoner)).toBe("Member");
  });

  it("applies a threshold raised mid-year only at the next year's re-evaluation", async () => {
    const dana = await aMember(shop, 20);
    await entry(shop, dana, "earn", 2600, "2026-02-01T00:00:00Z");
    await reevaluate(shop, "2026-02-02T00:00:00Z");
    expect(await tierOf(dana)).toBe("Gold");

    await changeProgram(shop, {
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Silver", threshold: 1000, multiplier: 125 },
        { name: "Gold", threshold: 3000, multiplier: 150 },
      ],
    });
    expect(await reevaluate(shop, "2026-06-01T00:00:00Z")).toMatchObject({ checked: 0 });
    expect(await tierOf(dana)).toBe("Gold");

    expect(await reevaluate(shop, "2027-01-01T00:00:00Z")).toMatchObject({ downgraded: 1 });
    expect(await tierOf(dana)).toBe("Silver");
    expect((await changes(dana)).at(-1)?.reason).toBe(
      "re-evaluation: 2600 points earned over calendar year is below Gold (3000)",
    );
  });
});
