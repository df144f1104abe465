// Seeds the demo shop: installs it (offline session, default program) and sends a year of
// customers and orders through the real signed-webhook path of the running server.
import { seededRandom } from "../../tests/factories/random";
import {
  customerPayload,
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../../tests/factories/webhook-payloads";
import { webhookRequest } from "../../tests/factories/webhook-request";
import { shopperToken } from "../../tests/support/session-tokens";
import type { Db } from "../../app/db.server";
import type { SqlDatabase } from "../../app/db/sql.server";
import { JOBS } from "../../app/jobs/jobs.server";
import { runJob } from "../../app/jobs/registry.server";
import { currentProgramVersion, saveProgramVersion } from "../../app/models/program.server";
import { installShop } from "../../tests/factories/shop";

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

export interface SeedOptions {
  baseUrl: string;
  shop: string;
  secret: string;
  customers: number;
  now: Date;
  concurrency?: number;
}

export async function seedDemoShop(db: Db, options: SeedOptions): Promise<{ deliveries: number }> {
  await installShop(db, options.shop);
  const random = seededRandom(2026);
  const deliveries: { topic: string; payload: unknown; at: number }[] = [];
  const yearMs = 365 * 86_400_000;
  let orderId = 1_000_000;
  for (let index = 0; index < options.customers; index++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const customer = {
      id: 800_000 + index,
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
      firstName,
      lastName,
    };
    const joinedAt = options.now.getTime() - yearMs + random.int(0, yearMs / 2);
    deliveries.push({
      topic: "customers/create",
      payload: customerPayload({ ...customer, createdAt: new Date(joinedAt).toISOString() }),
      at: joinedAt,
    });
    const orders = random.chance(0.15) ? 0 : random.int(1, 8);
    for (let n = 0; n < orders; n++) {
      const placedAt = random.int(joinedAt, options.now.getTime() - 3_600_000);
      const spec: OrderSpec = {
        id: orderId++,
        customer: random.chance(0.92) ? customer : null,
        createdAt: new Date(placedAt).toISOString(),
        lines: Array.from({ length: random.int(1, 4) }, () => ({
          price: random.int(8, 180) * 100 - 1,
          quantity: random.int(1, 3),
          discount: random.chance(0.2) ? 500 : 0,
        })),
      };
      deliveries.push({ topic: "orders/paid", payload: orderPayload(spec), at: placedAt });
      if (random.chance(0.06)) {
        const line = spec.lines[0];
        const refund = {
          id: spec.id * 10,
          orderId: spec.id,
          lines: [
            {
              lineId: lineIdFor(spec, 0),
              quantity: 1,
              subtotal: line.price - Math.floor((line.discount ?? 0) / (line.quantity ?? 1)),
            },
          ],
          createdAt: new Date(placedAt + 5 * 86_400_000).toISOString(),
        };
        deliveries.push({
          topic: "refunds/create",
          payload: refundPayload(refund),
          at: placedAt + 5 * 86_400_000,
        });
      } else if (random.chance(0.02)) {
        const cancelledAt = new Date(placedAt + 86_400_000).toISOString();
        deliveries.push({
          topic: "orders/cancelled",
          payload: orderPayload({
            ...spec,
            cancelledAt,
            updatedAt: cancelledAt,
            financialStatus: "refunded",
          }),
          at: placedAt + 86_400_000,
        });
      }
    }
  }
  deliveries.sort((a, b) => a.at - b.at);
  await sendAll(deliveries, options);
  return { deliveries: deliveries.length };
}

async function sendAll(
  deliveries: { topic: string; payload: unknown }[],
  options: SeedOptions,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const { topic, payload } = deliveries[next++];
      const request = webhookRequest(options.baseUrl, payload, {
        shop: options.shop,
        topic,
        secret: options.secret,
      });
      const response = await fetch(request);
      if (response.status !== 200)
        throw new Error(`${topic} delivery answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
}

/**
 * After seedDemoShop: switches the birthday and first-login bonuses on and exercises both through
 * their real paths: the first seeded customer sets today as their birthday on the shopper API and
 * the birthday job (as JOBS runs it) pays it; the second opens their Rewards page (GET /api/loyalty)
 * for the first time, which pays the first-login bonus.
 */
export async function seedEarnActions(
  db: Db,
  sql: SqlDatabase,
  options: SeedOptions & { apiKey: string },
): Promise<void> {
  const { program } = await currentProgramVersion(db, options.shop);
  await saveProgramVersion(
    db,
    options.shop,
    {
      ...program,
      birthday: { ...program.birthday, enabled: true },
      accountActivation: { ...program.accountActivation, enabled: true },
    },
    "local-demo",
  );
  const call = async (customerId: number, method: string, path: string, body?: unknown) => {
    const token = await shopperToken({
      shop: options.shop,
      customerId,
      audience: options.apiKey,
      secret: options.secret,
    });
    const response = await fetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        // Shopify's helper answers requests without a browser's User-Agent as bots (410).
        "User-Agent": "Mozilla/5.0 (tally-demo seed)",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  };
  // The demo shop's time zone is UTC.
  const today = { month: options.now.getUTCMonth() + 1, day: options.now.getUTCDate() };
  await call(800_000, "POST", "/api/loyalty/birthday", today);
  const birthdays = JOBS.find((job) => job.name === "birthdays")!;
  await runJob(birthdays, { db, sql, now: options.now, adminFor: async () => null });
  await call(800_001, "GET", "/api/loyalty");
}
