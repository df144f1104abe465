// The load process of bench/webhooks (run.ts forks it, so the load never shares an event loop with
// the server or the orchestrator). It reads a job file, turns the compact orders into signed
// Shopify-shaped deliveries with the shared factories and sends them:
//   - "autocannon": one or more autocannon runs (fixed duration, optional overallRate);
//   - "paced": an open-loop sender at a fixed rate (a request starts every 1/rate s whatever is
//     outstanding; latency counted from the scheduled start, so a stall is not hidden);
//   - "send": every delivery of a list once, with bounded concurrency, recording each answer.
// It reports progress and its result to the parent over IPC.
import { readFileSync } from "node:fs";
import http from "node:http";
import autocannon from "autocannon";
import { signBody, webhookHeaders } from "../../tests/factories/webhook-request";
import { deliveryPayload, TOPIC, type BenchOrder, type Delivery } from "./plan";

export interface Target {
  baseUrl: string;
  shop: string;
  secret: string;
}

export interface AutocannonRun {
  label: string;
  path: string;
  connections: number;
  /** Seconds. */
  duration: number;
  overallRate?: number;
  /** "consume": each request the next pool delivery (distinct orders); "cycle": any pool delivery (the bare route). */
  source: "consume" | "cycle";
}

export type LoadJob = Target &
  (
    | { kind: "autocannon"; orders: BenchOrder[]; pool: Delivery[]; runs: AutocannonRun[] }
    | { kind: "paced"; orders: BenchOrder[]; pool: Delivery[]; rate: number; duration: number }
    | { kind: "send"; orders: BenchOrder[]; deliveries: Delivery[]; concurrency: number }
  );

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface RunSummary {
  label: string;
  /** Requests answered 200 per second of the run. */
  okPerSecond: number;
  requests: number;
  ok: number;
  non200: number;
  errors: number;
  timeouts: number;
  seconds: number;
  latency: LatencySummary;
}

export interface LoadResult {
  runs: RunSummary[];
  /** autocannon/paced: how many pool deliveries were sent at least once (indices 0 … consumed − 1). */
  consumed: number;
  /** autocannon/paced: true when more requests were made than the pool holds (later ones repeated deliveries). */
  poolExhausted: boolean;
  /** Per delivery (pool or list): the HTTP status of its last answer, 0 for none (connection error, cut off). */
  statuses: number[];
  /** send: answers 200 that said the webhook id had been applied already. */
  duplicates: number;
  bodyBytes: { min: number; mean: number; max: number };
}

export type LoadMessage =
  | { type: "progress"; done: number; ok: number; total: number }
  | { type: "result"; result: LoadResult }
  | { type: "error"; message: string };

interface Prepared {
  body: string;
  headers: Record<string, string>;
}

/**
 * Every delivery's body and headers, built before the clock starts so the load process spends its
 * CPU on HTTP only. Copies of a delivery (same order and topic) share one body string.
 */
function prepareAll(target: Target, orders: BenchOrder[], deliveries: Delivery[]): Prepared[] {
  const bodies = new Map<string, { body: string; hmac: string }>();
  return deliveries.map((delivery) => {
    const key = `${delivery.order}:${delivery.kind}`;
    let signed = bodies.get(key);
    if (!signed) {
      const body = JSON.stringify(deliveryPayload(orders[delivery.order], delivery.kind));
      signed = { body, hmac: signBody(body, target.secret) };
      bodies.set(key, signed);
    }
    const topic = TOPIC[delivery.kind];
    return {
      body: signed.body,
      headers: webhookHeaders(signed.body, {
        shop: target.shop,
        topic,
        secret: target.secret,
        webhookId: delivery.webhookId,
        hmac: signed.hmac,
      }),
    };
  });
}

function summarise(values: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1], mean };
}

/** Resolves once the message is handed to the IPC channel (a large result must be flushed before disconnecting). */
const send = (message: LoadMessage) =>
  new Promise<void>((resolve) =>
    process.send ? process.send(message, undefined, {}, () => resolve()) : resolve(),
  );

function bodyStats(prepared: Prepared[]) {
  if (prepared.length === 0) return { min: 0, mean: 0, max: 0 };
  let min = Infinity;
  let max = 0;
  let total = 0;
  for (const { body } of prepared) {
    const size = Buffer.byteLength(body);
    min = Math.min(min, size);
    max = Math.max(max, size);
    total += size;
  }
  return { min, mean: Math.round(total / prepared.length), max };
}

async function runAutocannon(job: Extract<LoadJob, { kind: "autocannon" }>): Promise<LoadResult> {
  const prepared = prepareAll(job, job.orders, job.pool);
  const statuses = new Array<number>(prepared.length).fill(0);
  let consumed = 0;
  let cycled = 0;
  let poolExhausted = false;
  // Runs with the same label are added up (the orchestrator alternates the routes in rounds);
  // latencies are collected per response so percentiles over several runs are exact.
  const groups = new Map<
    string,
    Omit<RunSummary, "okPerSecond" | "latency"> & { latencies: number[] }
  >();
  for (const run of job.runs) {
    const group = groups.get(run.label) ?? {
      label: run.label,
      requests: 0,
      ok: 0,
      non200: 0,
      errors: 0,
      timeouts: 0,
      seconds: 0,
      latencies: [],
    };
    groups.set(run.label, group);
    const result = await new Promise<autocannon.Result>((resolveRun, reject) => {
      const instance = autocannon(
        {
          url: job.baseUrl,
          connections: run.connections,
          duration: run.duration,
          ...(run.overallRate ? { overallRate: run.overallRate } : {}),
          timeout: 30,
          requests: [
            {
              method: "POST",
              path: run.path,
              setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
                let index: number;
                if (run.source === "consume") {
                  if (consumed >= prepared.length) poolExhausted = true;
                  index = consumed++ % prepared.length;
                } else {
                  index = cycled++ % prepared.length;
                }
                context.index = index;
                const { body, headers } = prepared[index];
                return { ...request, headers, body };
              },
              onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
                if (run.source === "consume") statuses[context.index as number] = status;
              },
            } as autocannon.Request,
          ],
        },
        (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolveRun(done)),
      );
      // The tracker emits (client, statusCode, bytes, responseTimeMs); @types/autocannon omits the client.
      instance.on("response", ((...args: unknown[]) =>
        group.latencies.push(Number(args[args.length - 1]))) as never);
    });
    group.requests += result.requests.total;
    group.ok += result["2xx"];
    group.non200 += result.non2xx;
    group.errors += result.errors;
    group.timeouts += result.timeouts;
    group.seconds += result.duration;
  }
  const runs: RunSummary[] = [...groups.values()].map(({ latencies, ...group }) => ({
    ...group,
    okPerSecond: group.ok / group.seconds,
    latency: summarise(latencies),
  }));
  return {
    runs,
    consumed: Math.min(consumed, prepared.length),
    poolExhausted,
    statuses,
    duplicates: 0,
    bodyBytes: bodyStats(prepared),
  };
}

interface Answer {
  status: number;
  /** The app answered {"outcome":"duplicate"}: this webhook id had already been applied. */
  duplicate: boolean;
}

function post(
  agent: http.Agent,
  base: URL,
  topicPath: string,
  prepared: Prepared,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: "POST",
        path: topicPath,
        headers: { ...prepared.headers, "Content-Length": Buffer.byteLength(prepared.body) },
        timeout: timeoutMs,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < 4096) text += chunk;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            duplicate: text.includes('"outcome":"duplicate"'),
          }),
        );
        response.on("error", () => resolve({ status: 0, duplicate: false }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve({ status: 0, duplicate: false }));
    request.end(prepared.body);
  });
}

async function runSend(job: Extract<LoadJob, { kind: "send" }>): Promise<LoadResult> {
  const base = new URL(job.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const statuses = new Array<number>(job.deliveries.length).fill(0);
  const latencies = new Float64Array(job.deliveries.length);
  const prepared = prepareAll(job, job.orders, job.deliveries);
  let next = 0;
  let done = 0;
  let ok = 0;
  let errors = 0;
  let duplicates = 0;
  const progress = setInterval(
    () => void send({ type: "progress", done, ok, total: job.deliveries.length }),
    200,
  );
  const started = performance.now();
  const worker = async () => {
    while (next < job.deliveries.length) {
      const index = next++;
      const delivery = job.deliveries[index];
      const sentAt = performance.now();
      const { status, duplicate } = await post(
        agent,
        base,
        `/webhooks/${TOPIC[delivery.kind]}`,
        prepared[index],
        30_000,
      );
      if (status === 200 && duplicate) duplicates++;
      latencies[index] = performance.now() - sentAt;
      statuses[index] = status;
      done++;
      if (status === 200) ok++;
      else if (status === 0) errors++;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  agent.destroy();
  const okLatencies = latencies.filter((_, i) => statuses[i] === 200);
  return {
    runs: [
      {
        label: "send",
        okPerSecond: ok / seconds,
        requests: job.deliveries.length,
        ok,
        non200: job.deliveries.length - ok - errors,
        errors,
        timeouts: 0,
        seconds,
        latency: summarise(okLatencies),
      },
    ],
    consumed: job.deliveries.length,
    poolExhausted: false,
    statuses,
    duplicates,
    bodyBytes: bodyStats(prepared),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runPaced(job: Extract<LoadJob, { kind: "paced" }>): Promise<LoadResult> {
  const prepared = prepareAll(job, job.orders, job.pool);
  const base = new URL(job.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const total = Math.min(prepared.length, Math.round(job.rate * job.duration));
  const statuses = new Array<number>(prepared.length).fill(0);
  const latencies = new Float64Array(total);
  const interval = 1000 / job.rate;
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inflight.push(
      post(agent, base, "/webhooks/orders/paid", prepared[index], 30_000).then(({ status }) => {
        statuses[index] = status;
        latencies[index] = performance.now() - due;
      }),
    );
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const ok = statuses.filter((status) => status === 200).length;
  const errors = statuses.slice(0, total).filter((status) => status === 0).length;
  return {
    runs: [
      {
        label: "paced",
        okPerSecond: ok / seconds,
        requests: total,
        ok,
        non200: total - ok - errors,
        errors,
        timeouts: 0,
        seconds,
        latency: summarise(latencies),
      },
    ],
    consumed: total,
    poolExhausted: false,
    statuses,
    duplicates: 0,
    bodyBytes: bodyStats(prepared),
  };
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2], "utf8")) as LoadJob;
  const result =
    job.kind === "autocannon"
      ? await runAutocannon(job)
      : job.kind === "paced"
        ? await runPaced(job)
        : await runSend(job);
  await send({ type: "result", result });
}

main().then(
  () => process.disconnect?.(),
  async (error: unknown) => {
    await send({
      type: "error",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exitCode = 1;
    process.disconnect?.();
  },
);
