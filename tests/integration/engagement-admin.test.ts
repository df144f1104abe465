// The engagement admin page (app/routes/app.engagement.tsx): loads the shop's settings and saves a
// validated document, or nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { DEFAULT_ENGAGEMENT } from "~/loyalty/engagement";
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

async function save(settings: unknown, domain = shop) {
  const body = new FormData();
  body.set("settings", typeof settings === "string" ? settings : JSON.stringify(settings));
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
    expect(await response.json()).toMatchObject({ ok: true });
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
    expect(body.ok).toBe(false);
    expect(body.errors.map((error: { path: string }) => error.path)).toEqual([
      "badges.0.bonusPoints",
      "badges.1.rule.orders",
    ]);
    expect((await save("{not json")).status).toBe(422);
    expect((await loadEngagement(getDb(), shop)).leaderboard.enabled).toBe(true);
    expect((await loadEngagement(getDb(), shop)).badges).toEqual(DEFAULT_ENGAGEMENT.badges);
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
