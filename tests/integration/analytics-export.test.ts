// CSV downloads: authenticated admin only, one shop's rows only, streamed in keyset batches that
// neither skip nor repeat rows (entries written in the same millisecond included).
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { mintAdminSessionToken } from "~/local-demo/session-token.server";
import { ledgerBatches } from "~/models/export.server";
import { INLINE_FIRST_BUILD_ROWS } from "~/services/analytics.server";
import { loader } from "~/routes/app.analytics.download";
import { installShop } from "../factories/shop";
import { TEST_APP_URL } from "../setup/test-env";

const shop = "export.myshopify.com";
const otherShop = "someone-else.myshopify.com";
const sameInstant = new Date("2026-10-01T08:00:00.000Z");

async function download(path: string, forShop: string | null): Promise<Response> {
  const headers = new Headers();
  if (forShop)
    headers.set("Authorization", `Bearer ${(await mintAdminSessionToken(forShop)).token}`);
  try {
    return (await loader({
      request: new Request(`${TEST_APP_URL}${path}`, { headers }),
      params: {},
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeEach(async () => {
  for (const name of [shop, otherShop]) await installShop(getDb(), name);
  const ada = await getDb().customer.create({
    data: {
      shop,
      shopifyCustomerId: "101",
      email: "ada@example.com",
      firstName: '=HYPERLINK("x")',
      lastName: "Lovelace, Countess",
      balance: 70,
      lifetimeSpend: 12345,
    },
  });
  const bob = await getDb().customer.create({
    data: { shop, shopifyCustomerId: "102", email: "bob@example.com", balance: 5 },
  });
  const eve = await getDb().customer.create({
    data: { shop: otherShop, shopifyCustomerId: "101", email: "eve@example.com", balance: 999 },
  });
  const order = await getDb().order.create({
    data: {
      shop,
      shopifyOrderId: "5001",
      customerId: ada.id,
      currencyCode: "USD",
      placedAt: sameInstant,
      factsUpdatedAt: sameInstant,
      lines: [],
    },
  });
  // Five entries in the same millisecond, so the keyset must break ties by id.
  for (let index = 0; index < 5; index++) {
    await getDb().ledgerEntry.create({
      data: {
        shop,
        customerId: index % 2 ? bob.id : ada.id,
        kind: "earn",
        points: 10 + index,
        idempotencyKey: `k${index}`,
        orderId: index === 0 ? order.id : null,
        createdAt: sameInstant,
      },
    });
  }
  await getDb().ledgerEntry.create({
    data: {
      shop,
      customerId: ada.id,
      kind: "adjust",
      points: 13,
      idempotencyKey: "staff:1",
      reason: "goodwill",
      staffId: "9",
      createdAt: new Date("2026-10-02T08:00:00.000Z"),
    },
  });
  await getDb().ledgerEntry.create({
    data: {
      shop: otherShop,
      customerId: eve.id,
      kind: "import",
      points: 999,
      idempotencyKey: "import:1",
      createdAt: sameInstant,
    },
  });
});

describe("KPI downloads before a big shop's first analytics build", () => {
  it("answer 503 with Retry-After instead of a CSV of zeros", async () => {
    const big = "big-export.myshopify.com";
    await installShop(getDb(), big);
    // One member more than INLINE_FIRST_BUILD_ROWS, so the page load leaves the first build to the job.
    await getSql().run(
      `INSERT INTO "Customer" (id, shop, "shopifyCustomerId", "updatedAt")
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?) SELECT 'big' || i, ?, 'big' || i, ? FROM n`,
      [INLINE_FIRST_BUILD_ROWS, big, new Date()],
    );
    for (const report of ["kpis", "daily"]) {
      const response = await download(`/app/analytics/download?report=${report}`, big);
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("60");
      expect(await response.json()).toEqual({
        message: "The figures are being computed for the first time; try again in a few minutes.",
      });
    }
    expect(await getDb().analyticsCustomer.count({ where: { shop: big } })).toBe(0);
    // The shop of the other tests is small: its KPIs download at once.
    expect((await download("/app/analytics/download?report=kpis", shop)).status).toBe(200);
  });
});

describe("CSV downloads", () => {
  it("streams the shop's members with a header, quoting and formula-safe text", async () => {
    const response = await download("/app/analytics/download?report=members", shop);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.body).toBeInstanceOf(ReadableStream);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "shopify_customer_id,email,first_name,last_name,points_balance,points_pending,lifetime_points,orders,lifetime_spend,tier,enrolled_at",
    );
    expect(lines).toHaveLength(3);
    // Ada never left the entry tier (no stored tier name): named like every other member's tier.
    expect(lines[1]).toMatch(
      /^101,ada@example\.com,"'=HYPERLINK\(""x""\)","Lovelace, Countess",70,0,0,0,123\.45,Member,20\d\d-/,
    );
    expect(lines[2]).toMatch(/^102,bob@example\.com,,,5,/);
    expect(lines.join("\n")).not.toContain("eve@example.com");
  });

  it("streams the full ledger in time order with order ids, never another shop's entries", async () => {
    const text = await (await download("/app/analytics/download?report=ledger", shop)).text();
    const rows = text
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    expect(
      rows
        .slice(0, 5)
        .map((row) => row[6])
        .sort(),
    ).toEqual(["k0", "k1", "k2", "k3", "k4"]);
    expect(rows).toHaveLength(6);
    expect(rows[5]).toEqual([
      expect.any(String),
      "2026-10-02T08:00:00.000Z",
      "101",
      "ada@example.com",
      "adjust",
      "13",
      "staff:1",
      "",
      "goodwill",
      "9",
      "",
      "",
    ]);
    expect(rows.find((row) => row[6] === "k0")?.[7]).toBe("5001");
    expect(text).not.toContain("import:1");
  });

  it("keyset batches of 2 return every entry exactly once", async () => {
    const seen: string[] = [];
    for await (const batch of ledgerBatches(getSql(), shop, 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((row) => String(row.idempotencyKey)));
    }
    expect(seen.slice().sort()).toEqual(["k0", "k1", "k2", "k3", "k4", "staff:1"]);
    expect(seen[5]).toBe("staff:1");
  });

  it("gives the KPIs and the daily figures; refuses unknown reports and requests without a session token", async () => {
    expect(
      (await (await download("/app/analytics/download?report=kpis", shop)).text()).split("\r\n")[0],
    ).toBe(
      "KPI,Now (lifetime),Last 30 days (UTC),Last 90 days (UTC),Last 365 days (UTC),Definition",
    );
    const daily = (
      await (await download("/app/analytics/download?report=daily&days=90", shop)).text()
    )
      .trim()
      .split("\r\n");
    expect(daily).toHaveLength(91);
    expect((await download("/app/analytics/download?report=secrets", shop)).status).toBe(400);
    expect((await download("/app/analytics/download?report=daily&days=7", shop)).status).toBe(400);
    const anonymous = await download("/app/analytics/download?report=ledger", null);
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain("ada@example.com");
  });
});
