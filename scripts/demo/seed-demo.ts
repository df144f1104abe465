// Seeds the demo shop with a year that looks like a running program (issue 20 item 8): customers
// join over the year, orders follow a weekly rhythm with a growing trend and a Black Friday spike,
// some are refunded or cancelled, members redeem rewards (most codes used on a later order, some
// handed back, some left to expire), points mature and expire, tiers go up and down, badges are
// earned, a friend's first order pays a referral, members sign in for the first time, one has a
// birthday today, and a few deliveries are kept as dead letters.
//
// Everything goes through the paths production uses, in-process and in time order: every delivery
// is signed and passes the webhook pipeline's admit + apply (apply told the delivery's own time,
// which only a trusted in-process caller can do), redemptions, releases, referral links, birthdays
// and sign-ins go through their services, and the periodic jobs run at the end of every simulated
// day. Deterministic (seeded random); the caller seeds a shop only once.
import { getResponse } from "msw";
import { seededRandom, type Random } from "../../tests/factories/random";
import {
  customerPayload,
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../../tests/factories/webhook-payloads";
import { webhookHeaders } from "../../tests/factories/webhook-request";
import { installShop } from "../../tests/factories/shop";
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { getDb, getSql, type Db } from "../../app/db.server";
import type { SqlDatabase } from "../../app/db/sql.server";
import { JOBS } from "../../app/jobs/jobs.server";
import { runJob } from "../../app/jobs/registry.server";
import { DEFAULT_ENGAGEMENT } from "../../app/loyalty/engagement-schema";
import { findCustomer } from "../../app/models/customer.server";
import { enabledRewards } from "../../app/models/reward.server";
import {
  currentProgramVersion,
  saveProgramVersion,
  shopContext,
  type ShopContext,
} from "../../app/models/program.server";
import { setShopperBirthday } from "../../app/services/birthdays.server";
import { updateEngagement } from "../../app/services/engagement-settings.server";
import { recordSignIn } from "../../app/services/first-login.server";
import { maturePendingPoints } from "../../app/services/pending-maturation.server";
import { expireShopPoints } from "../../app/services/point-expiry.server";
import { redeemReward } from "../../app/services/redeem.server";
import { cancelIssuedRedemption } from "../../app/services/redemption-cancel.server";
import { sweepExpiredRedemptions } from "../../app/services/redemption-release.server";
import {
  completeShopReferrals,
  openReferralLink,
  referralCodeOfMember,
} from "../../app/services/referrals.server";
import { reevaluateShopTiers } from "../../app/services/tier-reevaluation.server";
import type { AdminGraphqlClient } from "../../app/shopify/admin-client.server";
import { pipelineForTopic } from "../../app/webhooks/topics.server";

const FIRST_NAMES = [
  "Avery",
  "Jordan",
  "Mila",
  "Noah",
  "Olga",
  "Piotr",
  "Sofia",
  "Liam",
  "Zofia",
  "Ivan",
  "Emma",
  "Lucas",
  "Chloé",
  "Mateo",
  "Hana",
  "Aiko",
];
const LAST_NAMES = [
  "Kowalski",
  "Smith",
  "Ivanova",
  "Nowak",
  "García",
  "Tanaka",
  "Dubois",
  "Rossi",
  "Müller",
  "Brown",
];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DAYS = 365;
const FIRST_CUSTOMER_ID = 800_000;

/**
 * Seeded customers with a fixed part (by index, so the 20-customer browser-test shop has them too).
 * The browser tests rely on QUIET never earning anything (the storefront test gives them their first
 * order).
 */
const ROLE = {
  /** Signs in (first login bonus), sets today as their birthday a month ago; paid today. */
  birthday: 2,
  /** Shares their referral link twice: one friend's order is past the window (paid), one not yet. */
  advocate: 3,
  quiet: 4,
  friendPaid: 5,
  friendPending: 6,
} as const;

/** Share of a week's orders by weekday (Sunday first): weekends sell more. */
const WEEKDAY_WEIGHT = [1.3, 0.75, 0.8, 0.9, 1.0, 1.2, 1.55];

export interface SeedOptions {
  shop: string;
  secret: string;
  customers: number;
  /** The end of the seeded year (the demo's start). */
  now: Date;
}

export interface SeedSummary {
  deliveries: number;
  orders: number;
  redemptions: number;
  deadLetters: number;
}

interface Customer {
  index: number;
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  street: string;
}

type SeedEvent =
  | { at: number; kind: "customer"; customer: Customer }
  | { at: number; kind: "order"; spec: OrderSpec; intent: Intent }
  | { at: number; kind: "refund"; spec: OrderSpec }
  | { at: number; kind: "cancel"; spec: OrderSpec }
  | { at: number; kind: "sign-in"; customer: Customer }
  | { at: number; kind: "referral-link"; advocate: Customer; friend: Customer }
  | { at: number; kind: "birthday"; customer: Customer }
  | { at: number; kind: "dead-letter"; topic: string; sentAs: string; payload: unknown };

/** What the member does with their points around an order (decided when the year is planned). */
type Intent =
  /** Redeems just before the order, which carries the code. */
  | "redeem-and-use"
  /** Redeems after the order and never uses the code: the expiry sweep gives the points back. */
  | "redeem-and-forget"
  /** Redeems after the order and hands the code back the next day. */
  | "redeem-and-release"
  | "none";

/** The Black Friday weekend (Friday to Cyber Monday) of the last November inside the year. */
function saleDays(start: Date): Set<number> {
  const last = start.getTime() + (DAYS - 1) * DAY_MS;
  for (let year = new Date(last).getUTCFullYear(); year >= start.getUTCFullYear(); year--) {
    const weekdayOfFirst = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const thanksgiving = 1 + ((4 - weekdayOfFirst + 7) % 7) + 21;
    const friday = Date.UTC(year, 10, thanksgiving + 1);
    if (friday >= start.getTime() && friday + 3 * DAY_MS <= last) {
      const first = Math.round((friday - start.getTime()) / DAY_MS);
      return new Set([first, first + 1, first + 2, first + 3]);
    }
  }
  return new Set();
}

/** Picks days in proportion to how busy they are: weekday rhythm, a growing shop, the sale. */
function dayPicker(start: Date, random: Random) {
  const sale = saleDays(start);
  const cumulative: number[] = [];
  let total = 0;
  for (let day = 0; day < DAYS; day++) {
    const weekday = new Date(start.getTime() + day * DAY_MS).getUTCDay();
    total += WEEKDAY_WEIGHT[weekday] * (0.85 + (0.3 * day) / DAYS) * (sale.has(day) ? 4.5 : 1);
    cumulative.push(total);
  }
  const before = (day: number) => (day > 0 ? cumulative[day - 1] : 0);
  /** A day in [from, to], busier days more likely. */
  return (from: number, to: number): number => {
    const target = before(from) + random.next() * (cumulative[to] - before(from));
    let low = from;
    let high = to;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

function plan(options: SeedOptions, random: Random): { start: Date; events: SeedEvent[] } {
  const nowMs = options.now.getTime();
  const start = new Date(Math.floor(nowMs / DAY_MS) * DAY_MS - (DAYS - 1) * DAY_MS);
  const dayStart = (day: number) => start.getTime() + day * DAY_MS;
  const pickDay = dayPicker(start, random);
  const events: SeedEvent[] = [];
  let orderId = 1_000_000;

  /** `kept`: never refunded or cancelled (a friend's referred order). */
  const placeOrder = (customer: Customer | null, at: number, intent: Intent, kept = false) => {
    const spec: OrderSpec = {
      id: orderId++,
      customer,
      createdAt: new Date(at).toISOString(),
      lines: Array.from({ length: random.int(1, 4) }, () => ({
        price: random.int(8, 180) * 100 - 1,
        quantity: random.int(1, 3),
        discount: random.chance(0.2) ? 500 : 0,
      })),
      shippingStreet: customer?.street,
    };
    events.push({ at, kind: "order", spec, intent });
    if (random.chance(0.06)) {
      if (at + 5 * DAY_MS < nowMs && !kept)
        events.push({ at: at + 5 * DAY_MS, kind: "refund", spec });
    } else if (random.chance(0.02) && at + DAY_MS < nowMs && !kept) {
      events.push({ at: at + DAY_MS, kind: "cancel", spec });
    }
  };

  const customers: Customer[] = Array.from({ length: options.customers }, (_, index) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    return {
      index,
      id: FIRST_CUSTOMER_ID + index,
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
      firstName,
      lastName,
      street: `${100 + index} Demo Street`,
    };
  });
  for (const customer of customers) {
    const { index } = customer;
    const friendDays = { [ROLE.friendPaid]: 42, [ROLE.friendPending]: 9 } as Record<number, number>;
    // Friends join when they are referred; 40% were customers when the year began, the others join
    // within its first ten months.
    const joinDay = friendDays[index]
      ? DAYS - friendDays[index]
      : random.chance(0.4)
        ? random.int(0, 6)
        : pickDay(0, DAYS - 60);
    const joinedAt = dayStart(joinDay) + random.int(7 * HOUR_MS, 20 * HOUR_MS);
    events.push({ at: joinedAt, kind: "customer", customer });
    if (index === ROLE.quiet) continue;
    if (friendDays[index]) {
      // The friend opens the advocate's link, then orders with the code it gave them (the
      // order carries the code when it is applied).
      const advocate = customers[ROLE.advocate];
      events.push({ at: joinedAt + HOUR_MS, kind: "referral-link", advocate, friend: customer });
      placeOrder(customer, joinedAt + 2 * HOUR_MS, "none", true);
      continue;
    }
    const regular = index === ROLE.advocate || index === ROLE.birthday;
    // Orders in proportion to the time as a customer (up to ten a year).
    const share = (DAYS - joinDay) / DAYS;
    const orders = regular
      ? random.int(4, 7)
      : random.chance(0.15)
        ? 0
        : Math.max(1, Math.round(random.int(1, 10) * share));
    const days = Array.from({ length: orders }, () => pickDay(joinDay, DAYS - 1));
    for (const day of days.sort((a, b) => a - b)) {
      const at = Math.min(
        Math.max(dayStart(day) + random.int(8 * HOUR_MS, 22 * HOUR_MS), joinedAt + HOUR_MS),
        nowMs - HOUR_MS,
      );
      const roll = random.next();
      const intent: Intent =
        roll < 0.3
          ? "redeem-and-use"
          : roll < 0.35
            ? "redeem-and-forget"
            : roll < 0.4
              ? "redeem-and-release"
              : "none";
      placeOrder(random.chance(0.92) || regular ? customer : null, at, intent);
    }
    // A third of members open their Rewards page within a few weeks of joining (first login).
    const signIn = joinedAt + random.int(1, 20) * DAY_MS;
    if ((random.chance(0.35) || index === ROLE.birthday) && signIn < nowMs)
      events.push({ at: signIn, kind: "sign-in", customer });
    if (index === ROLE.birthday)
      events.push({ at: nowMs - 30 * DAY_MS, kind: "birthday", customer });
  }

  // A few deliveries Tally keeps for the merchant (decision 029): an order in another currency, a
  // price with more decimals than the currency has, an update sent to the paid orders' address.
  const someone = customers[Math.min(7, customers.length - 1)];
  const yen = orderPayload({ id: 1_900_001, customer: someone, lines: [{ price: 5000 }] });
  yen.line_items[0].price_set.shop_money = { amount: "5000", currency_code: "JPY" };
  yen.total_price_set.shop_money = { amount: "5000", currency_code: "JPY" };
  const inexact = orderPayload({ id: 1_900_002, customer: someone, lines: [{ price: 1900 }] });
  inexact.line_items[0].price_set.shop_money.amount = "19.005";
  const updated = orderPayload({ id: 1_900_003, customer: someone, lines: [{ price: 2500 }] });
  const paid = "orders/paid";
  events.push(
    { at: nowMs - 16 * DAY_MS, kind: "dead-letter", topic: paid, sentAs: paid, payload: inexact },
    {
      at: nowMs - 9 * DAY_MS,
      kind: "dead-letter",
      topic: paid,
      sentAs: "orders/updated",
      payload: updated,
    },
    { at: nowMs - 3 * DAY_MS, kind: "dead-letter", topic: paid, sentAs: paid, payload: yen },
  );
  return { start, events: events.sort((a, b) => a.at - b.at) };
}

/**
 * Per-shop jobs as JOBS runs them, for the end of each simulated day. Tiers are re-evaluated once a
 * week: a trailing 12-month window moves little in a day, and the pass over every member is the
 * costliest job (≈ 2 of the seed's 8 CPU seconds when it ran daily).
 */
async function endOfDay(
  sql: SqlDatabase,
  shop: string,
  adminFor: AdminFor,
  now: Date,
  day: number,
) {
  await maturePendingPoints(sql, shop, now);
  await completeShopReferrals(sql, shop, now);
  await sweepExpiredRedemptions(sql, adminFor, now);
  await expireShopPoints(sql, shop, now);
  if (day % 7 === 6) await reevaluateShopTiers(sql, shop, now);
}

type AdminFor = (shop: string) => Promise<AdminGraphqlClient | null>;

/** The Admin API stand-in in this process, asked directly (no global fetch interception). */
function standinAdmin(shop: string): AdminGraphqlClient {
  const standin = createAdminApiStandin();
  return createFetchAdminClient({
    shop,
    fetch: async (input, init) =>
      (await getResponse(standin.handlers, new Request(input, init))) ??
      new Response("Not Found", { status: 404 }),
  });
}

/** The demo's program: the defaults, with the rules that make a year eventful switched on. */
async function configureProgram(db: Db, shop: string, start: Date): Promise<void> {
  const { program } = await currentProgramVersion(db, shop);
  const version = await saveProgramVersion(
    db,
    shop,
    {
      ...program,
      pendingDays: 14,
      expiry: { mode: "after_inactivity", days: 180 },
      birthday: { ...program.birthday, enabled: true },
      accountActivation: { ...program.accountActivation, enabled: true },
      referrals: { ...program.referrals, enabled: true },
    },
    "local-demo",
  );
  // Saved when the year began, as a merchant running it would have (point expiry reads this time).
  await db.programVersion.update({ where: { id: version.id }, data: { createdAt: start } });
  // Every badge but "First order", which the browser tests switch on themselves.
  const badges = DEFAULT_ENGAGEMENT.badges.map((badge) => ({
    ...badge,
    enabled: badge.rule.kind !== "first_order",
  }));
  const saved = await updateEngagement(db, shop, { ...DEFAULT_ENGAGEMENT, badges }, null, start);
  if (saved.status !== "saved") throw new Error(`demo engagement settings: ${saved.status}`);
}

export async function seedDemoShop(options: SeedOptions): Promise<SeedSummary> {
  const db = getDb();
  const sql = getSql();
  const { shop, secret } = options;
  const random = seededRandom(2026);
  const { start, events } = plan(options, random);
  await installShop(db, shop);
  await configureProgram(db, shop, start);
  const admin = standinAdmin(shop);
  const adminFor: AdminFor = async () => admin;
  const context = async (): Promise<ShopContext> => (await shopContext(sql, shop))!;
  const [reward] = await enabledRewards(sql, shop);
  const summary: SeedSummary = { deliveries: 0, orders: 0, redemptions: 0, deadLetters: 0 };

  /** `sentAs`: the topic the headers name, when it is not the address's (a dead letter). */
  const deliver = async (topic: string, payload: unknown, at: number, sentAs = topic) => {
    const body = JSON.stringify(payload);
    const webhookId = `tally-demo-${++summary.deliveries}`;
    const headers = new Headers(webhookHeaders(body, { shop, topic: sentAs, secret, webhookId }));
    const pipeline = pipelineForTopic(topic)!;
    const admitted = pipeline.admit(headers, body);
    if (admitted instanceof Response)
      throw new Error(`${topic} refused: ${admitted.status} ${await admitted.text()}`);
    const response = await pipeline.apply(admitted, { now: new Date(at) });
    const answer = (await response.json()) as { deadLetter?: unknown };
    if (answer.deadLetter) summary.deadLetters++;
  };
  const memberOf = async (customer: Customer) =>
    (await findCustomer(db, shop, String(customer.id)))!;
  /** Redeems the shop's reward if the member has the points; the redemption's code, or null. */
  const redeem = async (customer: Customer, at: number) => {
    const member = await memberOf(customer);
    if (!reward || member.balance < reward.cost) return null;
    const outcome = await redeemReward(sql, async () => admin, {
      shop: await context(),
      customerId: member.id,
      shopifyCustomerId: String(customer.id),
      rewardId: reward.id,
      idempotencyKey: `demo-${summary.redemptions}`,
      now: new Date(at),
    });
    if (!outcome.ok) return null;
    summary.redemptions++;
    return outcome.redemption;
  };
  const friendCodes = new Map<number, string>();
  const releases: { at: number; customer: Customer; redemptionId: string }[] = [];

  let day = 0;
  const dayEnd = (index: number) => start.getTime() + (index + 1) * DAY_MS - 1;
  for (const event of events) {
    // The jobs of every day that ended before this event.
    while (dayEnd(day) < event.at) {
      const due = releases.filter((release) => release.at <= dayEnd(day));
      releases.splice(0, releases.length, ...releases.filter((release) => !due.includes(release)));
      for (const release of due) {
        await cancelIssuedRedemption(
          sql,
          async () => admin,
          shop,
          String(release.customer.id),
          release.redemptionId,
          new Date(release.at),
        );
      }
      await endOfDay(sql, shop, adminFor, new Date(dayEnd(day)), day);
      day++;
    }
    switch (event.kind) {
      case "customer":
        await deliver(
          "customers/create",
          customerPayload({ ...event.customer, createdAt: new Date(event.at).toISOString() }),
          event.at,
        );
        break;
      case "order": {
        const customer = event.spec.customer as Customer | null;
        const codes: string[] = [];
        const friendCode = customer ? friendCodes.get(customer.id) : undefined;
        if (friendCode) codes.push(friendCode);
        if (customer && event.intent === "redeem-and-use") {
          const redemption = await redeem(customer, event.at - 2 * HOUR_MS);
          if (redemption?.code) codes.push(redemption.code);
        }
        await deliver(
          "orders/paid",
          orderPayload({ ...event.spec, discountCodes: codes }),
          event.at,
        );
        summary.orders++;
        // Codes that are not used: only where their lifetime ends inside the year.
        const lifetime = (reward?.codeLifetimeDays ?? 30) * DAY_MS;
        if (customer && event.intent !== "none" && event.intent !== "redeem-and-use")
          if (event.at + DAY_MS + lifetime < options.now.getTime()) {
            const redemption = await redeem(customer, event.at + HOUR_MS);
            if (redemption && event.intent === "redeem-and-release")
              releases.push({ at: event.at + DAY_MS, customer, redemptionId: redemption.id });
          }
        break;
      }
      case "refund": {
        const line = event.spec.lines[0];
        const refund = {
          id: event.spec.id * 10,
          orderId: event.spec.id,
          lines: [
            {
              lineId: lineIdFor(event.spec, 0),
              quantity: 1,
              subtotal: line.price - Math.floor((line.discount ?? 0) / (line.quantity ?? 1)),
            },
          ],
          createdAt: new Date(event.at).toISOString(),
        };
        await deliver("refunds/create", refundPayload(refund), event.at);
        break;
      }
      case "cancel": {
        const cancelledAt = new Date(event.at).toISOString();
        await deliver(
          "orders/cancelled",
          orderPayload({
            ...event.spec,
            cancelledAt,
            updatedAt: cancelledAt,
            financialStatus: "refunded",
          }),
          event.at,
        );
        break;
      }
      case "sign-in":
        await recordSignIn(sql, await context(), String(event.customer.id), new Date(event.at));
        break;
      case "referral-link": {
        const code = await referralCodeOfMember(sql, (await memberOf(event.advocate)).id);
        const opened = await openReferralLink(
          sql,
          async () => admin,
          // One address per friend: the fraud screen holds many links from one IP.
          { shop, code, ip: `203.0.113.${event.friend.index % 250}` },
          new Date(event.at),
        );
        if (opened.status !== "redirect") throw new Error(`demo referral link: ${opened.status}`);
        friendCodes.set(event.friend.id, opened.code);
        break;
      }
      case "birthday": {
        const today = { month: options.now.getUTCMonth() + 1, day: options.now.getUTCDate() };
        const set = await setShopperBirthday(
          sql,
          await context(),
          String(event.customer.id),
          today,
          new Date(event.at),
        );
        if (set.status !== "set") throw new Error(`demo birthday: ${set.status}`);
        break;
      }
      case "dead-letter":
        await deliver(event.topic, event.payload, event.at, event.sentAs);
        break;
    }
  }
  while (dayEnd(day) < options.now.getTime()) {
    await endOfDay(sql, shop, adminFor, new Date(dayEnd(day)), day);
    day++;
  }
  // Today: the jobs as the scheduler runs them (their runs are what the Jobs page shows).
  const ctx = { db, sql, now: options.now, adminFor };
  for (const name of [
    "pending-maturation",
    "referrals",
    "redemption-release",
    "point-expiry",
    "tier-reevaluation",
    "birthdays",
    "analytics-rollups",
    "ledger-verify",
  ]) {
    const job = JOBS.find((candidate) => candidate.name === name)!;
    const outcome = await runJob(job, ctx);
    if (outcome.ran && outcome.status === "failed")
      throw new Error(`demo job ${name} failed: ${outcome.error}`);
  }
  return summary;
}
