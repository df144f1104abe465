// `npm run demo` seeds the demo shop once; a seed stopped halfway is erased and seeded again
// (scripts/demo/seed-state.ts). Run on SQLite and PostgreSQL (the data; the marker is a file).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { markDemoSeeded, prepareDemoSeed, seedMarkerPath } from "../../scripts/demo/seed-state";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "demo-seed-state.myshopify.com";
let databaseUrl: string;
const orders = () => getDb().order.count({ where: { shop } });

beforeEach(() => {
  databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), "tally-demo-")), "tally.sqlite")}`;
});

describe("the demo shop's seed", () => {
  it("an empty database is seeded; once marked, a restart keeps the year as it is", async () => {
    expect(await prepareDemoSeed(getDb(), shop, databaseUrl)).toBe("empty");
    await installShop(getDb(), shop);
    await deliver(
      "orders/paid",
      orderPayload({ id: 9101, customer: { id: 1 }, lines: [{ price: 50 }] }),
      { shop },
    );
    markDemoSeeded(databaseUrl);
    expect(await prepareDemoSeed(getDb(), shop, databaseUrl)).toBe("seeded");
    expect(await orders()).toBe(1);
  });

  it("a seed stopped halfway (data, no marker) is erased so the next start seeds a whole year", async () => {
    await installShop(getDb(), shop);
    await deliver(
      "orders/paid",
      orderPayload({ id: 9102, customer: { id: 2 }, lines: [{ price: 50 }] }),
      { shop },
    );
    expect(await prepareDemoSeed(getDb(), shop, databaseUrl)).toBe("erased-partial");
    expect(await orders()).toBe(0);
    expect(await getDb().customer.count({ where: { shop } })).toBe(0);
    expect(await getDb().shop.count({ where: { shop } })).toBe(0);
    expect(await prepareDemoSeed(getDb(), shop, databaseUrl)).toBe("empty");
  });

  it("a marker left from an earlier database (the file was deleted) does not count", async () => {
    markDemoSeeded(databaseUrl);
    expect(await prepareDemoSeed(getDb(), shop, databaseUrl)).toBe("empty");
    expect(existsSync(seedMarkerPath(databaseUrl)!)).toBe(false);
  });

  it("on PostgreSQL (no marker file) a shop with orders counts as seeded", async () => {
    await installShop(getDb(), shop);
    await deliver(
      "orders/paid",
      orderPayload({ id: 9103, customer: { id: 3 }, lines: [{ price: 50 }] }),
      { shop },
    );
    const postgres = "postgresql://demo@127.0.0.1:5432/tally";
    expect(seedMarkerPath(postgres)).toBeNull();
    expect(await prepareDemoSeed(getDb(), shop, postgres)).toBe("seeded");
    expect(await orders()).toBe(1);
  });
});
