// The engagement admin page (app/routes/app.engagement.tsx): loads the shop's settings and saves a
// validated document, or nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { DEFAULT_ENGAGEMENT } from "~/loyalty/engagement-schema";
import { loadEngagement } from "~/models/engagement.server";
import * as page from "~/routes/app.engagement";
import { installShop } from "../factories/shop";
import { adminRequest } from "../support/admin-session";

const shop = "engagement-admin.myshopify.com";
const otherShop = "engagement-admin-other.myshopify.com";

async function call(
  handler: typeof page.loader | typeof page.action,
  request: Request,
): Promise<Response> {
  try {
    return await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** `base`: the version the form was loaded with; by default the one stored now (a fresh form). */
async function save(settings: unknown, domain = shop, base?: string) {
  const stored = await getDb().engagementSettings.findUnique({ where: { shop: domain } });
  const body = new FormData();
  body.set("settings", typeof settings === "string" ? settings : JSON.stringify(settings));
  body.set("baseUpdatedAt", base ?? stored?.updatedAt.toISOString() ?? "");
  return call(page.action, await adminRequest(domain, "/app/engagement", { method: "POST", body }));
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

describe("engagement admin page", () => {
  it("loads the defaults with the program's tiers and the shop's currency", async () => {
    const response = await call(page.loader, await adminRequest(shop, "/app/engagement"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      tierNames: ["Member", "Silver", "Gold"],
      currencyCode: "USD",
      currencyExponent: 2,
    });
    expect(body.settings).toEqual(DEFAULT_ENGAGEMENT);
    expect(body.journeySteps.map((step: { days: number }) => step.days)).toEqual([14, 21, 28]);
  });

  it("saves switched-on features for this shop only", async () => {
    const changed = {
      ...DEFAULT_ENGAGEMENT,
      leaderboard: { enabled: true },
      badges: DEFAULT_ENGAGEMENT.badges.map((badge) => ({
        ...badge,
        enabled: badge.id === "first-order",
        bonusPoints: 25,
      })),
    };
    const response = await save(changed);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "saved" });
    const stored = await loadEngagement(getDb(), shop);
    expect(stored.leaderboard.enabled).toBe(true);
    expect(stored.badges.find((badge) => badge.id === "first-order")).toMatchObject({
      enabled: true,
      bonusPoints: 25,
    });
    expect(await loadEngagement(getDb(), otherShop)).toEqual(DEFAULT_ENGAGEMENT);
  });

  it("refuses invalid settings with each problem and keeps what was stored", async () => {
    await save({ ...DEFAULT_ENGAGEMENT, leaderboard: { enabled: true } });
    const response = await save({
      ...DEFAULT_ENGAGEMENT,
      badges: [
        { ...DEFAULT_ENGAGEMENT.badges[0], bonusPoints: -1 },
        { ...DEFAULT_ENGAGEMENT.badges[1], rule: { kind: "nth_order", orders: 0 } },
      ],
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toEqual({
      status: "invalid",
      errors: {
        "badges.0.bonusPoints": "Enter 0 or more",
        "badges.1.rule.orders": "Enter 2 or more",
      },
    });
    expect((await save("{not json")).status).toBe(422);
    expect((await loadEngagement(getDb(), shop)).leaderboard.enabled).toBe(true);
    expect((await loadEngagement(getDb(), shop)).badges).toEqual(DEFAULT_ENGAGEMENT.badges);
  });

  it("answers what a merchant typed wrong in plain words at the field, never zod's text", async () => {
    const response = await save({
      ...DEFAULT_ENGAGEMENT,
      badges: [
        { ...DEFAULT_ENGAGEMENT.badges[0], bonusPoints: "lots" },
        { ...DEFAULT_ENGAGEMENT.badges[2], rule: { kind: "big_order", minimumBase: "1.005" } },
      ],
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      status: "invalid",
      errors: {
        "badges.0.bonusPoints": "Enter a number, using digits only (no commas or spaces)",
        "badges.1.rule.minimumBase": "Enter a number, using digits only (no commas or spaces)",
      },
    });
  });

  it("refuses a save on top of someone else's newer save (409) instead of undoing it", async () => {
    await save({ ...DEFAULT_ENGAGEMENT, leaderboard: { enabled: true } });
    const loadedBefore = new Date(0).toISOString();
    const first = await save(DEFAULT_ENGAGEMENT, shop, "");
    expect(first.status).toBe(409);
    const stale = await save(DEFAULT_ENGAGEMENT, shop, loadedBefore);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ status: "conflict" });
    expect((await loadEngagement(getDb(), shop)).leaderboard.enabled).toBe(true);
  });

  it("keeps a badge's suggested text in step with its threshold, and a merchant's own text as written", async () => {
    const raised = DEFAULT_ENGAGEMENT.badges.map((badge) =>
      badge.rule.kind === "big_order"
        ? { ...badge, rule: { kind: "big_order", minimumBase: 30_000 } }
        : badge.rule.kind === "lifetime_spend"
          ? { ...badge, description: "Our biggest fans", rule: { ...badge.rule, amount: 250_000 } }
          : badge,
    );
    expect((await save({ ...DEFAULT_ENGAGEMENT, badges: raised })).status).toBe(200);
    const stored = (await loadEngagement(getDb(), shop)).badges;
    expect(stored.find((badge) => badge.id === "big-order")?.description).toBe(
      "One order of 300.00 or more",
    );
    expect(stored.find((badge) => badge.id === "spend-1000")?.description).toBe("Our biggest fans");
    // And again from the generated text: 300.00 → 1,250.00.
    const again = stored.map((badge) =>
      badge.id === "big-order"
        ? { ...badge, rule: { kind: "big_order", minimumBase: 125_000 } }
        : badge,
    );
    await save({ ...DEFAULT_ENGAGEMENT, badges: again });
    expect(
      (await loadEngagement(getDb(), shop)).badges.find((badge) => badge.id === "big-order")
        ?.description,
    ).toBe("One order of 1,250.00 or more");
  });

  it("requires an admin session: no token is sent to log in, and nothing is saved", async () => {
    const response = await call(page.loader, new Request("https://tally.test/app/engagement"));
    expect(response.status).toBe(302);
    const body = new FormData();
    body.set("settings", JSON.stringify({ ...DEFAULT_ENGAGEMENT, leaderboard: { enabled: true } }));
    expect(
      (
        await call(
          page.action,
          new Request("https://tally.test/app/engagement", { method: "POST", body }),
        )
      ).status,
    ).toBe(302);
    expect(await getDb().engagementSettings.count()).toBe(0);
  });
});
