// The opt-in monthly leaderboard (issue #9): off per shop until the merchant switches it on, off
// per shopper until they join; masked names; a shopper's rank only when they ask for it.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { configureEngagement } from "../support/engagement";
import { shopperToken } from "../support/session-tokens";
import { getLeaderboard, getLoyalty, setLeaderboardOptIn } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "leaderboard.myshopify.com";
const otherShop = "leaderboard-other.myshopify.com";
const anna = { id: 6001, firstName: "Anna", lastName: "Kowalska", email: "anna@example.com" };
const boris = { id: 6002, firstName: "Boris", lastName: "ivanov" };
const chloe = { id: 6003, firstName: "Chloé Marie", lastName: "Dupont" };
const dan = { id: 6004, firstName: "Dan", lastName: "Brown" };

const token = (customerId: number, domain = shop) => shopperToken({ shop: domain, customerId });
const leaderboardOn = () =>
  configureEngagement(shop, (settings) => ({ ...settings, leaderboard: { enabled: true } }));

async function join(customerId: number, optIn = true) {
  const response = await setLeaderboardOptIn(await token(customerId), { optIn });
  expect(response.status).toBe(200);
  return response.json();
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  // Points this month: Anna 300, Boris 500, Chloé 300, Dan 900 (Dan never joins).
  const orders: [{ id: number; firstName: string; lastName: string }, number][] = [
    [anna, 30_000],
    [boris, 50_000],
    [chloe, 30_000],
    [dan, 90_000],
  ];
  for (const [index, [customer, price]] of orders.entries())
    await deliver("orders/paid", orderPayload({ id: 100 + index, customer, lines: [{ price }] }), {
      shop,
    });
});

describe("leaderboard", () => {
  it("does not exist until the merchant switches it on", async () => {
    for (const response of [
      await getLeaderboard(await token(anna.id)),
      await setLeaderboardOptIn(await token(anna.id), { optIn: true }),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("LEADERBOARD_DISABLED");
    }
    expect(await getDb().leaderboardMember.count()).toBe(0);
  });

  it("shows nobody until shoppers opt in; then only them, by points this month, with masked names", async () => {
    await leaderboardOn();
    const empty = await (await getLeaderboard(await token(anna.id))).json();
    expect(empty).toEqual({
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
      optedIn: false,
      entries: [],
    });

    await join(anna.id);
    await join(boris.id);
    await join(chloe.id);
    const body = await (await getLeaderboard(await token(anna.id))).json();
    expect(body.optedIn).toBe(true);
    // Dan earned most but never joined. Anna and Chloé tie for second: both rank 2.
    expect(
      body.entries
        .map((entry: { rank: number; name: string; points: number }) => [
          entry.rank,
          entry.name,
          entry.points,
        ])
        .sort(),
    ).toEqual([
      [1, "Boris I.", 500],
      [2, "Anna K.", 300],
      [2, "Chloé D.", 300],
    ]);
    expect(body.entries.map((entry: { name: string }) => entry.name).sort()).toEqual([
      "Anna K.",
      "Boris I.",
      "Chloé D.",
    ]);
    expect(body.entries[0]).toMatchObject({ rank: 1, name: "Boris I.", points: 500, you: false });
    expect(body.entries.find((entry: { name: string }) => entry.name === "Anna K.").you).toBe(true);
    // Nothing but the masked name: no email, family name or ids.
    const text = JSON.stringify(body);
    for (const secret of ["Kowalska", "anna@example.com", "Dan", String(anna.id)])
      expect(text).not.toContain(secret);
  });

  it("answers the shopper's own rank only when asked (rank=1), with ties sharing a rank", async () => {
    await leaderboardOn();
    await Promise.all([join(anna.id), join(boris.id), join(chloe.id)]);
    expect(await (await getLeaderboard(await token(anna.id))).json()).not.toHaveProperty("me");
    expect((await (await getLeaderboard(await token(anna.id), "?rank=1")).json()).me).toEqual({
      rank: 2,
      points: 300,
    });
    expect((await (await getLeaderboard(await token(chloe.id), "?rank=1")).json()).me).toEqual({
      rank: 2,
      points: 300,
    });
    expect((await (await getLeaderboard(await token(boris.id), "?rank=1")).json()).me).toEqual({
      rank: 1,
      points: 500,
    });
    // Not on the board: no rank, even though Dan has the most points.
    expect((await (await getLeaderboard(await token(dan.id), "?rank=1")).json()).me).toBeNull();
    expect((await getLeaderboard(await token(anna.id), "?rank=yes")).status).toBe(422);
  });

  it("GET /api/loyalty tells the extension whether the shop offers it and whether the shopper joined", async () => {
    expect((await (await getLoyalty(await token(anna.id))).json()).leaderboard).toEqual({
      enabled: false,
      optedIn: false,
    });
    await leaderboardOn();
    expect((await (await getLoyalty(await token(anna.id))).json()).leaderboard).toEqual({
      enabled: true,
      optedIn: false,
    });
    await join(anna.id);
    expect((await (await getLoyalty(await token(anna.id))).json()).leaderboard).toEqual({
      enabled: true,
      optedIn: true,
    });
    expect((await (await getLoyalty(await token(boris.id))).json()).leaderboard).toEqual({
      enabled: true,
      optedIn: false,
    });
  });

  it("lets a shopper leave again, and validates the request", async () => {
    await leaderboardOn();
    expect(await join(anna.id)).toEqual({ optedIn: true });
    expect(await join(anna.id)).toEqual({ optedIn: true }); // joining twice is harmless
    expect(await join(anna.id, false)).toEqual({ optedIn: false });
    expect((await (await getLeaderboard(await token(boris.id))).json()).entries).toEqual([]);
    for (const body of [{}, { optIn: "yes" }, { optIn: true, name: "Anna" }]) {
      const response = await setLeaderboardOptIn(await token(anna.id), body);
      expect(response.status).toBe(422);
    }
    const stranger = await setLeaderboardOptIn(await token(6999), { optIn: true });
    expect(stranger.status).toBe(409);
    expect(
      (await setLeaderboardOptIn(await shopperToken({ shop, customerId: null }), { optIn: true }))
        .status,
    ).toBe(401);
  });

  it("keeps shops apart and drops a member whose data was erased", async () => {
    await leaderboardOn();
    await configureEngagement(otherShop, (settings) => ({
      ...settings,
      leaderboard: { enabled: true },
    }));
    await join(anna.id);
    const other = await (await getLeaderboard(await token(anna.id, otherShop))).json();
    expect(other).toMatchObject({ optedIn: false, entries: [] });

    await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: anna.id, email: anna.email, phone: null },
        orders_to_redact: [],
      },
      { shop },
    );
    expect(await getDb().leaderboardMember.count()).toBe(0);
    expect((await (await getLeaderboard(await token(boris.id))).json()).entries).toEqual([]);
  });
});
