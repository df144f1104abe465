// Tier changes as a queued job (decision 041): a save that changes the tiers queues a run; the run
// is processed a page at a time under a lease, resumes from its cursor when its instance stops,
// and is done by one instance when two claim it. Meanwhile the shopper API never names a tier the
// member already reached.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { currentProgramVersion } from "~/models/program.server";
import { tierRunById } from "~/models/tier-run.server";
import { saveProgramSettings } from "~/services/program-settings.server";
import { advanceTierRuns, processTierRun, tierRunOverview } from "~/services/tier-run.server";
import { installShop } from "../factories/shop";
import { aMember, entry, tierOf } from "../support/members";
import { getLoyalty } from "../support/shopper-api";
import { shopperToken } from "../support/session-tokens";

const shop = "tier-runs.myshopify.com";
const QUALIFYING = 7;
const BELOW = 3;

let qualifying: string[];
let below: string[];

beforeEach(async () => {
  await installShop(getDb(), shop);
  qualifying = [];
  below = [];
  for (let i = 0; i < QUALIFYING; i++) {
    const id = await aMember(shop, 100 + i);
    await entry(shop, id, "earn", 6000, "2026-01-01T00:00:00Z");
    qualifying.push(id);
  }
  for (let i = 0; i < BELOW; i++) {
    const id = await aMember(shop, 200 + i);
    await entry(shop, id, "earn", 3000, "2026-01-01T00:00:00Z");
    below.push(id);
  }
  await getDb().customer.updateMany({ where: { shop }, data: { tierName: "Gold" } });
});

/** Saves the program with a Platinum tier at 5,000 points (the 7 qualifying members reach it). */
async function addPlatinum(options: { inlineMembers?: number; kick?: boolean }) {
  const { program, version } = await currentProgramVersion(getDb(), shop);
  return saveProgramSettings(
    getDb(),
    getSql(),
    shop,
    {
      program: {
        ...program,
        tiers: [...program.tiers, { name: "Platinum", threshold: 5000, multiplier: 200 }],
      },
      enabled: true,
      baseVersion: version,
    },
    "1",
    new Date(),
    options,
  );
}

const tiers = async (ids: string[]) => Promise.all(ids.map(tierOf));

describe("tier changes as a job", () => {
  it("a small shop's save answers after its run has finished, with what it did", async () => {
    const saved = await addPlatinum({});
    expect(saved).toMatchObject({ status: "saved", tiers: { checked: 10, upgraded: 7 } });
    expect(await tiers(qualifying)).toEqual(Array(QUALIFYING).fill("Platinum"));
    expect(await tiers(below)).toEqual(Array(BELOW).fill("Gold"));
    expect(await tierRunOverview(getSql(), shop)).toMatchObject({
      status: "done",
      total: 10,
      checked: 10,
      upgraded: 7,
    });
    const job = await getDb().jobStatus.findFirst({ where: { job: "tier-upgrades", shop } });
    expect(job).toMatchObject({ lastStatus: "ok", lastCounts: { checked: 10, upgraded: 7 } });
  });

  it("a larger shop's save queues the run; the shopper API never says 0 to go meanwhile; the job runner does it", async () => {
    const saved = await addPlatinum({ inlineMembers: 5, kick: false });
    expect(saved).toMatchObject({ status: "saved", tiers: null, tierRun: expect.any(String) });
    if (saved.status !== "saved") throw new Error("not saved");
    expect(await tierRunOverview(getSql(), shop)).toMatchObject({
      status: "queued",
      checked: 0,
    });
    expect(await tiers(qualifying)).toEqual(Array(QUALIFYING).fill("Gold"));

    // Still stored as Gold, yet the member is shown Platinum (reached), with no next tier to go.
    const member = await getDb().customer.findUniqueOrThrow({ where: { id: qualifying[0] } });
    const answer = await getLoyalty(
      await shopperToken({ shop, customerId: Number(member.shopifyCustomerId) }),
    );
    const body = (await answer.json()) as { tier: { name: string }; nextTier: unknown };
    expect(body.tier.name).toBe("Platinum");
    expect(body.nextTier).toBeNull();

    expect(await advanceTierRuns(getSql(), new Date())).toEqual({
      runs: 1,
      checked: 10,
      upgraded: 7,
    });
    expect(await tiers(qualifying)).toEqual(Array(QUALIFYING).fill("Platinum"));
    expect((await tierRunById(getSql(), saved.tierRun!))?.status).toBe("done");
    // Nothing left to claim.
    expect(await advanceTierRuns(getSql(), new Date())).toEqual({
      runs: 0,
      checked: 0,
      upgraded: 0,
    });
  });

  it("resumes from its cursor after its instance stopped mid-way, and nobody takes it while the claim holds", async () => {
    const saved = await addPlatinum({ inlineMembers: 5, kick: false });
    if (saved.status !== "saved" || !saved.tierRun) throw new Error("not queued");
    const id = saved.tierRun;
    // The first instance does a page of 3 members, then stops; its claim stays until it lapses.
    // PostgreSQL works 2 pages at once and reports finished pages together, so the first report
    // can already count 2 or 3 pages: whole pages, short of the shop's 10 members.
    await processTierRun(getSql(), id, new Date(), { pageSize: 3, stopAfterPages: 1 });
    const stopped = (await tierRunById(getSql(), id))!;
    expect(stopped).toMatchObject({ status: "running", total: 10 });
    expect([3, 6, 9]).toContain(stopped.checked);
    expect(stopped.cursor).not.toBe("");
    expect(await processTierRun(getSql(), id, new Date())).toEqual({ claimed: false });
    expect(await advanceTierRuns(getSql(), new Date())).toMatchObject({ runs: 0 });

    // The claim lapses: another instance resumes after the cursor.
    await getDb().tierReevaluationRun.update({
      where: { id },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    const resumed = await processTierRun(getSql(), id, new Date(), { pageSize: 3 });
    expect(resumed).toMatchObject({ claimed: true, run: { status: "done", checked: 10 } });
    expect(await tiers(qualifying)).toEqual(Array(QUALIFYING).fill("Platinum"));
    // Each member moved once, whatever page they were in.
    const moves = await getDb().tierChange.count({ where: { shop, toTier: "Platinum" } });
    expect(moves).toBe(QUALIFYING);
    expect(resumed.claimed && resumed.run.upgraded).toBe(QUALIFYING);
  });

  it("two instances claiming the same run: one does it", async () => {
    const saved = await addPlatinum({ inlineMembers: 5, kick: false });
    if (saved.status !== "saved" || !saved.tierRun) throw new Error("not queued");
    const outcomes = await Promise.all([
      processTierRun(getSql(), saved.tierRun, new Date(), { pageSize: 2 }),
      processTierRun(getSql(), saved.tierRun, new Date(), { pageSize: 2 }),
    ]);
    expect(outcomes.filter((outcome) => outcome.claimed)).toHaveLength(1);
    expect(await getDb().tierChange.count({ where: { shop, toTier: "Platinum" } })).toBe(
      QUALIFYING,
    );
    expect(await tierRunOverview(getSql(), shop)).toMatchObject({ status: "done", upgraded: 7 });
  });

  it("a newer save supersedes an unfinished run, whose holder stops", async () => {
    const first = await addPlatinum({ inlineMembers: 5, kick: false });
    if (first.status !== "saved" || !first.tierRun) throw new Error("not queued");
    await processTierRun(getSql(), first.tierRun, new Date(), { pageSize: 3, stopAfterPages: 1 });
    const { program, version } = await currentProgramVersion(getDb(), shop);
    const second = await saveProgramSettings(
      getDb(),
      getSql(),
      shop,
      {
        program: { ...program, tiers: program.tiers.map((t) => ({ ...t, multiplier: 110 })) },
        enabled: true,
        baseVersion: version,
      },
      "1",
      new Date(),
      { inlineMembers: 5, kick: false },
    );
    if (second.status !== "saved" || !second.tierRun) throw new Error("not queued");
    expect((await tierRunById(getSql(), first.tierRun))?.status).toBe("superseded");
    // The first holder's claim is gone: it cannot record progress nor finish it.
    expect(await processTierRun(getSql(), first.tierRun, new Date())).toEqual({ claimed: false });
    expect(await advanceTierRuns(getSql(), new Date())).toMatchObject({ runs: 1, checked: 10 });
    expect(await tiers(qualifying)).toEqual(Array(QUALIFYING).fill("Platinum"));
  });
});
