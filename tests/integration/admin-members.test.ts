import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { wordStored } from "~/i18n/coded-text";
import { en } from "~/i18n/en";
import { verifyLedger } from "~/models/ledger-verify.server";
import { memberSearchKeys } from "~/loyalty/search-key";
import { countMembers, listMembers } from "~/models/member-list.server";
import { loader as listLoader } from "~/routes/app.members._index";
import { action as memberAction, loader as memberLoader } from "~/routes/app.members.$id";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";
import { adminRequest, routeResult } from "../support/admin-request";

const shop = "admin-members.myshopify.com";
const otherShop = "other-members.myshopify.com";

async function member(
  data: {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    balance?: number;
    lifetimeEarned?: number;
    tierName?: string | null;
  },
  inShop = shop,
) {
  // Written directly (with chosen balances), with the search keys the app writes with the names.
  const { id, ...fields } = data;
  await getDb().customer.create({
    data: {
      shop: inShop,
      shopifyCustomerId: id,
      balance: 0,
      lifetimeEarned: 0,
      ...fields,
      ...memberSearchKeys(fields),
    },
  });
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  await member({
    id: "m1",
    email: "olga.nowak@example.com",
    firstName: "Olga",
    lastName: "Nowak",
    balance: 500,
    lifetimeEarned: 900,
  });
  await member({
    id: "m2",
    email: "piotr.smith@example.com",
    firstName: "Piotr",
    lastName: "Smith",
    balance: 1500,
    lifetimeEarned: 1500,
    tierName: "Silver",
  });
  await member({
    id: "m3",
    email: "ana.olsen@example.com",
    firstName: "Ana",
    lastName: "Olsen",
    balance: 1500,
    lifetimeEarned: 3000,
    tierName: "Gold",
  });
  await member({
    id: "m4",
    email: "zed@example.com",
    firstName: "Zed",
    lastName: "Brown",
    balance: 10,
    lifetimeEarned: 10,
    tierName: "Member",
  });
  await member(
    {
      id: "x1",
      email: "olga.other@example.com",
      firstName: "Olga",
      lastName: "Other",
      balance: 9999,
    },
    otherShop,
  );
});

async function list(query: string) {
  return routeResult<{ members: { shopifyCustomerId: string }[]; nextCursor: string | null }>(
    async () =>
      listLoader({
        request: await adminRequest(shop, `/app/members${query}`),
        params: {},
        context: {},
      }),
  );
}

const ids = (body: { members: { shopifyCustomerId: string }[] }) =>
  body.members.map((m) => m.shopifyCustomerId);

describe("members list", () => {
  it("sorts by balance (ties by id) and never shows another shop's members", async () => {
    const { status, body } = await list("");
    expect(status).toBe(200);
    expect(ids(body).sort()).toEqual(["m1", "m2", "m3", "m4"]);
    expect(ids(body).slice(2)).toEqual(["m1", "m4"]);
  });

  it("sorts by lifetime points", async () => {
    expect(ids((await list("?sort=lifetime")).body)).toEqual(["m3", "m2", "m1", "m4"]);
  });

  it("searches email, first name and last name prefixes, whatever the case", async () => {
    expect(ids((await list("?q=olga")).body)).toEqual(["m1"]);
    expect(ids((await list("?q=OLGA%20N")).body)).toEqual(["m1"]);
    expect(ids((await list("?q=smith")).body)).toEqual(["m2"]);
    expect(ids((await list("?q=ol")).body).sort()).toEqual(["m1", "m3"]); // olga.nowak@ and Olsen
    expect(ids((await list("?q=Smi")).body)).toEqual(["m2"]);
    expect(ids((await list("?q=nobody")).body)).toEqual([]);
  });

  it("filters by tier; the entry tier includes members with no tier recorded", async () => {
    expect(ids((await list("?tier=Gold")).body)).toEqual(["m3"]);
    expect(ids((await list("?tier=Member")).body)).toEqual(["m1", "m4"]);
  });

  it("pages with a cursor through every member exactly once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await listMembers(getSql(), shop, { sort: "balance", after, limit: 1 });
      seen.push(...page.members.map((m) => m.shopifyCustomerId));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it("goes back a page with the previous cursor, by either sort, with or without a tier or search", async () => {
    for (const query of [
      { sort: "balance" as const },
      { sort: "lifetime" as const },
      { sort: "balance" as const, tierNames: ["Member", null] },
      { sort: "balance" as const, search: "o" },
    ]) {
      const pages: string[][] = [];
      const previous: (string | null)[] = [];
      let after: string | null = null;
      do {
        const page = await listMembers(getSql(), shop, { ...query, after, limit: 1 });
        pages.push(page.members.map((m) => m.shopifyCustomerId));
        previous.push(page.previousCursor);
        after = page.nextCursor;
      } while (after);
      expect(previous[0]).toBeNull();
      // From the last page back to the first, each previous page is the one seen before it.
      let before = previous.at(-1) ?? null;
      for (let index = pages.length - 2; index >= 0; index--) {
        const page = await listMembers(getSql(), shop, { ...query, before, limit: 1 });
        expect(page.members.map((m) => m.shopifyCustomerId)).toEqual(pages[index]);
        expect(page.nextCursor).not.toBeNull();
        before = page.previousCursor;
        if (index === 0) expect(before).toBeNull();
      }
    }
  });

  it("counts the list's members, with a tier or a search", async () => {
    expect(await countMembers(getSql(), shop, {})).toEqual({ count: 4, atLeast: false });
    expect(await countMembers(getSql(), shop, { tierNames: ["Member", null] })).toEqual({
      count: 2,
      atLeast: false,
    });
    expect(await countMembers(getSql(), shop, { search: "ol" })).toEqual({
      count: 2,
      atLeast: false,
    });
    const page = await list("?q=ol");
    expect(page.body).toMatchObject({ total: { count: 2, atLeast: false } });
  });

  it("ranks only the first matches of a very broad search, and says so", async () => {
    await member({
      id: "m6",
      email: "olivia@example.com",
      firstName: "Olivia",
      lastName: "Young",
      balance: 9000,
    });
    // One candidate per field: "ol" matches olga.nowak@ and olivia@ (email), Olga and Olivia (first
    // name), Olsen (last name); only the first of each field in alphabetical order is ranked.
    const broad = await listMembers(getSql(), shop, {
      sort: "balance",
      search: "ol",
      limit: 10,
      candidates: 1,
    });
    expect(broad.searchTruncated).toBe(true);
    expect(broad.members.map((m) => m.shopifyCustomerId)).toEqual(["m3", "m1"]);
    const all = await listMembers(getSql(), shop, { sort: "balance", search: "ol", limit: 10 });
    expect(all).toMatchObject({ searchTruncated: false });
    expect(all.members.map((m) => m.shopifyCustomerId)).toEqual(["m6", "m3", "m1"]);
  });

  it("combines a search with a tier, by either sort, and pages through it exactly once", async () => {
    await member({
      id: "m6",
      email: "olivia@example.com",
      firstName: "Olivia",
      lastName: "Young",
      balance: 9000,
      lifetimeEarned: 200,
    });
    expect(ids((await list("?q=ol&tier=Gold")).body)).toEqual(["m3"]); // Olsen
    // The entry tier: m1 and m6 have no tier recorded; m4 (Member) does not match "ol".
    expect(ids((await list("?q=ol&tier=Member")).body)).toEqual(["m6", "m1"]);
    expect(ids((await list("?q=ol&tier=Member&sort=lifetime")).body)).toEqual(["m1", "m6"]);
    expect(ids((await list("?q=ol&tier=Silver")).body)).toEqual([]);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listMembers>> = await listMembers(getSql(), shop, {
        sort: "balance",
        search: "ol",
        tierNames: [null, "Member", "Gold"],
        after,
        limit: 1,
      });
      seen.push(...page.members.map((m) => m.shopifyCustomerId));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual(["m6", "m3", "m1"]);
  });

  it("takes a broad search's candidates before the tier filter, so a rare tier reads no more of the range", async () => {
    await member({
      id: "m6",
      email: "olivia@example.com",
      firstName: "Olivia",
      lastName: "Young",
      balance: 9000,
      tierName: "Gold",
    });
    // One candidate per field: email "ol" → olga.nowak@ (m1, entry tier), first name "Ol" → Olga (m1),
    // last name "Ol" → Olsen (m3, Gold). Olivia (Gold) is past the cut in both of her fields.
    const gold = await listMembers(getSql(), shop, {
      sort: "balance",
      search: "ol",
      tierNames: ["Gold"],
      limit: 10,
      candidates: 1,
    });
    expect(gold).toMatchObject({ searchTruncated: true });
    expect(gold.members.map((m) => m.shopifyCustomerId)).toEqual(["m3"]);
    const all = await listMembers(getSql(), shop, {
      sort: "balance",
      search: "ol",
      tierNames: ["Gold"],
      limit: 10,
    });
    expect(all).toMatchObject({ searchTruncated: false });
    expect(all.members.map((m) => m.shopifyCustomerId)).toEqual(["m6", "m3"]);
  });

  it("answers 400 to a forged cursor", async () => {
    expect((await list("?after=bm90LWEtY3Vyc29y")).status).toBe(400);
  });
});

describe("member page and points adjustment", () => {
  async function memberId(shopifyCustomerId: string, inShop = shop) {
    return (
      await getDb().customer.findUniqueOrThrow({
        where: { shop_shopifyCustomerId: { shop: inShop, shopifyCustomerId } },
      })
    ).id;
  }
  async function adjust(id: string, fields: Record<string, string>) {
    const form = { intent: "adjust", ...fields };
    return routeResult<Record<string, unknown>>(async () =>
      memberAction({
        request: await adminRequest(shop, `/app/members/${id}`, { form, staffUserId: "31" }),
        params: { id },
        context: {},
      }),
    );
  }

  it("records an adjust entry with reason and staff id, once per form nonce", async () => {
    // Balances seeded directly have no ledger behind them; adjust a fresh member so verify holds.
    await member({ id: "m5", email: "new@example.com", firstName: "New", lastName: "Member" });
    const id = await memberId("m5");
    const form = { points: "250", reason: "Goodwill for a late parcel", nonce: "nonce-0001" };
    expect(await adjust(id, form)).toEqual({
      status: 200,
      body: { status: "applied", points: 250 },
    });
    expect(await adjust(id, form)).toEqual({
      status: 200,
      body: { status: "duplicate", points: 250 },
    });
    const entries = await getDb().ledgerEntry.findMany({ where: { customerId: id } });
    expect(entries).toEqual([
      expect.objectContaining({
        kind: "adjust",
        points: 250,
        reason: "Goodwill for a late parcel",
        staffId: "31",
        idempotencyKey: "adjust:nonce-0001",
      }),
    ]);
    expect((await getDb().customer.findUniqueOrThrow({ where: { id } })).balance).toBe(250);
    expect(await getDb().metafieldOutbox.count({ where: { customerId: id } })).toBe(1);
    expect(
      (await verifyLedger(getDb(), shop, new Date())).mismatches.filter((m) => m.customerId === id),
    ).toEqual([]);

    const page = await routeResult<{
      entries: { kind: string; staffId: string }[];
      member: { balance: number };
    }>(async () =>
      memberLoader({
        request: await adminRequest(shop, `/app/members/${id}`),
        params: { id },
        context: {},
      }),
    );
    expect(page.body.member.balance).toBe(250);
    expect(page.body.entries).toEqual([expect.objectContaining({ kind: "adjust", staffId: "31" })]);
  });

  it("words the history for staff, dates orders, lists redemptions with codes and links to Shopify", async () => {
    await getDb().shop.update({ where: { shop }, data: { timeZone: "America/New_York" } });
    const paid = await deliver(
      "orders/paid",
      orderPayload({ id: 368, customer: { id: 7368 }, lines: [{ price: 12000 }] }),
      { shop },
    );
    expect(paid.status).toBe(200);
    const id = await memberId("7368");
    await adjust(id, { points: "30", reason: "Late parcel", nonce: "nonce-wording" });
    const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
    await getDb().redemption.create({
      data: {
        id: "red-1",
        shop,
        customerId: id,
        rewardId: reward.id,
        points: 500,
        status: "issued",
        code: "TALLY-ABC123",
        expiresAt: new Date("2027-01-06T12:00:00Z"),
        idempotencyKey: "k-wording",
        requestHash: "h",
      },
    });
    const order = await getDb().order.findFirstOrThrow({ where: { shop, customerId: id } });
    const page = await routeResult<{
      timeZone: string;
      shopifyCustomerUrl: string | null;
      entries: { kind: string; description: string }[];
      orders: { name: string | null; placedAt: string }[];
      redemptions: { rewardTitle: string; code: string; status: string; statusText: string }[];
    }>(async () =>
      memberLoader({
        request: await adminRequest(shop, `/app/members/${id}`),
        params: { id },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    expect(page.body.timeZone).toBe("America/New_York");
    expect(page.body.shopifyCustomerUrl).toBe(
      "https://admin.shopify.com/store/admin-members/customers/7368",
    );
    expect(page.body.entries.map((entry) => entry.description)).toEqual([
      "Adjusted by staff: Late parcel (staff 31)",
      `Order ${order.name ?? "#368"} paid`,
    ]);
    expect(page.body.orders[0].placedAt).toBe(order.placedAt.toISOString());
    expect(page.body.redemptions).toEqual([
      expect.objectContaining({
        rewardTitle: reward.title,
        code: "TALLY-ABC123",
        status: "issued",
        statusText: "Code issued, not used yet",
      }),
    ]);
  });

  it("pages the points history, newest first, without gaps or repeats", async () => {
    const id = await memberId("m1");
    for (let i = 0; i < 55; i++)
      await adjust(id, {
        points: "1",
        reason: `Entry ${i}`,
        nonce: `nonce-page-${String(i).padStart(3, "0")}`,
      });
    const load = async (query: string) =>
      (
        await routeResult<{ entries: { reason: string }[]; olderEntries: string | null }>(
          async () =>
            memberLoader({
              request: await adminRequest(shop, `/app/members/${id}${query}`),
              params: { id },
              context: {},
            }),
        )
      ).body;
    const first = await load("");
    expect(first.entries).toHaveLength(50);
    expect(first.olderEntries).not.toBeNull();
    const second = await load(`?before=${first.olderEntries}`);
    expect(second.olderEntries).toBeNull();
    const reasons = [...first.entries, ...second.entries].map((entry) => entry.reason);
    expect(new Set(reasons).size).toBe(55);
    expect(reasons).toHaveLength(55);
  });

  it("pins a member to a tier with a reason recorded against the staff member, and removes the pin", async () => {
    const id = await memberId("m4");
    const override = async (form: Record<string, string>, inShop = shop) =>
      routeResult<Record<string, unknown>>(async () =>
        memberAction({
          request: await adminRequest(inShop, `/app/members/${id}`, {
            form: { intent: "tierOverride", ...form },
            staffUserId: "31",
          }),
          params: { id },
          context: {},
        }),
      );

    expect(await override({ tierName: "Gold", reason: "VIP guest" })).toMatchObject({
      status: 200,
      body: { status: "tierOverridden", tierName: "Gold", override: "Gold", changed: true },
    });
    expect(await getDb().customer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tierName: "Gold",
      tierOverride: "Gold",
    });
    const [change] = await getDb().tierChange.findMany({ where: { customerId: id } });
    expect(change).toMatchObject({ fromTier: "Member", toTier: "Gold" });
    expect(wordStored(change.reason, en.tierReasons)).toBe("override set by staff 31: VIP guest");

    const page = await routeResult<{
      member: { tierOverride: string | null };
      tierNames: string[];
    }>(async () =>
      memberLoader({
        request: await adminRequest(shop, `/app/members/${id}`),
        params: { id },
        context: {},
      }),
    );
    expect(page.body.member.tierOverride).toBe("Gold");
    expect(page.body.tierNames).toEqual(["Member", "Silver", "Gold"]);

    // Removing the pin returns the member to the tier their points earn (10 lifetime points: Member).
    expect(await override({ tierName: "", reason: "Guest period over" })).toMatchObject({
      status: 200,
      body: { tierName: "Member", override: null, changed: true },
    });
    expect(await getDb().customer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tierName: "Member",
      tierOverride: null,
    });
  });

  it("refuses a tier override without a reason or to a tier the program lacks, and another shop's member", async () => {
    const id = await memberId("m4");
    const override = async (form: Record<string, string>, inShop = shop) =>
      routeResult<Record<string, unknown>>(async () =>
        memberAction({
          request: await adminRequest(inShop, `/app/members/${id}`, {
            form: { intent: "tierOverride", ...form },
            staffUserId: "31",
          }),
          params: { id },
          context: {},
        }),
      );
    expect(await override({ tierName: "Gold", reason: " " })).toMatchObject({
      status: 422,
      body: { errors: { reason: expect.stringContaining("Say why") } },
    });
    expect(await override({ tierName: "Platinum", reason: "Typo" })).toMatchObject({
      status: 422,
      body: { errors: { tierName: expect.stringContaining("no tier") } },
    });
    expect((await override({ tierName: "Gold", reason: "Wrong shop" }, otherShop)).status).toBe(
      404,
    );
    expect(await getDb().tierChange.count()).toBe(0);
    expect((await getDb().customer.findUniqueOrThrow({ where: { id } })).tierOverride).toBeNull();
  });

  it("requires a reason and a non-zero whole number (422 at the field)", async () => {
    const id = await memberId("m1");
    const result = await adjust(id, { points: "1.5", reason: "", nonce: "nonce-0002" });
    expect(result.status).toBe(422);
    expect(result.body.errors).toMatchObject({
      points: "Enter a whole number of points",
      reason: expect.stringContaining("Say why"),
    });
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });

  it.each([
    ["abc", "Enter a number"],
    ["1,000", "Enter a number"],
    ["", "Enter a number other than 0"],
    ["0", "Enter a number other than 0"],
    ["1.5", "Enter a whole number of points"],
    ["-99999999", "Adjust at most 1,000,000 points at a time"],
  ])(
    "answers points %j with a sentence under the field (422) and adjusts nothing",
    async (points, message) => {
      const id = await memberId("m1");
      const result = await adjust(id, { points, reason: "Goodwill", nonce: "nonce-0007" });
      expect(result.status).toBe(422);
      expect(result.body).toEqual({
        status: "invalid",
        errors: { points: expect.stringContaining(message) },
      });
      expect(await getDb().ledgerEntry.count()).toBe(0);
    },
  );

  it("answers a post without a known intent with 400 instead of adjusting points", async () => {
    const id = await memberId("m1");
    const form = { points: "25", reason: "Goodwill", nonce: "nonce-0008" };
    for (const intent of [undefined, "refund"]) {
      const result = await routeResult<Record<string, unknown>>(async () =>
        memberAction({
          request: await adminRequest(shop, `/app/members/${id}`, {
            form: intent === undefined ? form : { ...form, intent },
          }),
          params: { id },
          context: {},
        }),
      );
      expect(result).toMatchObject({ status: 400, body: { status: "bad_request" } });
    }
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });

  it("cannot remove more points than the member has", async () => {
    const id = await memberId("m4");
    const result = await adjust(id, { points: "-11", reason: "Correction", nonce: "nonce-0003" });
    expect(result).toEqual({
      status: 422,
      body: { status: "invalid", errors: { points: "The member has only 10 points to remove." } },
    });
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });

  it("refuses, at the field, an adjustment that would take the member past what a balance holds", async () => {
    const id = await memberId("m4");
    await getDb().customer.update({
      where: { id },
      data: { balance: 2_147_000_000, lifetimeEarned: 2_147_000_000 },
    });
    const result = await adjust(id, { points: "900000", reason: "Goodwill", nonce: "nonce-0005" });
    expect(result).toEqual({
      status: 422,
      body: {
        status: "invalid",
        errors: {
          points:
            "That would take the member past 2,147,483,647 points, the most one member can hold.",
        },
      },
    });
    expect(await getDb().ledgerEntry.count({ where: { customerId: id } })).toBe(0);
    expect(
      (await adjust(id, { points: "400000", reason: "Goodwill", nonce: "nonce-0006" })).status,
    ).toBe(200);
  });

  it("does not show or adjust another shop's member", async () => {
    const foreign = await memberId("x1", otherShop);
    expect(
      (await adjust(foreign, { points: "5", reason: "Nope", nonce: "nonce-0004" })).status,
    ).toBe(404);
    const page = await routeResult(async () =>
      memberLoader({
        request: await adminRequest(shop, `/app/members/${foreign}`),
        params: { id: foreign },
        context: {},
      }),
    );
    expect(page.status).toBe(404);
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });
});
